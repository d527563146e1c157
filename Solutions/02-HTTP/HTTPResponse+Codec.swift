import NetLabKit

extension HTTPResponse {
    /// The status line and headers, ended by the blank line (RFC 9112 §4):
    /// `HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n`.
    public func encodeHead() throws -> [UInt8] {
        var text = "\(version) \(status) \(reason)\r\n"
        for field in headers { text += "\(field.name): \(field.value)\r\n" }
        text += "\r\n"
        return Array(text.utf8)
    }

    /// Parses a status line and headers from the front of `bytes` (the client's side).
    ///
    /// - Returns: `nil` if more bytes are needed; otherwise the response (with an empty
    ///   body) and the length of its head. Read the body as `bodyFraming` says.
    /// - Throws: `HTTPError.badRequest` for a malformed head, `.headersTooLarge` past the limits.
    public static func decodeHead(
        _ bytes: ArraySlice<UInt8>, limits: HTTPLimits = HTTPLimits()
    ) throws -> (response: HTTPResponse, length: Int)? {
        let head: MessageHead?
        do {
            head = try MessageHead.scan(bytes, limits: limits, skipLeadingBlankLines: false)
        } catch {
            throw error == .uriTooLong ? HTTPError.badRequest("status line too long") : error
        }
        guard let head else { return nil }
        // status-line = HTTP-version SP status-code SP [ reason-phrase ]
        let line = head.startLine
        guard line.count >= 12, let version = parseVersion(line[0..<8]), line[8] == 0x20,
            // The first digit is the class, 1 to 5 (RFC 9110 §15): `000` would be re-sent as "0"
            // (make fuzz, target 03/response-head).
            let d1 = digit(line[9]), (1...5).contains(d1), let d2 = digit(line[10]), let d3 = digit(line[11]),
            line.count == 12 || line[12] == 0x20
        else { throw HTTPError.badRequest("invalid status line") }
        let reason = String(decoding: line.dropFirst(13), as: UTF8.self)
        let response = HTTPResponse(
            status: d1 * 100 + d2 * 10 + d3, reason: reason, version: version, headers: head.headers)
        return (response, head.length)
    }

    /// How to read this response's body.
    ///
    /// - Parameter requestMethod: the method of the request it answers (a reply to HEAD
    ///   has no body even when it carries `Content-Length`).
    /// - Throws: `HTTPError.badRequest` for an invalid `Content-Length`.
    public func bodyFraming(requestMethod: String) throws -> BodyFraming {
        if requestMethod == "HEAD" || (100..<200).contains(status) || status == 204 || status == 304 {
            return .none
        }
        if let coding = headers.values("Transfer-Encoding").last {
            let last = coding.split(separator: ",").last.map { String($0).trimmingSpaces() } ?? ""
            return last.equalsIgnoringCase("chunked") ? .chunked : .untilClose
        }
        let lengths = headers.values("Content-Length")
        if lengths.isEmpty { return .untilClose }
        return .length(try contentLength(lengths))
    }
}
