import NetLabKit

/// Decodes a `Transfer-Encoding: chunked` body incrementally (RFC 9112 §7.1).
///
/// ```
/// 5\r\nhello\r\n      a chunk: size in hex, CRLF, that many bytes, CRLF
/// 0\r\n\r\n            the last chunk (size 0), optional trailer fields, a blank line
/// ```
///
/// Feed it bytes as they arrive; it returns the body bytes it could decode and how many
/// input bytes it used. Once `isFinished`, the bytes it did not use belong to whatever
/// follows on the connection.
public struct ChunkedDecoder: Sendable {
    // TODO: a small state machine. Where are you: reading a size line, inside a chunk's
    // data (how many bytes left?), at the CRLF after the data, in the trailer, finished?
    // Keep a partial line between calls: a size line can arrive split across two feeds.
    private let maxBodyBytes: Int

    /// - Parameter maxBodyBytes: the decoded size beyond which `feed` throws `.contentTooLarge`.
    public init(maxBodyBytes: Int = Int.max) {
        self.maxBodyBytes = maxBodyBytes
    }

    /// Whether the last chunk and the trailer section have been read.
    public var isFinished: Bool {
        false  // TODO
    }

    /// Decodes as much of `input` as possible.
    ///
    /// - Returns: the decoded body bytes, and how many bytes of `input` were used (all of
    ///   them unless the body finished inside `input`).
    /// - Throws: `HTTPError.badRequest` for a malformed chunk, `.contentTooLarge` past the limit.
    ///
    /// TODO: sizes are hex, possibly followed by `;extension`; bound the size line's length
    /// and the number of hex digits so a hostile peer cannot overflow an Int.
    public mutating func feed(_ input: ArraySlice<UInt8>) throws -> (data: [UInt8], used: Int) {
        throw NotImplemented("ChunkedDecoder.feed")
    }
}
