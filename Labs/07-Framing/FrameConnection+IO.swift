/// Reading and writing whole frames.
import NetLabKit

extension FrameConnection {
    /// Sends one frame, header and payload in one write.
    public func writeFrame(_ payload: [UInt8]) throws {
        // TODO: encode with `codec`, send every byte with `stream`.
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
        // TODO: loop: try `codec.decode(buffer[start...])`; if that needs more bytes, wait
        // (`stream.waitUntilReadable`) for what is left of `seconds`, receive, append.
        throw NotImplemented("FrameConnection.nextFrame")
    }
}
