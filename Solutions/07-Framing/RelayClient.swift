/// The client side of the relay: one FETCH, then the body piece by piece, or an error. The
/// whole-body `fetch` that lab 09 uses is given, in RelayClient+Whole.swift.
import NetLabKit

public enum RelayClient {
    /// Fetches `url` through the relay at `relay`, handing the body to `each` piece by piece
    /// as it arrives, so a 100 MB file never sits in memory whole.
    ///
    /// The pieces are not yet the file: only a normal return says the body is complete.
    /// Keep them somewhere temporary until then (`fetch` in the CLI writes a temporary file
    /// and renames it at the end).
    ///
    /// - Parameters:
    ///   - framing: which length header to speak; the relay answers in the same one.
    ///   - timeout: seconds each read from the relay may wait.
    ///   - each: called with each DATA frame's bytes, in order.
    /// - Returns: the content type and length, only when every byte arrived and the length
    ///   matches.
    /// - Throws: `RelayClientError` (the relay's refusal or late ERROR, or a broken stream),
    ///   `SocketError`, `FramingError`, or what `each` throws.
    public static func fetch(
        _ url: String, through relay: SocketAddress, framing: Framing = .binary, timeout: Double = 60,
        each: ([UInt8]) throws -> Void
    ) throws -> FetchSummary {
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
        var received: UInt64 = 0
        while true {
            guard let payload = try connection.readFrame() else {
                throw RelayClientError.protocolViolation(
                    "the relay closed after \(received) bytes, without an END frame")
            }
            switch try RelayFrame.decode(payload) {
            case .data(let bytes):
                received += UInt64(bytes.count)
                if let promised, received > promised {
                    throw RelayClientError.lengthMismatch(expected: promised, received: received)
                }
                try each(bytes)
            case .end(let total):
                guard total == received, promised == nil || promised == received else {
                    throw RelayClientError.lengthMismatch(expected: promised ?? total, received: received)
                }
                return FetchSummary(contentType: contentType, length: received)
            case .failed(let refusal):
                throw RelayClientError.failed(refusal)
            case .ok, .refused:
                throw RelayClientError.protocolViolation("a second STATUS frame")
            }
        }
    }
}
