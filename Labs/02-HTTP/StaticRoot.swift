import NetLabKit
import NetLabSystem

/// The folder a server serves, and the one safe way to turn a request target into a file
/// inside it.
///
/// Every request path goes through `resolve`. It refuses anything that could leave the
/// root: `..` segments (also written `%2e%2e`, or with `%2f` for the slash), and symlinks
/// that point outside (checked after `realpath(3)` has followed them).
public struct StaticRoot: Sendable {
    /// The root's absolute path with symlinks resolved.
    public let path: String

    /// The root folder could not be used.
    public struct RootError: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    /// - Throws: `RootError` if `path` is not an existing directory.
    public init(path: String) throws {
        guard let real = FileSystem.realPath(path), FileSystem.info(real)?.kind == .directory else {
            throw RootError(description: "'\(path)' is not a directory that can be served")
        }
        self.path = real
    }

    /// Where a request target leads.
    public enum Resolution: Sendable, Equatable {
        /// A regular file inside the root.
        case file(path: String, size: Int, modified: Int)
        /// A directory inside the root, asked for with a trailing slash.
        case directory(path: String)
        /// A directory asked for without the trailing slash: redirect to `location`, so
        /// relative links in its page resolve inside it.
        case redirect(location: String)
        /// 400: not an origin-form path, or bad percent-encoding.
        case badRequest
        /// 403: a `..` segment, a symlink out of the root, or something that is not a file.
        case forbidden
        /// 404: nothing there.
        case notFound
    }
}
