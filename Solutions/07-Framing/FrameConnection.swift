/// Whole frames over a byte stream: `readFrame` loops until a frame is complete, however the
/// stream splits it, and keeps any bytes of the next frame for the next call.
import NetLabKit

/// What waiting for a frame gave.
public enum FrameEvent: Equatable, Sendable {
    case frame([UInt8])
    /// Nothing complete arrived in time.
    case timedOut
    /// The peer closed the stream between two frames.
    case closed
}

public final class FrameConnection: @unchecked Sendable {  // Sendable: used by one thread at a time.
    public let stream: any ByteStream
    public let codec: FrameCodec
    /// Bytes received but not yet returned as frames; `start` marks where they begin.
    private var buffer: [UInt8]
    private var start = 0

    /// - Parameters:
    ///   - stream: the socket (or test stream) to read and write.
    ///   - codec: the framing, and the largest frame accepted.
    ///   - buffered: bytes already read from `stream` (the relay peeks at the first byte).
    public init(stream: any ByteStream, codec: FrameCodec, buffered: [UInt8] = []) {
        self.stream = stream
        self.codec = codec
        self.buffer = buffered
    }

    /// Sends one frame, header and payload in one write.
    public func writeFrame(_ payload: [UInt8]) throws {
        try stream.sendAll(codec.encode(payload))
    }

    /// The next whole frame, or `nil` when the peer closed between frames. Blocks as long as
    /// the stream's own receive timeout allows.
    /// - Throws: `FramingError` (a frame too large, a bad header, a stream cut inside a frame)
    ///   or the stream's error.
    public func readFrame() throws -> [UInt8]? {
        switch try nextFrame(waitingAtMost: nil) {
        case .frame(let payload): payload
        case .closed, .timedOut: nil
        }
    }

    /// The next whole frame, waiting at most `seconds` (`nil`: as long as the stream allows).
    public func nextFrame(waitingAtMost seconds: Double?) throws -> FrameEvent {
        let deadline = seconds.map { SystemTime().now() + $0 }
        while true {
            if let frame = try codec.decode(buffer[start...]) {
                start += frame.consumed
                compact()
                return .frame(frame.payload)
            }
            if let deadline {
                let left = deadline - SystemTime().now()
                guard left > 0, try stream.waitUntilReadable(timeout: left) else { return .timedOut }
            }
            let chunk = try stream.receive(maximumLength: 65_536)
            if chunk.isEmpty {
                if start == buffer.count { return .closed }
                throw FramingError.truncated(buffered: buffer.count - start)
            }
            buffer += chunk
        }
    }

    /// Drops the bytes already returned, once they are most of the buffer (so 100-byte
    /// frames out of a 64 KiB read do not copy 64 KiB each).
    private func compact() {
        if start == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            start = 0
        } else if start > 65_536 && start * 2 > buffer.count {
            buffer.removeSubrange(0..<start)
            start = 0
        }
    }
}
