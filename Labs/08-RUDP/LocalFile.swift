/// Lab 08's names for the kit's file calls (`FileSystem` in NetLabKit), with failures as
/// `FileTransferError.localFile`, the error the file client and server report.
/// Given code: nothing to write here.
import NetLabKit

public enum LocalFile {
    /// Reads a whole file.
    /// - Throws: `FileTransferError.localFile` naming the path.
    public static func read(_ path: String) throws(FileTransferError) -> [UInt8] {
        do {
            return try FileSystem.readAll(path)
        } catch {
            throw .localFile(error.path, error.errno)
        }
    }

    /// Writes a whole file, replacing it, so a reader never sees half a file and a failed
    /// write leaves nothing behind (`FileSystem.writeAtomically`).
    /// - Throws: `FileTransferError.localFile` naming the path.
    public static func write(_ bytes: [UInt8], to path: String) throws(FileTransferError) {
        do {
            try FileSystem.writeAtomically(bytes, to: path)
        } catch {
            throw .localFile(error.path, error.errno)
        }
    }

    /// The canonical absolute path (symlinks resolved), or `nil` if it does not exist.
    public static func canonical(_ path: String) -> String? { FileSystem.realPath(path) }

    /// Whether `path` is a regular file (not a folder or a device).
    public static func isRegularFile(_ path: String) -> Bool { FileSystem.isRegularFile(path) }
}
