import Lab02HTTP
import NetLabKit

/// The proxy's own error answers.
public enum ProxyErrors {
    /// The status for an origin failure: 504 Gateway Timeout when it was silent too long
    /// (`.timedOut`), 502 Bad Gateway for everything else.
    public static func status(for error: OriginError) throws -> Int {
        throw NotImplemented("ProxyErrors.status")
    }

    /// A small text page: `STATUS REASON` on the first line (`HTTPStatus.reason`), then
    /// `detail`, each ended by a newline, with `Content-Type: text/plain; charset=utf-8`
    /// and a correct `Content-Length`.
    public static func page(_ status: Int, detail: String) throws -> HTTPResponse {
        throw NotImplemented("ProxyErrors.page")
    }
}
