/// Making folders, for programs that store what they receive (lab 04's mail sink).
internal import NetLabSystem

extension FileSystem {
    /// Creates a folder and any missing folders above it, like `mkdir -p`. A folder that
    /// already exists is fine.
    ///
    /// - Parameter path: the folder to create.
    /// - Throws: `FileError` naming the path, for example when a file is in the way.
    /// The corresponding C call is `mkdir(2)`.
    public static func createDirectory(_ path: String) throws(FileError) {
        if isDirectory(path) { return }
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            prefix += component
            if !isDirectory(prefix) && mkdir(prefix, 0o755) != 0 && errno != EEXIST {
                throw FileError(path: prefix, call: "mkdir", errno: errno)
            }
            prefix += "/"
        }
        guard isDirectory(path) else { throw FileError(path: path, call: "mkdir", errno: ENOTDIR) }
    }
}
