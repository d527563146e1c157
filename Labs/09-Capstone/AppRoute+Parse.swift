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
        // TODO: part 1. Split the path from the query; match /, /index.html, /watch?v=ID,
        // /static/… and /media/….
        .notFound
    }

    /// Whether `id` can name a video: 1 to 64 ASCII letters, digits, `_` or `-`.
    public static func isVideoID(_ id: String) -> Bool {
        // TODO: part 1.
        false
    }
}
