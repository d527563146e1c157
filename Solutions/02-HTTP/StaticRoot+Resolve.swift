import NetLabKit
import NetLabSystem

extension StaticRoot {
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
