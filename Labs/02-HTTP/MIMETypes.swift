import NetLabKit

/// The `Content-Type` of a file, chosen by its extension.
///
/// Browsers trust this header: a `.css` served as `text/plain` is ignored, a `.js` served as
/// anything but JavaScript is refused, and a `.wasm` must be `application/wasm` to stream.
public enum MIMETypes {
    /// Extension (lower case, no dot) to media type.
    ///
    /// TODO: add css, js, json, svg, png, jpg/jpeg, gif, ico, webp, mp4, webm, mp3, wasm,
    /// pdf… (the handout lists what the tests expect). Say `; charset=utf-8` on text types.
    public static let table: [String: String] = [
        "html": "text/html; charset=utf-8",
        "txt": "text/plain; charset=utf-8",
    ]

    /// What unknown extensions get: "some bytes", which browsers download rather than show.
    public static let fallback = "application/octet-stream"

    /// The media type for a file name or path: `"style.CSS"` gives `text/css; charset=utf-8`,
    /// `"archive.xyz"` and `"README"` give `application/octet-stream`.
    ///
    /// TODO: the extension is what follows the last dot of the last path component, compared
    /// in lower case. A dot-file such as `.bashrc` has no extension.
    public static func contentType(forPath path: String) throws -> String {
        throw NotImplemented("MIMETypes.contentType")
    }
}
