/// A file call that failed, with the path it was about, so the message says which file:
/// `notes.txt: No such file or directory (open(2) failed, errno 2)`.
internal import NetLabSystem

public struct FileError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The file the call was about.
    public let path: String
    /// The C call that failed, such as `"open"`.
    public let call: String
    /// Why, as the C library says it (`ENOENT`, `EACCES`, …).
    public let errno: Int32

    public init(path: String, call: String, errno: Int32) {
        self.path = path
        self.call = call
        self.errno = errno
    }

    /// True when the file (or a folder on its path) does not exist: a server's 404, not
    /// its 500. The corresponding errno is `ENOENT`.
    public var isNotFound: Bool { errno == ENOENT }

    public var description: String {
        "\(path): \(Platform.describe(errno: errno)) (\(call)(2) failed, errno \(errno))"
    }
}
