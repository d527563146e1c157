/// Writing header fields: encoded words for text that is not plain ASCII (RFC 2047) and
/// folding long fields over several lines (RFC 5322 §2.2.3).
public enum HeaderText {
    /// Folded lines stay at or under this many characters (RFC 5322 §2.1.1 asks for 78).
    public static let lineLimit = 76
    /// UTF-8 bytes per encoded word: 30 bytes are 40 base64 characters, 52 with
    /// `=?UTF-8?B?` and `?=`, so a word fits on a line after any field name.
    static let bytesPerWord = 30

    /// Whether `text` must be sent as encoded words: it has non-ASCII or control
    /// characters, or something that looks like an encoded word already.
    public static func needsEncoding(_ text: String) -> Bool {
        text.contains("=?") || text.unicodeScalars.contains { $0.value > 126 || ($0.value < 32 && $0 != "\t") }
    }

    /// `text` as base64 encoded words (`=?UTF-8?B?…?=`), each at most 75 characters and
    /// never splitting a character between two words (RFC 2047 §5).
    public static func encodedWords(_ text: String) -> [String] {
        var words: [String] = []
        var chunk: [UInt8] = []
        for scalar in text.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            if chunk.count + bytes.count > bytesPerWord {
                words.append("=?UTF-8?B?\(Base64.encode(chunk))?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty || words.isEmpty { words.append("=?UTF-8?B?\(Base64.encode(chunk))?=") }
        return words
    }

    /// An unstructured field such as Subject: the text as it is when it is ASCII, encoded
    /// words otherwise, folded.
    public static func unstructured(_ name: String, _ value: String) -> String {
        let words = value.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        // A word too long for a line cannot be folded; as encoded words it can.
        if needsEncoding(value) || words.contains(where: { $0.utf8.count > lineLimit - name.utf8.count - 2 }) {
            return fold(name, encodedWords(value))
        }
        return fold(name, words)
    }

    /// A display name as header words: encoded words when it is not ASCII, a quoted string
    /// when it has characters with a meaning in addresses (`,` `.` `"` …), else its words.
    public static func phrase(_ name: String) -> [String] {
        let words = name.split(separator: " ").map(String.init)
        if needsEncoding(name) || words.contains(where: { $0.utf8.count > 60 }) { return encodedWords(name) }
        let specials = Set("()<>[]:;@\\,.\"")
        if name.contains(where: specials.contains) {
            let quoted = "\"" + name.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"") + "\""
            return quoted.utf8.count > 60 ? encodedWords(name) : [quoted]
        }
        return words
    }

    /// An address field: `To: Ada Lovelace <ada@example.org>, bob@example.org`, folded
    /// between addresses and words.
    public static func addressList(_ name: String, _ addresses: [MailAddress]) -> String {
        var words: [String] = []
        for (index, mailbox) in addresses.enumerated() {
            var mailboxWords = mailbox.displayName.map { phrase($0) + ["<\(mailbox.address)>"] } ?? [mailbox.address]
            if index < addresses.count - 1 { mailboxWords[mailboxWords.count - 1] += "," }
            words += mailboxWords
        }
        return fold(name, words)
    }

    /// `name: word word …`, with a CRLF and a space before any word that would take the
    /// line past `lineLimit`. A word longer than a line stays whole on its own line.
    public static func fold(_ name: String, _ words: [String]) -> String {
        var field = name + ":"
        var lineLength = field.utf8.count
        for word in words {
            let length = word.utf8.count
            if lineLength + 1 + length > lineLimit && lineLength > 1 && !word.isEmpty {
                field += "\r\n " + word
                lineLength = 1 + length
            } else {
                field += " " + word
                lineLength += 1 + length
            }
        }
        return field
    }
}
