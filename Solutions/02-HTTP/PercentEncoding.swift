import NetLabKit

/// Percent-encoding of URL paths (RFC 3986 §2.1) and escaping of HTML text.
public enum PercentEncoding {
    /// Decodes `%XX` escapes: `"/a%20b"` gives `"/a b"`.
    ///
    /// - Returns: `nil` for a malformed escape (`%`, `%4`, `%zz`), a NUL, encoded (`%00`) or raw,
    ///   or bytes that are not valid UTF-8. A server answers those with 400.
    public static func decode(_ text: String) throws -> String? {
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < bytes.count, let high = hexValue(bytes[index + 1]),
                    let low = hexValue(bytes[index + 2])
                else { return nil }
                let decoded = high << 4 | low
                if decoded == 0 { return nil }
                output.append(decoded)
                index += 3
            } else {
                // A raw NUL too: encoded again it is %00, which this refuses (make fuzz).
                if byte == 0 { return nil }
                output.append(byte)
                index += 1
            }
        }
        return String(validating: output, as: UTF8.self)
    }

    /// Encodes one path segment for use in a URL: everything except unreserved characters
    /// (`A-Z a-z 0-9 - . _ ~`) becomes `%XX`, so `"a b#?.txt"` gives `"a%20b%23%3F.txt"`.
    public static func encodeSegment(_ segment: String) throws -> String {
        var output = ""
        for byte in segment.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                output.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".utf8)
                output += "%" + String(decoding: [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]], as: UTF8.self)
            }
        }
        return output
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}

public enum HTML {
    /// Escapes text for HTML content and attribute values: `<`, `>`, `&`, `"` and `'`.
    public static func escape(_ text: String) throws -> String {
        var output = ""
        for character in text {
            switch character {
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "&": output += "&amp;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            default: output.append(character)
            }
        }
        return output
    }
}
