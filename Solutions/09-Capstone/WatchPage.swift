import NetLabKit

/// Fills in the watch page's template (part 1).
public enum WatchPage {
    /// The template with every `{{id}}` and `{{title}}` replaced by `id`, HTML-escaped.
    ///
    /// - Parameters:
    ///   - template: the text of `watch.html`.
    ///   - id: the video's ID (already checked by `AppRoute.isVideoID`).
    public static func render(_ template: String, id: String) -> String {
        let safe = escape(id)
        return template.replacing("{{id}}", with: safe).replacing("{{title}}", with: safe)
    }

    /// `text` with `&`, `<`, `>`, `"` and `'` written as HTML character references.
    public static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}
