/// Base64 (RFC 4648 §4), which MIME uses for attachments (RFC 2045 §6.8) and SMTP AUTH
/// for credentials (RFC 4954). Every 3 bytes become 4 characters from a 64-letter
/// alphabet that survives any mail system; `=` pads the last group.
public enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// Encodes bytes.
    ///
    /// - Parameters:
    ///   - bytes: anything.
    ///   - lineLength: break the text into lines this long with CRLF between them (MIME
    ///     bodies use 76, RFC 2045 §6.8), or `nil` for one line (AUTH, encoded words).
    /// - Returns: the text, with no CRLF after the last line.
    public static func encode(_ bytes: [UInt8], lineLength: Int? = nil) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count / 3 * 4 + 4 + bytes.count / 38)
        var column = 0
        var index = 0
        while index < bytes.count {
            let count = min(3, bytes.count - index)
            let first = bytes[index]
            let second = count > 1 ? bytes[index + 1] : 0
            let third = count > 2 ? bytes[index + 2] : 0
            let group = [
                alphabet[Int(first >> 2)],
                alphabet[Int((first & 0x03) << 4 | second >> 4)],
                count > 1 ? alphabet[Int((second & 0x0F) << 2 | third >> 6)] : UInt8(ascii: "="),
                count > 2 ? alphabet[Int(third & 0x3F)] : UInt8(ascii: "="),
            ]
            for character in group {
                if let lineLength, column == lineLength {
                    output += [0x0D, 0x0A]
                    column = 0
                }
                output.append(character)
                column += 1
            }
            index += 3
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Decodes base64 text, skipping line breaks and spaces.
    ///
    /// - Returns: the bytes, or `nil` if the text has a character outside the alphabet or
    ///   a length that is not a whole number of 4-character groups.
    public static func decode(_ text: String) -> [UInt8]? {
        var values: [UInt8] = []
        var padding = 0
        for byte in text.utf8 {
            switch byte {
            case 0x0D, 0x0A, 0x20, 0x09: continue
            case UInt8(ascii: "="): padding += 1; values.append(0)
            default:
                guard padding == 0, let value = alphabet.firstIndex(of: byte) else { return nil }
                values.append(UInt8(value))
            }
        }
        guard values.count % 4 == 0, padding <= 2 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(values.count / 4 * 3)
        for start in stride(from: 0, to: values.count, by: 4) {
            let group = values[start..<start + 4].map { UInt32($0) }
            let joined = group[0] << 18 | group[1] << 12 | group[2] << 6 | group[3]
            bytes += [UInt8(joined >> 16 & 0xFF), UInt8(joined >> 8 & 0xFF), UInt8(joined & 0xFF)]
        }
        bytes.removeLast(padding)
        return bytes
    }
}
