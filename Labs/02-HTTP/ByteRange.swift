import NetLabKit

/// `Range: bytes=…` requests (RFC 9110 §14): how a video player seeks and a download resumes.
public enum ByteRange {
    /// What to send for a `Range` header and a file of a given size.
    public enum Outcome: Sendable, Equatable {
        /// Ignore the header and send the whole file with 200: no header, a syntax the server
        /// does not handle (several ranges, another unit), or an invalid one (RFC 9110 §14.2).
        case whole
        /// Send bytes `first...last` (inclusive) with 206 and `Content-Range`.
        case partial(first: Int, last: Int)
        /// Send 416 with `Content-Range: bytes */SIZE`: the range starts past the end.
        case unsatisfiable
    }
}
