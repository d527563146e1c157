import NetLabKit

extension HTTPRequest {
    /// Parses one request from the front of `bytes` (RFC 9112 §3, §5, §6).
    ///
    /// A single-step decoder: call it with everything received so far.
    ///
    /// - Parameters:
    ///   - bytes: the bytes received on the connection and not yet consumed.
    ///   - limits: size limits that turn endless input into an error instead of memory use.
    /// - Returns: `nil` if more bytes are needed; otherwise the request and how many bytes of
    ///   `bytes` it used (the rest is the start of the next, pipelined, request).
    /// - Throws: `HTTPError` whose `status` is the answer: 400 malformed (including a missing
    ///   `Host` on HTTP/1.1), 414 request line too long, 431 headers too large, 413 body too
    ///   large, 501 unknown transfer coding, 505 HTTP major version other than 1.
    public static func decode(
        _ bytes: ArraySlice<UInt8>, limits: HTTPLimits = HTTPLimits()
    ) throws -> (request: HTTPRequest, length: Int)? {
        try decodeTyped(bytes, limits: limits)
    }

    private static func decodeTyped(
        _ bytes: ArraySlice<UInt8>, limits: HTTPLimits
    ) throws(HTTPError) -> (request: HTTPRequest, length: Int)? {
        guard let head = try MessageHead.scan(bytes, limits: limits, skipLeadingBlankLines: true) else {
            return nil
        }
        // request-line = method SP request-target SP HTTP-version
        let parts = head.startLine.split(separator: 0x20, omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty, !parts[2].isEmpty else {
            throw .badRequest("request line is not 'METHOD TARGET VERSION'")
        }
        guard parts[0].allSatisfy(isTokenByte) else { throw .badRequest("invalid method") }
        guard parts[1].allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw .badRequest("invalid character in the request target")
        }
        guard let version = parseVersion(parts[2]) else {
            throw .badRequest("invalid HTTP version")
        }
        guard version.major == 1 else {
            throw .versionNotSupported(String(decoding: parts[2], as: UTF8.self))
        }
        let headers = head.headers
        // RFC 9112 §3.2: an HTTP/1.1 request without exactly one Host is a 400.
        let hosts = headers.values("Host")
        if version >= .http11 && hosts.isEmpty { throw .badRequest("missing Host header") }
        if hosts.count > 1 { throw .badRequest("more than one Host header") }

        var request = HTTPRequest(
            method: String(decoding: parts[0], as: UTF8.self), target: String(decoding: parts[1], as: UTF8.self),
            version: version, headers: headers)
        let bodyStart = bytes.startIndex + head.length
        switch try bodyFraming(headers, version: version, limits: limits) {
        case .none:
            return (request, head.length)
        case .length(let count):
            guard bytes.endIndex - bodyStart >= count else { return nil }
            request.body = Array(bytes[bodyStart..<(bodyStart + count)])
            return (request, head.length + count)
        case .chunked:
            var decoder = ChunkedDecoder(maxBodyBytes: limits.maxBodyBytes)
            let (data, used) = try decoder.feedTyped(bytes[bodyStart...])
            guard decoder.isFinished else { return nil }
            request.body = data
            return (request, head.length + used)
        }
    }

    private enum RequestBody { case none, length(Int), chunked }

    /// How the request's body is delimited (RFC 9112 §6.3).
    private static func bodyFraming(
        _ headers: HTTPHeaders, version: HTTPVersion, limits: HTTPLimits
    ) throws(HTTPError) -> RequestBody {
        let encodings = headers.values("Transfer-Encoding")
        let lengths = headers.values("Content-Length")
        if !encodings.isEmpty {
            // Both headers is how request smuggling starts: refuse (RFC 9112 §6.1).
            if !lengths.isEmpty { throw .badRequest("both Transfer-Encoding and Content-Length") }
            if version < .http11 { throw .badRequest("Transfer-Encoding in an HTTP/1.0 request") }
            let codings = encodings.flatMap { $0.split(separator: ",") }.map { String($0).trimmingSpaces() }
            guard codings.count == 1, codings[0].equalsIgnoringCase("chunked") else {
                throw .unsupportedTransferCoding(codings.joined(separator: ", "))
            }
            return .chunked
        }
        guard !lengths.isEmpty else { return .none }
        let count = try contentLength(lengths)
        if count > limits.maxBodyBytes { throw .contentTooLarge }
        return count == 0 ? .none : .length(count)
    }
}

/// The value of one or more `Content-Length` headers: all must be the same string of
/// digits (RFC 9112 §6.3 point 5).
func contentLength(_ values: [String]) throws(HTTPError) -> Int {
    let items = values.flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }
        .map { String($0).trimmingSpaces() }
    guard let first = items.first, items.allSatisfy({ $0 == first }), !first.isEmpty, first.utf8.count <= 15,
        first.utf8.allSatisfy({ digit($0) != nil }), let count = Int(first)
    else { throw .badRequest("invalid Content-Length") }
    return count
}
