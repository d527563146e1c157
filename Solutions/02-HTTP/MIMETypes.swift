import NetLabKit

/// The `Content-Type` of a file, chosen by its extension.
///
/// Browsers trust this header: a `.css` served as `text/plain` is ignored, a `.js` served as
/// anything but JavaScript is refused, and a `.wasm` must be `application/wasm` to stream.
public enum MIMETypes {
    /// Extension (lower case, no dot) to media type. Text types say their charset, so a
    /// UTF-8 page shows correctly without a `<meta charset>`.
    public static let table: [String: String] = [
        "html": "text/html; charset=utf-8", "htm": "text/html; charset=utf-8",
        "css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8",
        "mjs": "text/javascript; charset=utf-8", "json": "application/json",
        "txt": "text/plain; charset=utf-8", "md": "text/markdown; charset=utf-8",
        "csv": "text/csv; charset=utf-8", "xml": "application/xml",
        "svg": "image/svg+xml", "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg",
        "gif": "image/gif", "ico": "image/x-icon", "webp": "image/webp", "avif": "image/avif",
        "bmp": "image/bmp",
        "mp4": "video/mp4", "webm": "video/webm", "ogv": "video/ogg",
        "mp3": "audio/mpeg", "ogg": "audio/ogg", "wav": "audio/wav", "flac": "audio/flac",
        "wasm": "application/wasm", "pdf": "application/pdf", "zip": "application/zip",
        "gz": "application/gzip", "tar": "application/x-tar",
        "woff": "font/woff", "woff2": "font/woff2", "ttf": "font/ttf", "otf": "font/otf",
    ]

    /// What unknown extensions get: "some bytes", which browsers download rather than show.
    public static let fallback = "application/octet-stream"

    /// The media type for a file name or path: `"style.CSS"` gives `text/css; charset=utf-8`,
    /// `"archive.xyz"` and `"README"` give `application/octet-stream`.
    public static func contentType(forPath path: String) throws -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return fallback }
        let ext = String(name[name.index(after: dot)...]).asciiLowercased
        return table[ext] ?? fallback
    }
}
