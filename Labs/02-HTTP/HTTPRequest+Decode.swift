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
    ///
    /// TODO, in this order (the handout's "Request parsing" section has the rules):
    /// 1. Skip CR and LF bytes before the request line.
    /// 2. Find the LF that ends the request line. Not there yet? If more than
    ///    `limits.maxStartLineBytes` bytes are waiting, throw `.uriTooLong` (it will never
    ///    fit); otherwise return nil. Drop the CR before the LF; a CR anywhere else is 400.
    /// 3. Split the line on single spaces: exactly 3 non-empty parts. The method is made of
    ///    `isTokenByte`s; the target of visible ASCII (0x21…0x7E); the version is exactly
    ///    `HTTP/d.d`. A major version other than 1 is `.versionNotSupported` (505).
    /// 4. Header lines until an empty line, each `Name: value` (no space before the colon,
    ///    value trimmed of spaces and tabs). A line starting with a space is obsolete folding
    ///    (400). Past `limits.maxHeaderBytes` bytes or `limits.maxHeaderCount` fields: 431.
    /// 5. HTTP/1.1 needs exactly one `Host` (400 otherwise).
    /// 6. The body: `Transfer-Encoding: chunked` (use your `ChunkedDecoder`) or
    ///    `Content-Length` (digits only; several must agree); both at once is 400; another
    ///    coding is 501; longer than `limits.maxBodyBytes` is 413. Return nil until the whole
    ///    body is there.
    public static func decode(
        _ bytes: ArraySlice<UInt8>, limits: HTTPLimits = HTTPLimits()
    ) throws -> (request: HTTPRequest, length: Int)? {
        throw NotImplemented("HTTPRequest.decode")
    }
}
