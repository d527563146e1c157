/// Reading and writing whole files with the C library (the lab module stays free of
/// Foundation). Given code: nothing to write here.
import NetLabKit

public enum LocalFile {
    /// Reads a whole file.
    /// The corresponding C calls are `fopen(3)`, `fread(3)` and `fclose(3)`.
    public static func read(_ path: String) throws -> [UInt8] {
        guard let file = fopen(path, "rb") else { throw FileTransferError.localFile(path, errno) }
        defer { fclose(file) }
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if count == 0 { break }
            result += chunk[0..<count]
        }
        if ferror(file) != 0 { throw FileTransferError.localFile(path, errno) }
        return result
    }

    /// Writes a whole file, replacing it: first to `path.part`, then renamed, so a reader
    /// never sees half a file and a failed write leaves nothing behind.
    /// The corresponding C calls are `fopen(3)`, `fwrite(3)` and `rename(2)`.
    public static func write(_ bytes: [UInt8], to path: String) throws {
        let temporary = path + ".part"
        guard let file = fopen(temporary, "wb") else { throw FileTransferError.localFile(temporary, errno) }
        let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        let closed = fclose(file)
        guard written == bytes.count, closed == 0, rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw FileTransferError.localFile(path, code)
        }
    }

    /// The canonical absolute path (symlinks resolved), or `nil` if it does not exist.
    /// The corresponding C call is `realpath(3)`.
    public static func canonical(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Whether `path` is a regular file (not a folder or a device).
    /// The corresponding C call is `stat(2)`.
    public static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        return (info.st_mode & S_IFMT) == S_IFREG
    }
}
