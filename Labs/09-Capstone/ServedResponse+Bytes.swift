import Lab02HTTP
import NetLabKit

/// Given code: a handler's answer as the bytes of one HTTP/1.1 response, for a transport
/// that is not lab 02's TCP server (RUDP carries exactly these bytes).
extension ServedResponse {
    /// The body, wherever the handler left it: in memory, in a file region, or a stream
    /// (a stream here must not use chunked coding: the whole body is sent with its length).
    ///
    /// - Throws: `FileError` if the file region cannot be read whole.
    public func bodyBytes() throws -> [UInt8] {
        switch body {
        case .inline:
            return response.body
        case .file(let region):
            guard let bytes = FileSystem.read(region.path, offset: region.offset, length: region.length),
                bytes.count == region.length
            else { throw FileError(path: region.path, call: "read", errno: 5) }
            return bytes
        case .stream(let writer):
            var collected: [UInt8] = []
            try writer { collected += $0 }
            return collected
        }
    }

    /// Head and body, ready to send: `Content-Length` set, `Connection: close` (one request
    /// per stream), and no body for HEAD.
    public func encoded(method: String, serverName: String = "lab09-capstone") throws -> [UInt8] {
        var head = response
        let body = try bodyBytes()
        let framing = try head.bodyFraming(requestMethod: "GET")
        if case .length = framing {} else { head.headers.set("Content-Length", String(body.count)) }
        head.headers.set("Connection", "close")
        if !head.headers.contains("Server") { head.headers.add("Server", serverName) }
        return try head.encodeHead() + (method == "HEAD" ? [] : body)
    }
}
