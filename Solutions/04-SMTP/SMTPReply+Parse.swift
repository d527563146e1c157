/// Turning the bytes a server sends into whole replies (RFC 5321 §4.2).
///
/// ```
/// Reply-line = *( Reply-code "-" [ textstring ] CRLF )
///                 Reply-code [ SP textstring ] CRLF
/// ```
public enum SMTPReplyParser {
    /// The longest reply line accepted. RFC 5321 §4.5.3.1.5 says 512 octets; real servers
    /// are sometimes longer, so be generous but bounded.
    public static let maximumLineLength = 4_096
    /// The most lines one reply may have.
    public static let maximumLines = 256

    /// Takes one whole reply off the front of `buffer`.
    ///
    /// - Parameter buffer: bytes received so far; the reply's bytes are removed from it.
    /// - Returns: the reply, or `nil` when its last line has not arrived yet (the buffer is
    ///   then left as it was).
    /// - Throws: `SMTPError.malformedReply` for a line that is not `NNN-text` or `NNN text`,
    ///   for lines with different codes, or for a line or reply over the limits.
    public static func decode(_ buffer: inout [UInt8]) throws -> SMTPReply? {
        var lines: [String] = []
        var code: Int?
        var position = 0
        while true {
            guard let newline = buffer[position...].firstIndex(of: 0x0A) else {
                if buffer.count - position > maximumLineLength {
                    throw SMTPError.malformedReply(String(decoding: buffer[position...].prefix(80), as: UTF8.self))
                }
                return nil
            }
            var line = buffer[position..<newline]
            if line.last == 0x0D { line = line.dropLast() }
            let text = String(decoding: line, as: UTF8.self)
            guard line.count <= maximumLineLength, lines.count < maximumLines else {
                throw SMTPError.malformedReply(String(text.prefix(80)))
            }
            guard let (lineCode, isLast, rest) = split(line) else { throw SMTPError.malformedReply(text) }
            if let code, code != lineCode { throw SMTPError.malformedReply(text) }
            code = lineCode
            lines.append(rest)
            position = newline + 1
            if isLast {
                buffer.removeSubrange(..<position)
                return SMTPReply(code: lineCode, lines: lines, enhancedStatus: enhancedStatus(lines[0], code: lineCode))
            }
        }
    }

    /// `250-text` as (250, false, "text"); `250 text` and `250` as (250, true, …).
    private static func split(_ line: ArraySlice<UInt8>) -> (Int, Bool, String)? {
        let bytes = Array(line)
        guard bytes.count >= 3 else { return nil }
        let digits = bytes[0..<3]
        // The first digit is 2–5 and the second 0–5 (RFC 5321 §4.2.1).
        guard (0x32...0x35).contains(digits[0]), (0x30...0x35).contains(digits[1]), (0x30...0x39).contains(digits[2])
        else { return nil }
        let code = digits.reduce(0) { $0 * 10 + Int($1 - 0x30) }
        if bytes.count == 3 { return (code, true, "") }
        guard bytes[3] == 0x20 || bytes[3] == 0x2D else { return nil }
        return (code, bytes[3] == 0x20, String(decoding: bytes[4...], as: UTF8.self))
    }

    /// The enhanced status code at the start of `text` (RFC 3463 §2: `class.subject.detail`,
    /// where the class is 2, 4 or 5 and matches the reply code's first digit).
    static func enhancedStatus(_ text: String, code: Int) -> String? {
        let word = String(text.prefix { $0 != " " })
        let parts = word.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "\(code / 100)", ["2", "4", "5"].contains(parts[0]) else { return nil }
        let isNumber = { (part: Substring, most: Int) in
            !part.isEmpty && part.count <= most && part.allSatisfy { $0.isASCII && $0.isNumber }
        }
        guard isNumber(parts[1], 3), isNumber(parts[2], 3) else { return nil }
        return word
    }
}
