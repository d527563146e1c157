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

    /// Maps a request target (`/docs/a%20b.html?x=1`) to what it names under the root.
    public func resolve(target: String) throws -> Resolution {
        guard let rawPath = Self.path(of: target), let decoded = try PercentEncoding.decode(rawPath) else {
            return .badRequest
        }
        // Decode first, then split: `%2f` is a separator and `%2e%2e` is `..` like any other.
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: true)
        if segments.contains(where: { $0 == ".." }) { return .forbidden }
        let kept = segments.filter { $0 != "." }
        let candidate = kept.isEmpty ? path : path + "/" + kept.joined(separator: "/")
        guard let real = FileSystem.realPath(candidate) else {
            return errno == EACCES ? .forbidden : .notFound
        }
        guard contains(real), let info = FileSystem.info(real) else { return .forbidden }
        switch info.kind {
        case .directory:
            return decoded.hasSuffix("/") ? .directory(path: real) : .redirect(location: rawPath + "/")
        case .regular:
            return decoded.hasSuffix("/") ? .notFound : .file(path: real, size: info.size, modified: info.modified)
        case .other:
            return .forbidden
        }
    }

    /// Whether an absolute, symlink-free path lies inside the root (and not merely in a
    /// sibling such as `/srv/www-secret` next to `/srv/www`).
    func contains(_ real: String) -> Bool {
        real == path || real.hasPrefix(path == "/" ? "/" : path + "/")
    }

    /// The path part of a target: origin-form `/a/b?q` gives `/a/b`; absolute-form
    /// `http://host/a/b` (RFC 9112 §3.2.2) gives `/a/b`; anything else gives `nil`.
    static func path(of target: String) -> String? {
        var rest = Substring(target)
        if let end = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) { rest = rest[..<end] }
        if rest.hasPrefix("/") { return String(rest) }
        let lower = rest.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") {
            let afterScheme = rest[rest.index(rest.startIndex, offsetBy: lower.hasPrefix("http://") ? 7 : 8)...]
            guard let slash = afterScheme.firstIndex(of: "/") else { return "/" }
            return String(afterScheme[slash...])
        }
        return nil
    }
}
