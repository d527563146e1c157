import NetLabKit

extension AppRoute {
    /// Decides which route a request target takes (part 1).
    ///
    /// - `/` and `/index.html` are the home page (a query after them is ignored).
    /// - `/watch?v=ID` is the watch page when `v` is one to 64 characters, each a letter,
    ///   a digit, `_` or `-`; any other `v`, or none, is `.notFound`.
    /// - `/static/REST` and `/media/REST` are assets, with the target `/REST` (query kept).
    /// - Everything else (absolute-form targets included) is `.notFound`.
    ///
    /// - Parameter target: the request target as sent, such as `/watch?v=intro`.
    public static func parse(_ target: String) -> AppRoute {
        guard target.hasPrefix("/") else { return .notFound }
        let path = String(target.prefix { $0 != "?" })
        let query = target.dropFirst(path.count).dropFirst()
        if path == "/" || path == "/index.html" { return .home }
        if path == "/watch" {
            for pair in query.split(separator: "&") where pair.hasPrefix("v=") {
                let id = String(pair.dropFirst(2))
                return isVideoID(id) ? .watch(id: id) : .notFound
            }
            return .notFound
        }
        for folder in [AssetFolder.static, .media] {
            let prefix = "/\(folder.rawValue)/"
            if target.hasPrefix(prefix) { return .asset(folder, target: String(target.dropFirst(prefix.count - 1))) }
        }
        return .notFound
    }

    /// Whether `id` can name a video: 1 to 64 ASCII letters, digits, `_` or `-`.
    public static func isVideoID(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.count <= 64
            && id.utf8.allSatisfy { byte in
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                    || byte == 0x5F || byte == 0x2D
            }
    }
}
