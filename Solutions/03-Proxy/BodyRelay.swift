import Lab02HTTP

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
    public static func relay(
        framing: HTTPResponse.BodyFraming, leftover: [UInt8], receive: () throws -> [UInt8],
        write: ([UInt8]) throws -> Void, keepLimit: Int, complete: ([UInt8]) -> Void
    ) throws {
        var kept: [UInt8] = []
        var keeping = true
        func keep(_ bytes: [UInt8]) {
            guard keeping else { return }
            if kept.count + bytes.count > keepLimit {
                keeping = false
                kept = []
            } else {
                kept += bytes
            }
        }
        switch framing {
        case .none:
            complete([])
        case .length(let expected):
            var received = 0
            var piece = Array(leftover.prefix(expected))
            while true {
                received += piece.count
                keep(piece)
                if received == expected {
                    if keeping { complete(kept) }
                    if !piece.isEmpty { try write(piece) }
                    return
                }
                if !piece.isEmpty { try write(piece) }
                piece = try receive()
                if piece.isEmpty { throw RelayError.originClosedEarly }
                piece = Array(piece.prefix(expected - received))
            }
        case .chunked:
            var decoder = ChunkedDecoder()
            var input = leftover
            while true {
                let (data, _) = try decoder.feed(input[...])
                if !data.isEmpty {
                    keep(data)
                    try write(Array(String(data.count, radix: 16).utf8) + [13, 10] + data + [13, 10])
                }
                if decoder.isFinished {
                    if keeping { complete(kept) }
                    try write(Array("0\r\n\r\n".utf8))
                    return
                }
                input = try receive()
                if input.isEmpty { throw RelayError.originClosedEarly }
            }
        case .untilClose:
            var piece = leftover
            while true {
                if piece.isEmpty {
                    piece = try receive()
                    if piece.isEmpty { break }
                }
                keep(piece)
                try write(piece)
                piece = []
            }
            if keeping { complete(kept) }
        }
    }
}

/// Why a relay stopped part way.
public enum RelayError: Error, Equatable, Sendable {
    /// The origin closed before the body's end.
    case originClosedEarly
}
