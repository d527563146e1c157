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
        var buffer: [UInt8] = []
        var request: HTTPRequest?
        var answer: ServedResponse?
        while request == nil && answer == nil {
            do {
                if let (decoded, _) = try HTTPRequest.decode(buffer[...], limits: limits) {
                    request = decoded
                    break
                }
            } catch let error as HTTPError {
                answer = ServedResponse(response: StaticFileHandler.error(error.status))
                break
            }
            let chunk: [UInt8]
            do { chunk = try connection.receive(maximumLength: 1 << 16, timeout: timeout) } catch {
                try? connection.close()
                return nil
            }
            if chunk.isEmpty {
                try? connection.close()
                return nil
            }
            buffer += chunk
        }
        let method = request?.method ?? "GET"
        let served: ServedResponse
        if let request {
            do {
                served = try handler.respond(to: request, from: connection.peer)
            } catch {
                served = ServedResponse(response: StaticFileHandler.error(500))
            }
        } else {
            served = answer!
        }
        let bytes: [UInt8]
        do { bytes = try served.encoded(method: method) } catch {
            bytes = try ServedResponse(response: StaticFileHandler.error(500)).encoded(method: method)
        }
        try connection.send(bytes)
        try connection.close()
        return (method, request?.target ?? "-", served.response.status)
    }
}
