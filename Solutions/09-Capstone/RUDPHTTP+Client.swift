import Lab02HTTP
import Lab08RUDP
import NetLabKit

extension RUDPHTTP {
    /// Sends `request` on `connection` and reads the whole response (part 3).
    ///
    /// Steps: encode the request with lab 02's `encode()` and send it; receive until
    /// `HTTPResponse.decodeHead` finds the head (more than `limits.maxHeaderBytes` bytes
    /// without one is a bad response); then read the body as `bodyFraming` says: a length
    /// (exactly that many bytes: an early end of stream is `.truncated`), until the end of
    /// the stream, or none. Chunked coding is a `.badResponse`: the app server never sends it.
    ///
    /// - Parameters:
    ///   - timeout: seconds each wait for bytes may take.
    /// - Returns: the response, its `body` filled in.
    /// - Throws: `RUDPHTTPError`, or the connection's `RUDPError`.
    public static func fetch(
        _ request: HTTPRequest, over connection: RUDPConnection, timeout: Double = 10
    ) throws -> HTTPResponse {
        try connection.send(request.encode())
        var buffer: [UInt8] = []
        var ended = false
        func more() throws {
            let chunk = try connection.receive(maximumLength: 1 << 20, timeout: timeout)
            if chunk.isEmpty { ended = true } else { buffer += chunk }
        }
        var head: (response: HTTPResponse, length: Int)?
        while true {
            do {
                head = try HTTPResponse.decodeHead(buffer[...], limits: limits)
            } catch {
                throw RUDPHTTPError.badResponse("\(error)")
            }
            if head != nil { break }
            if ended { throw RUDPHTTPError.truncated(received: buffer.count, expected: nil) }
            if buffer.count > limits.maxStartLineBytes + limits.maxHeaderBytes {
                throw RUDPHTTPError.badResponse("no end of the head in \(buffer.count) bytes")
            }
            try more()
        }
        guard let (decoded, headLength) = head else { throw RUDPHTTPError.badResponse("no head") }
        var response = decoded
        let framing: HTTPResponse.BodyFraming
        do { framing = try response.bodyFraming(requestMethod: request.method) } catch {
            throw RUDPHTTPError.badResponse("\(error)")
        }
        switch framing {
        case .none:
            return response
        case .chunked:
            throw RUDPHTTPError.badResponse("chunked coding over RUDP")
        case .length(let length):
            guard length <= largestBody else { throw RUDPHTTPError.badResponse("a \(length)-byte body is too large") }
            buffer.reserveCapacity(headLength + length)
            while buffer.count - headLength < length {
                if ended { throw RUDPHTTPError.truncated(received: buffer.count - headLength, expected: length) }
                try more()
            }
            response.body = Array(buffer[headLength..<headLength + length])
        case .untilClose:
            while !ended {
                if buffer.count - headLength > largestBody { throw RUDPHTTPError.badResponse("the body is too large") }
                try more()
            }
            response.body = Array(buffer[headLength...])
        }
        return response
    }
}
