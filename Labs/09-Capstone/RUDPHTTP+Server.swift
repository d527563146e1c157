import Lab02HTTP
import Lab08RUDP
import NetLabKit

extension RUDPHTTP {
    /// Answers the one request that arrives on `connection`, then closes it (part 3).
    ///
    /// Steps: receive until lab 02's `HTTPRequest.decode` returns a request (it throws an
    /// `HTTPError` for a bad one: answer with `StaticFileHandler.error` of its status);
    /// ask `handler` for the response, as lab 02's server would (a handler that throws is a
    /// 500); send `encoded(method:)` of it; close the connection.
    ///
    /// - Parameters:
    ///   - timeout: seconds each wait for the request's bytes may take.
    /// - Returns: the request's method, target and the response's status, for the log;
    ///   `nil` if the client went away before sending a whole request.
    /// - Throws: the connection's `RUDPError` while answering.
    @discardableResult
    public static func serve(
        _ connection: RUDPConnection, with handler: any HTTPHandler, timeout: Double = 10
    ) throws -> (method: String, target: String, status: Int)? {
        // TODO: part 3.
        throw NotImplemented("RUDPHTTP.serve")
    }
}
