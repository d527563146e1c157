/// Whole frames over a byte stream: `readFrame` loops until a frame is complete, however the
/// stream splits it, and keeps any bytes of the next frame for the next call. Given code:
/// the reading and writing are in FrameConnection+IO.swift.
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
    /// Bytes received but not yet returned as frames, from index `start` on.
    var buffer: [UInt8]
    var start = 0

    /// - Parameters:
    ///   - stream: the socket (or test stream) to read and write.
    ///   - codec: the framing, and the largest frame accepted.
    ///   - buffered: bytes already read from `stream` (the relay peeks at the first byte).
    public init(stream: any ByteStream, codec: FrameCodec, buffered: [UInt8] = []) {
        self.stream = stream
        self.codec = codec
        self.buffer = buffered
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
}
