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
    /// Received bytes live in `storage`: `storage[start..<end]` are not yet returned as
    /// frames, and `storage[end...]` is room for the next receive. The stream writes into
    /// that room directly, so a byte is copied once, into the frame that returns it. 256 KiB
    /// to begin with: four 64 KiB frames per `recv`, and few moves of a partial frame.
    private var storage: [UInt8]
    private var start = 0
    private var end: Int

    /// - Parameters:
    ///   - stream: the socket (or test stream) to read and write.
    ///   - codec: the framing, and the largest frame accepted.
    ///   - buffered: bytes already read from `stream` (the relay peeks at the first byte).
    public init(stream: any ByteStream, codec: FrameCodec, buffered: [UInt8] = []) {
        self.stream = stream
        self.codec = codec
        storage = buffered + [UInt8](repeating: 0, count: 262_144)
        end = buffered.count
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

    /// The bytes received but not yet returned as frames: where `codec.decode` looks.
    var unread: ArraySlice<UInt8> { storage[start..<end] }

    /// Receives once from the stream and adds what came to the end of `unread`. Blocks as
    /// long as the stream's receive timeout allows.
    /// - Returns: how many bytes came; 0 when the peer has closed its side.
    func receiveMore() throws -> Int {
        if end == storage.count { makeRoom() }
        let (stream, from) = (self.stream, end)
        let count = try storage.withUnsafeMutableBytes { raw in
            try stream.receive(into: UnsafeMutableRawBufferPointer(rebasing: raw[from...]))
        }
        end += count
        return count
    }

    /// Forgets the first `count` bytes of `unread`: the frame just decoded from them.
    func consume(_ count: Int) {
        start += count
        if start == end { (start, end) = (0, 0) }
    }

    /// Makes room after `unread`: moves it to the front, or, when it fills the whole storage
    /// (one frame larger than all of it), doubles the storage. The codec refuses a header
    /// over the maximum before its payload arrives, so storage never grows past about twice
    /// the largest frame accepted, and only as fast as bytes really arrive.
    private func makeRoom() {
        if start > 0 {
            let (from, count) = (start, end - start)
            storage.withUnsafeMutableBytes { raw in
                raw.baseAddress!.copyMemory(from: raw.baseAddress! + from, byteCount: count)  // memmove(3)
            }
            (start, end) = (0, end - start)
        } else {
            storage += [UInt8](repeating: 0, count: storage.count)
        }
    }
}
