/// The client side of the relay: one FETCH, the whole body or an error. Lab 09 fetches
/// through this.
import NetLabKit

public enum RelayClient {
    /// Fetches `url` through the relay at `relay`.
    ///
    /// - Parameters:
    ///   - framing: which length header to speak; the relay answers in the same one.
    ///   - timeout: seconds each read from the relay may wait.
    /// - Returns: the whole body, only when every byte arrived and the length matches.
    /// - Throws: `RelayClientError` (the relay's refusal or late ERROR, or a broken stream),
    ///   `SocketError`, `FramingError`.
    public static func fetch(
        _ url: String, through relay: SocketAddress, framing: Framing = .binary, timeout: Double = 60
    ) throws -> FetchedBody {
        let socket = try TCPSocket(connectingTo: relay, timeout: timeout)
        defer { socket.close() }
        try socket.setReceiveTimeout(timeout)
        try socket.setSendTimeout(timeout)
        let connection = FrameConnection(
            stream: socket, codec: FrameCodec(framing, maximumFrameSize: RelayFrame.largestData + 1))
        try connection.writeFrame(Array("FETCH \(url)".utf8))
        guard let first = try connection.readFrame() else {
            throw RelayClientError.protocolViolation("the relay closed without answering")
        }
        let promised: UInt64?
        let contentType: String
        switch try RelayFrame.decode(first) {
        case .ok(let length, let type): (promised, contentType) = (length, type)
        case .refused(let refusal): throw RelayClientError.refused(refusal)
        default: throw RelayClientError.protocolViolation("the first frame is not a STATUS frame")
        }
        var body: [UInt8] = []
        if let promised, promised <= UInt64(Int.max) { body.reserveCapacity(Int(min(promised, 1 << 26))) }
        while true {
            guard let payload = try connection.readFrame() else {
                throw RelayClientError.protocolViolation(
                    "the relay closed after \(body.count) bytes, without an END frame")
            }
            switch try RelayFrame.decode(payload) {
            case .data(let bytes):
                body += bytes
            case .end(let total):
                let received = UInt64(body.count)
                guard total == received, promised == nil || promised == received else {
                    throw RelayClientError.lengthMismatch(expected: promised ?? total, received: received)
                }
                return FetchedBody(bytes: body, contentType: contentType)
            case .failed(let refusal):
                throw RelayClientError.failed(refusal)
            case .ok, .refused:
                throw RelayClientError.protocolViolation("a second STATUS frame")
            }
        }
    }
}
