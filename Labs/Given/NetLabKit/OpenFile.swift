/// An open file: a file descriptor that is closed exactly once, when the last reference
/// goes away.
///
/// Open a file to read it piece by piece (a large file never has to sit in memory whole)
/// or to write to it. For a whole file at once, `FileSystem.readAll` and
/// `FileSystem.writeAtomically` are shorter.
///
/// ```swift
/// let file = try OpenFile("big.iso")
/// let first = try file.read(at: 0, length: 65_536)
/// let log = try OpenFile("access.log", for: .appending)
/// try log.write(Array("one line\n".utf8))
/// ```
///
/// Reads take an explicit offset (`pread(2)`), so several threads may read one `OpenFile`.
internal import NetLabSystem

public final class OpenFile: Sendable {
    /// What the file is opened for.
    public enum Mode: Sendable {
        /// Reading only. The file must exist.
        case reading
        /// Writing from the start: the file is created, or emptied if it exists.
        case writing
        /// Writing at the end: the file is created if needed, and every `write` goes after
        /// what is there, even with several writers. One `write` of one line is never
        /// interleaved with another's, which is what a log needs.
        case appending
    }

    /// The path the file was opened with.
    public let path: String
    private let descriptor: Int32
    private let closesOnDeinit: Bool

    /// Standard output (descriptor 1). Never closed.
    public static let standardOutput = OpenFile(standard: STDOUT_FILENO, name: "standard output")
    /// Standard error (descriptor 2). Never closed.
    public static let standardError = OpenFile(standard: STDERR_FILENO, name: "standard error")

    /// Opens a file.
    ///
    /// - Parameters:
    ///   - path: the file.
    ///   - mode: what for; a new file gets permissions `rw-r--r--` (less the umask).
    /// - Throws: `FileError` naming the path, for example when it does not exist.
    /// The corresponding C call is `open(2)`.
    public convenience init(_ path: String, for mode: Mode = .reading) throws(FileError) {
        let flags: Int32
        switch mode {
        case .reading: flags = O_RDONLY
        case .writing: flags = O_WRONLY | O_CREAT | O_TRUNC
        case .appending: flags = O_WRONLY | O_CREAT | O_APPEND
        }
        try self.init(path, flags: flags | O_CLOEXEC)
    }

    /// Opens a file for reading, or gives `nil` if it cannot be opened.
    /// The corresponding C call is `open(2)`.
    public convenience init?(path: String) {
        do {
            try self.init(path, flags: O_RDONLY | O_CLOEXEC)
        } catch {
            return nil
        }
    }

    /// Opens with raw `open(2)` flags (`O_EXCL` for a file that must be new).
    init(_ path: String, flags: Int32) throws(FileError) {
        let descriptor = retryingInterrupts { open(path, flags, 0o644) }
        guard descriptor >= 0 else { throw FileError(path: path, call: "open", errno: errno) }
        self.path = path
        self.descriptor = descriptor
        closesOnDeinit = true
    }

    private init(standard descriptor: Int32, name: String) {
        path = name
        self.descriptor = descriptor
        closesOnDeinit = false
    }

    /// The corresponding C call is `close(2)`.
    deinit { if closesOnDeinit { _ = System.close(descriptor) } }

    /// What the open file is now (its size, kind and modification time).
    /// The corresponding C call is `fstat(2)`.
    public func info() throws(FileError) -> FileInfo {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw failure("fstat") }
        return FileInfo(status)
    }

    /// Reads into `buffer` from `offset`, at most `maximum` bytes (and at most the
    /// buffer's size).
    ///
    /// - Returns: the count read: 0 at the end of the file, -1 on an error.
    /// The corresponding C call is `pread(2)`.
    public func read(into buffer: inout [UInt8], at offset: Int, maximum: Int) -> Int {
        buffer.withUnsafeMutableBytes { read(into: $0, at: offset, maximum: maximum) }
    }

    /// Reads `length` bytes starting at `offset`, or fewer if the file ends first.
    ///
    /// - Throws: `FileError` if the read fails.
    /// The corresponding C call is `pread(2)`.
    public func read(at offset: Int, length: Int) throws(FileError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: length)
        var done = 0
        while done < length {
            let count = bytes.withUnsafeMutableBytes { raw in
                read(into: raw, at: offset + done, maximum: length - done)
            }
            if count < 0 { throw failure("pread") }
            if count == 0 { break }
            done += count
        }
        bytes.removeSubrange(done...)
        return bytes
    }

    /// Reads the whole file, from its first byte to its last.
    ///
    /// - Throws: `FileError` if the read fails.
    /// The corresponding C call is `pread(2)`.
    public func readAll() throws(FileError) -> [UInt8] {
        let expected = (try? info().size) ?? 0
        var result = try read(at: 0, length: max(expected, 0))
        // The file may have grown since `fstat`: read on until a read finds its end.
        while true {
            let more = try read(at: result.count, length: 65_536)
            if more.isEmpty { return result }
            result += more
        }
    }

    /// Writes every byte, however many `write` calls that takes.
    ///
    /// - Throws: `FileError` if a write fails (the disk is full, the pipe is closed…).
    /// The corresponding C call is `write(2)`.
    public func write(_ bytes: ArraySlice<UInt8>) throws(FileError) {
        let descriptor = self.descriptor
        let code = bytes.withUnsafeBytes { raw in
            writeAll(raw) { System.write(descriptor, $0.baseAddress, $0.count) }
        }
        if let code { throw FileError(path: path, call: "write", errno: code) }
    }

    /// Writes every byte. The corresponding C call is `write(2)`.
    public func write(_ bytes: [UInt8]) throws(FileError) {
        try write(bytes[...])
    }

    /// Waits until what was written is on the disk, not only in the kernel's memory.
    /// The corresponding C call is `fsync(2)`.
    func synchronize() throws(FileError) {
        let descriptor = self.descriptor
        if retryingInterrupts({ fsync(descriptor) }) != 0 { throw failure("fsync") }
    }

    /// One `pread` into raw memory.
    private func read(into raw: UnsafeMutableRawBufferPointer, at offset: Int, maximum: Int) -> Int {
        let descriptor = self.descriptor
        return retryingInterrupts { pread(descriptor, raw.baseAddress, min(maximum, raw.count), off_t(offset)) }
    }

    private func failure(_ call: String) -> FileError {
        FileError(path: path, call: call, errno: errno)
    }
}
