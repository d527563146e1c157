/// Getting a message through DATA intact (RFC 5321 §4.5.2 and §2.3.8).
public enum DataEncoding {
    /// The longest line SMTP carries, without its CRLF (RFC 5321 §4.5.3.1.6).
    public static let maximumLineLength = 998

    /// The message as it goes after DATA: every line ended by CRLF (a lone LF or CR
    /// becomes CRLF), a dot doubled at the start of every line, and the final `.` CRLF.
    ///
    /// - Parameter message: the message, headers and body.
    /// - Returns: the bytes to send.
    /// - Throws: `MessageInputError` if a line is longer than 998 octets.
    public static func stuffed(_ message: [UInt8]) throws -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(message.count + message.count / 64 + 5)
        var lineLength = 0
        var index = 0
        while index < message.count {
            let byte = message[index]
            if byte == 0x0D || byte == 0x0A {
                output += [0x0D, 0x0A]
                lineLength = 0
                // CRLF is one line end, not two.
                if byte == 0x0D && index + 1 < message.count && message[index + 1] == 0x0A { index += 1 }
            } else {
                if lineLength == 0 && byte == 0x2E { output.append(0x2E) }
                output.append(byte)
                lineLength += 1
                if lineLength > maximumLineLength {
                    throw MessageInputError("a line of the message is longer than \(maximumLineLength) octets")
                }
            }
            index += 1
        }
        if lineLength > 0 { output += [0x0D, 0x0A] }
        output += [0x2E, 0x0D, 0x0A]
        return output
    }

    /// The message's size as SIZE counts it (RFC 1870 §3): with CRLF line ends, before
    /// dot-stuffing.
    public static func size(of message: [UInt8]) throws -> Int {
        var size = 0
        var index = 0
        var lineLength = 0
        while index < message.count {
            let byte = message[index]
            if byte == 0x0D || byte == 0x0A {
                size += 2
                lineLength = 0
                if byte == 0x0D && index + 1 < message.count && message[index + 1] == 0x0A { index += 1 }
            } else {
                size += 1
                lineLength += 1
            }
            index += 1
        }
        return lineLength > 0 ? size + 2 : size
    }
}
