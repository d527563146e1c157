import Lab02HTTP

/// The proxy's own error answers.
public enum ProxyErrors {
    /// The status for an origin failure: 504 Gateway Timeout when it was silent too long,
    /// 502 Bad Gateway for everything else (unresolvable, refused, closed early, malformed).
    public static func status(for error: OriginError) throws -> Int {
        error == .timedOut ? 504 : 502
    }

    /// A small text page: `STATUS REASON` on the first line, then `detail`, with
    /// `Content-Type: text/plain; charset=utf-8` and a correct `Content-Length`.
    public static func page(_ status: Int, detail: String) throws -> HTTPResponse {
        let body = Array("\(status) \(HTTPStatus.reason(status))\n\(detail)\n".utf8)
        return HTTPResponse(
            status: status,
            headers: HTTPHeaders([
                ("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", String(body.count)),
            ]),
            body: body)
    }
}
