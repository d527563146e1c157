import Lab02HTTP
import NetLabKit

/// Relays a response body from the origin to the client as it arrives, keeping a copy for
/// the cache only while it stays small.
public enum BodyRelay {
    /// Sends the body to the client piece by piece, never holding more of it than one read
    /// plus the copy for the cache (at most `keepLimit` bytes).
    ///
    /// - Parameters:
    ///   - framing: how the origin delimits the body (lab 02's `bodyFraming`).
    ///   - leftover: body bytes already read with the head.
    ///   - receive: the next bytes from the origin; empty at its end.
    ///   - write: sends bytes to the client. A `.length` or `.untilClose` body is sent as it
    ///     came; a `.chunked` one is sent as chunks, one per piece, ended by `0\r\n\r\n`.
    ///   - keepLimit: the most body bytes to keep for the cache.
    ///   - complete: called with the whole decoded body when it ended properly and is at most
    ///     `keepLimit` bytes, BEFORE the last bytes go to the client, so that a client's
    ///     next request already finds it in the cache.
    /// - Throws: if the origin closes before a `.length` or `.chunked` body ends, sends a bad
    ///   chunk, or the client goes away (the server then closes the client's connection).
    ///
    /// TODO (part 4): one loop per framing. `.length(n)`: send at most n bytes in all (drop
    /// any extra). `.chunked`: feed what arrives to lab 02's `ChunkedDecoder`, send each
    /// decoded piece as `SIZE-IN-HEX\r\nBYTES\r\n`. `.untilClose`: everything until
    /// `receive` returns nothing. `.none`: no body. Stop keeping (and drop the copy) as soon
    /// as the body passes `keepLimit`; the client still gets every byte.
    public static func relay(
        framing: HTTPResponse.BodyFraming, leftover: [UInt8], receive: () throws -> [UInt8],
        write: ([UInt8]) throws -> Void, keepLimit: Int, complete: ([UInt8]) -> Void
    ) throws {
        throw NotImplemented("BodyRelay.relay")
    }
}

/// Why a relay stopped part way.
public enum RelayError: Error, Equatable, Sendable {
    /// The origin closed before the body's end.
    case originClosedEarly
}
