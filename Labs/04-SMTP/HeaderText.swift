import NetLabKit

/// Writing header fields: encoded words for text that is not plain ASCII (RFC 2047) and
/// folding long fields over several lines (RFC 5322 §2.2.3).
public enum HeaderText {
    /// Folded lines stay at or under this many characters (RFC 5322 §2.1.1 asks for 78).
    public static let lineLimit = 76

    /// Whether `text` must be sent as encoded words: it has non-ASCII or control
    /// characters, or something that looks like an encoded word already.
    public static func needsEncoding(_ text: String) -> Bool {
        // TODO
        false
    }

    /// `text` as base64 encoded words (`=?UTF-8?B?…?=`), each at most 75 characters and
    /// never splitting a character between two words (RFC 2047 §5).
    public static func encodedWords(_ text: String) -> [String] {
        // TODO
        []
    }

    /// An unstructured field such as Subject: the text as it is when it is ASCII, encoded
    /// words otherwise, folded.
    public static func unstructured(_ name: String, _ value: String) -> String {
        // TODO
        ""
    }

    /// A display name as header words: encoded words when it is not ASCII, a quoted string
    /// when it has characters with a meaning in addresses (`,` `.` `"` …), else its words.
    public static func phrase(_ name: String) -> [String] {
        // TODO
        []
    }

    /// An address field: `To: Ada Lovelace <ada@example.org>, bob@example.org`, folded
    /// between addresses and words.
    public static func addressList(_ name: String, _ addresses: [MailAddress]) -> String {
        // TODO
        ""
    }

    /// `name: word word …`, with a CRLF and a space before any word that would take the
    /// line past `lineLimit`. A word longer than a line stays whole on its own line.
    public static func fold(_ name: String, _ words: [String]) -> String {
        // TODO
        ""
    }
}
