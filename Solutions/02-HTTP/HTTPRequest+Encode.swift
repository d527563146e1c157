import NetLabKit

extension HTTPRequest {
    /// The request in wire format: request line, headers, blank line, body.
    /// Adds `Content-Length` when there is a body and no framing header.
    public func encode() throws -> [UInt8] {
        var headers = headers
        if !body.isEmpty && !headers.contains("Content-Length") && !headers.contains("Transfer-Encoding") {
            headers.add("Content-Length", String(body.count))
        }
        var text = "\(method) \(target) \(version)\r\n"
        for field in headers { text += "\(field.name): \(field.value)\r\n" }
        text += "\r\n"
        return Array(text.utf8) + body
    }
}
