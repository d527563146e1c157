import NetLabKit

/// The HTML page a server shows for a directory without `index.html`.
public enum DirectoryListing {
    /// Reads a directory's entries (following symlinks for their size and kind).
    ///
    /// - Returns: the entries in no particular order, or `nil` if it cannot be read.
    ///
    /// TODO: `FileSystem.names(inDirectory:)` and `FileSystem.info(_:)`.
    public static func entries(atPath path: String) throws -> [DirectoryEntry]? {
        throw NotImplemented("DirectoryListing.entries")
    }

    /// Renders a listing: entries sorted by name (byte order), each with a link, its size
    /// in bytes (`-` for directories) and its modification time in UTC. Names are
    /// percent-encoded in links and HTML-escaped in both the link and the text, so a file
    /// called `<b>&"x".txt` shows as itself and links to itself.
    ///
    /// - Parameters:
    ///   - urlPath: the decoded URL path of the directory, such as `/docs/`, for the title.
    ///   - entries: the directory's entries, in any order.
    ///
    /// TODO: a `<table>` with one row per entry: `<a href="./ENCODED">ESCAPED</a>`, the size
    /// in its own cell (`<td>123</td>`), and a date like `2024-05-01 12:34`. Folders get a
    /// trailing `/` in both link and text. Add a `../` row except at `/`.
    public static func render(urlPath: String, entries: [DirectoryEntry]) throws -> String {
        throw NotImplemented("DirectoryListing.render")
    }
}
