/// Quoted-printable (RFC 2045 §6.7): text that stays readable where it is ASCII, with
/// every other byte written `=XX` and lines kept under 76 characters by soft line breaks.
public enum QuotedPrintable {
    /// The longest encoded line, counting a soft break's `=` (RFC 2045 §6.7 rule 5).
    public static let lineLimit = 76

    /// Encodes text. Line ends (CRLF, LF or CR) become CRLF line breaks in the output.
    ///
    /// - Parameter bytes: the text in UTF-8.
    /// - Returns: the encoded text; it ends with CRLF exactly when the input ended with a
    ///   line end.
    public static func encode(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 8)
        for (index, line) in lines(of: bytes).enumerated() {
            if index > 0 { output += [0x0D, 0x0A] }
            var column = 0
            for (position, byte) in line.enumerated() {
                let isLast = position == line.count - 1
                // Spaces and tabs at the end of a line would be eaten by mail systems (rule 3).
                let literal = (byte >= 33 && byte <= 126 && byte != 0x3D) || ((byte == 0x20 || byte == 0x09) && !isLast)
                let piece: [UInt8] = literal ? [byte] : [0x3D] + hexDigits(byte)
                // Room for a soft break's "=" unless this piece ends the line.
                let room = isLast ? lineLimit : lineLimit - 1
                if column + piece.count > room {
                    output += [0x3D, 0x0D, 0x0A]
                    column = 0
                }
                output += piece
                column += piece.count
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The lines of `bytes`, split at CRLF, LF or CR; a final line end gives a last empty line.
    static func lines(of bytes: [UInt8]) -> [[UInt8]] {
        var lines: [[UInt8]] = [[]]
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0D || byte == 0x0A {
                if byte == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A { index += 1 }
                lines.append([])
            } else {
                lines[lines.count - 1].append(byte)
            }
            index += 1
        }
        return lines
    }

    private static func hexDigits(_ byte: UInt8) -> [UInt8] {
        let digits = Array("0123456789ABCDEF".utf8)
        return [digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]]
    }
}
