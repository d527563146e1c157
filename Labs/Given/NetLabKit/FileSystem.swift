/// Files and folders by path, as small Swift functions over the C library.
///
/// Looking a path up (`info`, `realPath`, `names(inDirectory:)`) gives `nil` when there is
/// nothing there, because a server asks about paths that do not exist all the time (that
/// is a 404, not a failure). Reading and writing throw a `FileError` that names the path.
/// To read a file piece by piece, or to write one, open it as an `OpenFile`.
///
/// ```swift
/// guard let info = FileSystem.info(path), info.kind == .regular else { return notFound }
/// let bytes = try FileSystem.readAll(path)
/// try FileSystem.writeAtomically(bytes, to: copy)
/// ```
internal import NetLabSystem
import Synchronization

/// What `stat(2)` says about a path.
public struct FileInfo: Sendable, Equatable {
    public enum Kind: Sendable { case regular, directory, other }
    public var kind: Kind
    /// The size in bytes (for a regular file).
    public var size: Int
    /// Last modification, in seconds since 1970.
    public var modified: Int

    public init(kind: Kind, size: Int, modified: Int) {
        self.kind = kind
        self.size = size
        self.modified = modified
    }

    init(_ status: stat) {
        let type = status.st_mode & S_IFMT
        kind = type == S_IFREG ? .regular : type == S_IFDIR ? .directory : .other
        size = Int(status.st_size)
        modified = Platform.modificationTime(status)
    }
}

public enum FileSystem {
    /// What is at `path` (following symlinks), or `nil` if nothing is.
    /// The corresponding C call is `stat(2)`.
    public static func info(_ path: String) -> FileInfo? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return FileInfo(status)
    }

    /// Whether `path` is a folder (following symlinks).
    public static func isDirectory(_ path: String) -> Bool { info(path)?.kind == .directory }

    /// Whether `path` is a regular file: not a folder, a device or a socket.
    public static func isRegularFile(_ path: String) -> Bool { info(path)?.kind == .regular }

    /// The absolute path with every symlink, `.` and `..` resolved, or `nil` if it does not
    /// exist. Compare resolved paths to keep a server inside its folder: a symlink inside
    /// the folder may point anywhere. The corresponding C call is `realpath(3)`.
    public static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The names in a folder, without `.` and `..`, in no particular order, or `nil` if it
    /// cannot be opened. The corresponding C calls are `opendir(3)` and `readdir(3)`.
    public static func names(inDirectory path: String) -> [String]? {
        guard let directory = opendir(path) else { return nil }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// Reads a whole file into memory. For big files, read pieces with `OpenFile` instead.
    ///
    /// - Throws: `FileError` naming the path, for example when it does not exist.
    /// The corresponding C calls are `open(2)` and `pread(2)`.
    public static func readAll(_ path: String) throws(FileError) -> [UInt8] {
        try OpenFile(path).readAll()
    }

    /// Reads exactly `length` bytes at `offset`, or `nil` if the file is gone or is shorter
    /// now than that (it changed since you looked at its size).
    /// The corresponding C calls are `open(2)` and `pread(2)`.
    public static func read(_ path: String, offset: Int, length: Int) -> [UInt8]? {
        guard let bytes = try? OpenFile(path).read(at: offset, length: length), bytes.count == length else {
            return nil
        }
        return bytes
    }

    /// Writes a whole file, replacing any old one, so that a reader sees either the old
    /// file or the new one, never half of it, and a failed write leaves nothing behind.
    ///
    /// The bytes go to a new temporary file beside `path`, which is flushed to the disk and
    /// then renamed over `path` (a rename within one file system is atomic).
    ///
    /// - Throws: `FileError` naming `path`, for example when its folder does not exist.
    /// The corresponding C calls are `open(2)`, `write(2)`, `fsync(2)` and `rename(2)`.
    public static func writeAtomically(_ bytes: [UInt8], to path: String) throws(FileError) {
        let number = temporaryCount.withLock { count in
            defer { count += 1 }
            return count
        }
        let temporary = "\(path).\(getpid()).\(number).part"
        do {
            let file = try OpenFile(temporary, flags: O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC)
            try file.write(bytes)
            try file.synchronize()
        } catch {
            unlink(temporary)
            throw FileError(path: path, call: error.call, errno: error.errno)
        }
        if rename(temporary, path) != 0 {
            let code = errno
            unlink(temporary)
            throw FileError(path: path, call: "rename", errno: code)
        }
    }

    /// Writes a file piece by piece (a download too big to hold in memory), so that it
    /// appears at `path` only once `write` has returned: complete, or not at all.
    ///
    /// `write` gets a new temporary file beside `path`. When it returns, the file is flushed
    /// to the disk and renamed over `path`. When it throws, or the flush fails, the temporary
    /// file is deleted and `path` is left as it was.
    ///
    /// ```swift
    /// let summary = try FileSystem.writeAtomically(to: "big.iso") { file in
    ///     try RelayClient.fetch(url, through: relay) { try file.write($0) }
    /// }
    /// ```
    ///
    /// - Returns: what `write` returned.
    /// - Throws: what `write` throws, or `FileError` naming `path`.
    /// The corresponding C calls are `open(2)`, `write(2)`, `fsync(2)`, `rename(2)`, `unlink(2)`.
    public static func writeAtomically<Result>(to path: String, _ write: (OpenFile) throws -> Result) throws -> Result {
        let number = temporaryCount.withLock { count in
            defer { count += 1 }
            return count
        }
        let temporary = "\(path).\(getpid()).\(number).part"
        let result: Result
        do {
            let file: OpenFile
            do { file = try OpenFile(temporary, flags: O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC) } catch {
                throw FileError(path: path, call: error.call, errno: error.errno)
            }
            result = try write(file)
            try file.synchronize()
        } catch {
            unlink(temporary)
            throw error
        }
        if rename(temporary, path) != 0 {
            let code = errno
            unlink(temporary)
            throw FileError(path: path, call: "rename", errno: code)
        }
        return result
    }

    /// Numbers the temporary files of `writeAtomically`, so that two threads writing the
    /// same path never share one.
    private static let temporaryCount = Mutex(0)
}
