import NetLabKit

/// The part of HTTP/1.1 framing that requests and responses share: a start line, header
/// field lines, and a blank line, each line ended by CRLF (RFC 9112 §2.1).
///
/// `MessageHead.scan` is a single-step decoder: give it every byte received so far and it
/// returns `nil` while the head is incomplete, the head once the blank line has arrived, or
/// throws as soon as the bytes can no longer become a valid head (too long, malformed).
struct MessageHead {
    var startLine: [UInt8]
    var headers: HTTPHeaders
    /// Bytes used, from the start of the input to just after the blank line.
    var length: Int

    /// - Parameters:
    ///   - bytes: what has arrived so far.
    ///   - limits: the size limits; a start line over the limit throws `.uriTooLong`, a header
    ///     section over the limit throws `.headersTooLarge`.
    ///   - skipLeadingBlankLines: servers ignore CRLFs before a request line (RFC 9112 §2.2),
    ///     which some clients send after a body.
    static func scan(
        _ bytes: ArraySlice<UInt8>, limits: HTTPLimits, skipLeadingBlankLines: Bool
    ) throws(HTTPError) -> MessageHead? {
        var position = bytes.startIndex
        if skipLeadingBlankLines {
            while position < bytes.endIndex, bytes[position] == cr || bytes[position] == lf {
                if position - bytes.startIndex > limits.maxStartLineBytes { throw .uriTooLong }
                position += 1
            }
        }
        // The start line: the LF must come within the limit, or it never will.
        let searchEnd = min(bytes.endIndex, position + limits.maxStartLineBytes + 2)
        guard let startEnd = bytes[position..<searchEnd].firstIndex(of: lf) else {
            if bytes.endIndex - position > limits.maxStartLineBytes + 1 { throw .uriTooLong }
            return nil
        }
        let startLine = try line(bytes[position..<startEnd])
        if startLine.count > limits.maxStartLineBytes { throw .uriTooLong }
        if startLine.isEmpty { throw .badRequest("empty start line") }
        position = startEnd + 1

        var headers = HTTPHeaders()
        let headerStart = position
        while true {
            let searchEnd = min(bytes.endIndex, headerStart + limits.maxHeaderBytes + 2)
            guard position <= searchEnd,
                let lineEnd = bytes[position..<searchEnd].firstIndex(of: lf)
            else {
                if bytes.endIndex - headerStart > limits.maxHeaderBytes + 1 { throw .headersTooLarge }
                return nil
            }
            let fieldLine = try line(bytes[position..<lineEnd])
            position = lineEnd + 1
            if fieldLine.isEmpty { break }
            if position - headerStart > limits.maxHeaderBytes { throw .headersTooLarge }
            if headers.count == limits.maxHeaderCount { throw .headersTooLarge }
            let field = try parseField(fieldLine)
            headers.add(field.name, field.value)
        }
        return MessageHead(startLine: Array(startLine), headers: headers, length: position - bytes.startIndex)
    }

    /// One line without its terminator. A bare CR anywhere else is an error (RFC 9112 §2.2).
    private static func line(_ raw: ArraySlice<UInt8>) throws(HTTPError) -> ArraySlice<UInt8> {
        var line = raw
        if line.last == cr { line = line.dropLast() }
        if line.contains(cr) { throw .badRequest("bare CR in a line") }
        return line
    }

    /// `field-name ":" OWS field-value OWS` (RFC 9112 §5).
    private static func parseField(_ line: ArraySlice<UInt8>) throws(HTTPError) -> HTTPHeaders.Field {
        if line.first == 0x20 || line.first == 0x09 {
            throw .badRequest("obsolete line folding")  // RFC 9112 §5.2: reject with 400.
        }
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else {
            throw .badRequest("header line without a colon")
        }
        let name = line[line.startIndex..<colon]
        // No whitespace is allowed between the name and the colon (RFC 9112 §5.1).
        guard !name.isEmpty, name.allSatisfy(isTokenByte) else {
            throw .badRequest("invalid header name")
        }
        var value = line[(colon + 1)...]
        while let first = value.first, first == 0x20 || first == 0x09 { value = value.dropFirst() }
        while let last = value.last, last == 0x20 || last == 0x09 { value = value.dropLast() }
        if value.contains(where: { ($0 < 0x20 && $0 != 0x09) || $0 == 0x7F }) {
            throw .badRequest("control character in a header value")
        }
        return .init(name: String(decoding: name, as: UTF8.self), value: String(decoding: value, as: UTF8.self))
    }
}

/// Parses `HTTP/1.1` (exactly: `HTTP`, a slash, a digit, a dot, a digit; RFC 9112 §2.3).
func parseVersion(_ text: ArraySlice<UInt8>) -> HTTPVersion? {
    let bytes = Array(text)
    guard bytes.count == 8, bytes[0..<5].elementsEqual("HTTP/".utf8), bytes[6] == UInt8(ascii: "."),
        let major = digit(bytes[5]), let minor = digit(bytes[7])
    else { return nil }
    return HTTPVersion(major: major, minor: minor)
}
