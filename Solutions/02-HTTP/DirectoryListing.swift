import NetLabKit

/// The HTML page a server shows for a directory without `index.html`.
public enum DirectoryListing {
    /// Reads a directory's entries (following symlinks for their size and kind).
    ///
    /// - Returns: the entries in no particular order, or `nil` if it cannot be read.
    public static func entries(atPath path: String) throws -> [DirectoryEntry]? {
        guard let names = FileSystem.names(inDirectory: path) else { return nil }
        return names.map { name in
            let info = FileSystem.info(path + "/" + name)
            return DirectoryEntry(
                name: name, isDirectory: info?.kind == .directory, size: info?.size ?? 0, modified: info?.modified ?? 0)
        }
    }

    /// Renders a listing: entries sorted by name (byte order), each with a link, its size
    /// in bytes (`-` for directories) and its modification time in UTC. Names are
    /// percent-encoded in links and HTML-escaped in both the link and the text, so a file
    /// called `<b>&"x".txt` shows as itself and links to itself.
    ///
    /// - Parameters:
    ///   - urlPath: the decoded URL path of the directory, such as `/docs/`, for the title.
    ///   - entries: the directory's entries, in any order.
    public static func render(urlPath: String, entries: [DirectoryEntry]) throws -> String {
        let title = try HTML.escape("Index of \(urlPath)")
        var html = """
            <!DOCTYPE html>
            <html>
            <head><meta charset="utf-8"><title>\(title)</title></head>
            <body>
            <h1>\(title)</h1>
            <table>
            <tr><th>Name</th><th>Size</th><th>Last modified (UTC)</th></tr>

            """
        if urlPath != "/" {
            html += "<tr><td><a href=\"../\">../</a></td><td>-</td><td></td></tr>\n"
        }
        let sorted = entries.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        for entry in sorted {
            let slash = entry.isDirectory ? "/" : ""
            // "./" keeps a name with a colon ("a:b") from reading as a URL scheme.
            let link = try "./" + PercentEncoding.encodeSegment(entry.name) + slash
            let size = entry.isDirectory ? "-" : String(entry.size)
            html += try "<tr><td><a href=\"\(HTML.escape(link))\">\(HTML.escape(entry.name + slash))</a></td>"
            html += "<td>\(size)</td><td>\(timestamp(entry.modified))</td></tr>\n"
        }
        html += "</table>\n</body>\n</html>\n"
        return html
    }

    /// `2024-05-01 12:34`
    static func timestamp(_ seconds: Int) -> String {
        let c = HTTPDate.civil(seconds)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(c.year)-\(two(c.month))-\(two(c.day)) \(two(c.hour)):\(two(c.minute))"
    }
}
