import NetLabKit

/// Percent-encoding of URL paths (RFC 3986 §2.1) and escaping of HTML text.
public enum PercentEncoding {
    /// Decodes `%XX` escapes: `"/a%20b"` gives `"/a b"`.
    ///
    /// - Returns: `nil` for a malformed escape (`%`, `%4`, `%zz`), a NUL, encoded (`%00`) or raw,
    ///   or bytes that are not valid UTF-8. A server answers those with 400.
    ///
    /// TODO: work on bytes (`Array(text.utf8)`), not Characters: `%C3%BC` is two bytes that
    /// together make one character. `String(validating:as:)` checks the UTF-8 at the end.
    public static func decode(_ text: String) throws -> String? {
        throw NotImplemented("PercentEncoding.decode")
    }

    /// Encodes one path segment for use in a URL: everything except unreserved characters
    /// (`A-Z a-z 0-9 - . _ ~`) becomes `%XX`, so `"a b#?.txt"` gives `"a%20b%23%3F.txt"`.
    public static func encodeSegment(_ segment: String) throws -> String {
        throw NotImplemented("PercentEncoding.encodeSegment")
    }
}

public enum HTML {
    /// Escapes text for HTML content and attribute values: `<`, `>`, `&`, `"` and `'`.
    public static func escape(_ text: String) throws -> String {
        throw NotImplemented("HTML.escape")
    }
}
