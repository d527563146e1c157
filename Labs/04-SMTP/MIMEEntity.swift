/// One MIME entity: its content header fields and its body, as text ready for the wire.
/// A whole message is one too, with the message headers in front (RFC 2045 §2.4).
public struct MIMEEntity: Sendable, Equatable {
    /// Header fields, each folded, without the final CRLF.
    public var headers: [String]
    /// The encoded body, lines separated by CRLF.
    public var body: String

    public init(headers: [String], body: String) {
        self.headers = headers
        self.body = body
    }

    /// The fields, an empty line, then the body.
    public func rendered() -> String {
        headers.joined(separator: "\r\n") + "\r\n\r\n" + body
    }
}
