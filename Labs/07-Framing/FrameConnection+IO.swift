/// Reading and writing whole frames.
import NetLabKit

extension FrameConnection {
    /// Sends one frame: the header, then the payload, without copying the payload.
    public func writeFrame(_ payload: [UInt8]) throws {
        // TODO: `codec.header(length:)` for the payload, then `stream.sendAll(header, payload)`
        // (two arrays, sent as one: joining them first would copy the whole payload).
        throw NotImplemented("FrameConnection.writeFrame")
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
        // TODO: loop: try `codec.decode(unread)`; on a frame, `consume` the bytes it took and
        // return it. Otherwise wait (`stream.waitUntilReadable`) for what is left of `seconds`,
        // then `receiveMore()`. It returns 0 when the peer closed: between frames, or inside one?
        throw NotImplemented("FrameConnection.nextFrame")
    }
}
