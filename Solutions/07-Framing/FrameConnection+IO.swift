/// Reading and writing whole frames.
import NetLabKit

extension FrameConnection {
    /// Sends one frame, header and payload in one write.
    public func writeFrame(_ payload: [UInt8]) throws {
        try stream.sendAll(codec.encode(payload))
    }

    /// The next whole frame, waiting at most `seconds` (`nil`: as long as the stream allows).
    ///
    /// Decodes from the bytes already buffered first; receives more only when they hold no
    /// whole frame. Bytes past the frame stay buffered for the next call.
    /// - Returns: `.frame`, `.timedOut` when `seconds` pass first, `.closed` at the end of
    ///   the stream between two frames.
    /// - Throws: `FramingError.truncated` when the stream ends inside a frame, the codec's
    ///   errors, the stream's errors.
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
