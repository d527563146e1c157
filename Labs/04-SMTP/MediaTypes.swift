import NetLabKit

/// The Content-Type of an attachment, from its file name's extension.
public enum MediaTypes {
    /// The media type for `filename` (case-insensitive extension), or
    /// `application/octet-stream` when the extension is unknown or missing.
    public static func type(forFilename filename: String) -> String {
        // TODO: at least txt, html, csv, json, pdf, png, jpg/jpeg, gif, zip.
        ""
    }
}
