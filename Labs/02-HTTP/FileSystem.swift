import NetLabKit

/// The few file-system calls the server needs, as small Swift functions over Glibc.

/// What `stat(2)` says about a path.
struct FileInfo: Sendable, Equatable {
    enum Kind: Sendable { case regular, directory, other }
    var kind: Kind
    var size: Int
    /// Last modification, in seconds since 1970.
    var modified: Int
}

enum FileSystem {
    /// Follows symlinks. The corresponding C call is `stat(2)`.
    static func info(_ path: String) -> FileInfo? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        let type = status.st_mode & S_IFMT
        let kind: FileInfo.Kind = type == S_IFREG ? .regular : type == S_IFDIR ? .directory : .other
        #if canImport(Glibc)
            let modified = Int(status.st_mtim.tv_sec)
        #else
            let modified = Int(status.st_mtimespec.tv_sec)
        #endif
        return FileInfo(kind: kind, size: Int(status.st_size), modified: modified)
    }

    /// The absolute path with every symlink, `.` and `..` resolved, or `nil` (and `errno`
    /// set) if it does not exist. The corresponding C call is `realpath(3)`.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The names in a directory, without `.` and `..`. The corresponding C calls are
    /// `opendir(3)` and `readdir(3)`.
    static func names(inDirectory path: String) -> [String]? {
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

    /// Reads `length` bytes at `offset`, or `nil` if the file is gone or shorter now.
    /// The corresponding C calls are `open(2)` and `pread(2)`.
    static func read(_ path: String, offset: Int, length: Int) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: length)
        var done = 0
        while done < length {
            let count = bytes.withUnsafeMutableBytes { raw in
                pread(descriptor, raw.baseAddress! + done, length - done, off_t(offset + done))
            }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { return nil }
            done += count
        }
        return bytes
    }
}

/// An open file read piece by piece, so a large file never sits in memory whole.
final class OpenFile {
    private let descriptor: Int32

    /// The corresponding C call is `open(2)`.
    init?(path: String) {
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        if descriptor < 0 { return nil }
    }

    deinit { close(descriptor) }

    /// Reads into `buffer` from `offset`; returns the count (0 at the end, -1 on error).
    /// The corresponding C call is `pread(2)`.
    func read(into buffer: inout [UInt8], at offset: Int, maximum: Int) -> Int {
        while true {
            let count = buffer.withUnsafeMutableBytes { raw in
                pread(descriptor, raw.baseAddress!, min(maximum, raw.count), off_t(offset))
            }
            if count < 0 && errno == EINTR { continue }
            return count
        }
    }
}
