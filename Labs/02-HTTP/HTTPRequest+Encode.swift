import NetLabKit

extension HTTPRequest {
    /// The request in wire format: request line, headers, blank line, body.
    /// Adds `Content-Length` when there is a body and no framing header.
    ///
    /// TODO: the request line, a line per header, the blank line (each line ends with CRLF),
    /// then the body. The client (part 4) sends what this returns.
    public func encode() throws -> [UInt8] {
        throw NotImplemented("HTTPRequest.encode")
    }
}
