// Reads a composed message back, independently of your composer: unfolds headers,
// decodes RFC 2047 encoded words and RFC 2231 parameters, splits multiparts on their
// boundaries, and decodes base64 and quoted-printable bodies. The tests compare what it
// finds with what was asked for.
import Foundation

struct ReadPart: CustomStringConvertible {
    /// Header fields, unfolded (CRLF + space removed), names as written.
    var headers: [(name: String, value: String)]
    /// The raw body text (still encoded).
    var rawBody: String
    var parts: [ReadPart]

    func header(_ name: String) -> String? { headers.first { $0.name.lowercased() == name.lowercased() }?.value }
    func headers(_ name: String) -> [String] {
        headers.filter { $0.name.lowercased() == name.lowercased() }.map(\.value)
    }

    /// `text/plain` for `text/plain; charset=utf-8`.
    var mediaType: String {
        let value = header("Content-Type") ?? "text/plain"
        return (value.split(separator: ";").first.map(String.init) ?? "").trimmingCharacters(in: .whitespaces)
            .lowercased()
    }

    /// A parameter of a header (`boundary`, `filename`), with RFC 2231 sections joined and decoded.
    func parameter(_ name: String, of field: String) -> String? {
        guard let value = header(field) else { return nil }
        var plain: String?
        var sections: [Int: String] = [:]
        for piece in value.split(separator: ";").dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2 else { continue }
            let key = pair[0].lowercased()
            var text = pair[1]
            if text.hasPrefix("\"") && text.hasSuffix("\"") && text.count >= 2 {
                text = String(text.dropFirst().dropLast()).replacingOccurrences(of: "\\\"", with: "\"")
            }
            if key == name { plain = text }
            if key.hasPrefix(name + "*") {
                let rest = key.dropFirst(name.count + 1)
                let number = Int(rest.replacingOccurrences(of: "*", with: "")) ?? 0
                sections[number] = text
            }
        }
        if !sections.isEmpty {
            var joined = sections.keys.sorted().map { sections[$0]! }.joined()
            if let quote = joined.range(of: "''") { joined = String(joined[quote.upperBound...]) }
            return joined.removingPercentEncoding
        }
        return plain
    }

    /// The decoded body bytes.
    var body: [UInt8] {
        switch (header("Content-Transfer-Encoding") ?? "7bit").lowercased() {
        case "base64": return Array(Data(base64Encoded: rawBody, options: .ignoreUnknownCharacters) ?? Data())
        case "quoted-printable": return decodeQuotedPrintable(rawBody)
        default: return Array(rawBody.utf8)
        }
    }

    var text: String { String(decoding: body, as: UTF8.self) }

    /// Every leaf part, depth first.
    var leaves: [ReadPart] { parts.isEmpty ? [self] : parts.flatMap(\.leaves) }

    var description: String { headers.map { "\($0.name): \($0.value)" }.joined(separator: "\n") }
}

enum ReadError: Error { case noBlankLine, noBoundary, unterminated(String) }

/// Parses a message (or a part) in its wire form.
func readMessage(_ bytes: [UInt8]) throws -> ReadPart { try readEntity(String(decoding: bytes, as: UTF8.self)) }

func readEntity(_ text: String) throws -> ReadPart {
    guard let split = text.range(of: "\r\n\r\n") else { throw ReadError.noBlankLine }
    let headerText = String(text[..<split.lowerBound])
    let body = String(text[split.upperBound...])
    var headers: [(name: String, value: String)] = []
    for line in headerText.components(separatedBy: "\r\n") {
        if line.hasPrefix(" ") || line.hasPrefix("\t"), !headers.isEmpty {
            headers[headers.count - 1].value += line  // Unfolding removes only the CRLF.
        } else if let colon = line.firstIndex(of: ":") {
            headers.append(
                (String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces))
            )
        }
    }
    var part = ReadPart(headers: headers, rawBody: body, parts: [])
    if part.mediaType.hasPrefix("multipart/") {
        guard let boundary = part.parameter("boundary", of: "Content-Type") else { throw ReadError.noBoundary }
        var current: [String]?
        var closed = false
        for line in body.components(separatedBy: "\r\n") {
            if line == "--" + boundary || line == "--" + boundary + "--" {
                if let current { part.parts.append(try readEntity(current.joined(separator: "\r\n"))) }
                current = line.hasSuffix("--") && line != "--" + boundary ? nil : []
                if current == nil { closed = true; break }
            } else {
                current?.append(line)
            }
        }
        guard closed else { throw ReadError.unterminated(boundary) }
    }
    return part
}

func decodeQuotedPrintable(_ text: String) -> [UInt8] {
    var bytes: [UInt8] = []
    let source = Array(text.utf8)
    var index = 0
    while index < source.count {
        let byte = source[index]
        if byte == UInt8(ascii: "="), index + 2 < source.count, source[index + 1] == 0x0D, source[index + 2] == 0x0A {
            index += 3  // A soft line break.
        } else if byte == UInt8(ascii: "="), index + 2 < source.count,
            let value = UInt8(String(decoding: source[index + 1...index + 2], as: UTF8.self), radix: 16)
        {
            bytes.append(value)
            index += 3
        } else {
            bytes.append(byte)
            index += 1
        }
    }
    return bytes
}

/// An unstructured header value with its RFC 2047 encoded words decoded (whitespace
/// between two encoded words is dropped, RFC 2047 §6.2).
func decodeHeader(_ value: String) -> String {
    var output = ""
    var rest = Substring(value)
    var lastWasEncoded = false
    var spaces = ""  // Whitespace seen since the last encoded word, not yet written.
    while !rest.isEmpty {
        if rest.hasPrefix("=?"), let decoded = decodeWord(&rest) {
            if !lastWasEncoded { output += spaces }
            spaces = ""
            output += decoded
            lastWasEncoded = true
        } else {
            let character = rest.removeFirst()
            if character == " " || character == "\t" {
                spaces.append(character)
            } else {
                output += spaces + String(character)
                spaces = ""
                lastWasEncoded = false
            }
        }
    }
    return output + spaces
}

private func decodeWord(_ text: inout Substring) -> String? {
    let parts = text.dropFirst(2).split(separator: "?", maxSplits: 3, omittingEmptySubsequences: false)
    guard parts.count == 4, parts[3].hasPrefix("="), parts[0].lowercased() == "utf-8" else { return nil }
    let encoded = String(parts[2])
    let bytes: [UInt8]
    switch parts[1].uppercased() {
    case "B":
        guard let data = Data(base64Encoded: encoded) else { return nil }
        bytes = Array(data)
    case "Q": bytes = decodeQuotedPrintable(encoded.replacingOccurrences(of: "_", with: " "))
    default: return nil
    }
    guard let string = String(bytes: bytes, encoding: .utf8) else { return nil }
    text = parts[3].dropFirst()
    return string
}

/// The display names and addresses of an address header, decoded: `[("Ada", "ada@x")]`.
func decodeAddresses(_ value: String) -> [(name: String?, address: String)] {
    var result: [(name: String?, address: String)] = []
    var current = ""
    var inQuotes = false
    var pieces: [String] = []
    for character in value {
        if character == "\"" { inQuotes.toggle() }
        if character == "," && !inQuotes {
            pieces.append(current)
            current = ""
        } else {
            current.append(character)
        }
    }
    pieces.append(current)
    for piece in pieces.map({ $0.trimmingCharacters(in: .whitespaces) }) where !piece.isEmpty {
        if let open = piece.lastIndex(of: "<"), let close = piece.lastIndex(of: ">") {
            var name = String(piece[..<open]).trimmingCharacters(in: .whitespaces)
            if name.hasPrefix("\"") && name.hasSuffix("\"") {
                name = String(name.dropFirst().dropLast()).replacingOccurrences(of: "\\\"", with: "\"")
            }
            let decoded = decodeHeader(name)
            result.append((decoded.isEmpty ? nil : decoded, String(piece[piece.index(after: open)..<close])))
        } else {
            result.append((nil, piece))
        }
    }
    return result
}

/// The lines of a wire-format message, split at CRLF. A bare LF or CR anywhere is a failure.
func wireLines(_ bytes: [UInt8]) -> (lines: [String], bareLineEnds: Int) {
    let text = String(decoding: bytes, as: UTF8.self)
    let lines = text.components(separatedBy: "\r\n")
    let bare = lines.reduce(0) { $0 + $1.filter { $0 == "\n" || $0 == "\r" }.count }
    return (lines, bare)
}
