import NetLabKit

/// Fills in the watch page's template (part 1).
public enum WatchPage {
    /// The template with every `{{id}}` and `{{title}}` replaced by `id`, HTML-escaped.
    ///
    /// - Parameters:
    ///   - template: the text of `watch.html`.
    ///   - id: the video's ID (already checked by `AppRoute.isVideoID`).
    public static func render(_ template: String, id: String) -> String {
        // TODO: part 1. Replace {{id}} and {{title}} with the escaped ID.
        ""
    }

    /// `text` with `&`, `<`, `>`, `"` and `'` written as HTML character references.
    public static func escape(_ text: String) -> String {
        // TODO: part 1.
        ""
    }
}
