/// Reading and writing whole frames.
import NetLabKit

extension FrameConnection {
    /// Sends one frame: the header, then the payload, without copying the payload.
    public func writeFrame(_ payload: [UInt8]) throws {
        try stream.sendAll(codec.header(length: payload.count), payload)
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
            if let frame = try codec.decode(unread) {
                consume(frame.consumed)
                return .frame(frame.payload)
            }
            if let deadline {
                let left = deadline - SystemTime().now()
                guard left > 0, try stream.waitUntilReadable(timeout: left) else { return .timedOut }
            }
            if try receiveMore() == 0 {
                if unread.isEmpty { return .closed }
                throw FramingError.truncated(buffered: unread.count)
            }
        }
    }
}
