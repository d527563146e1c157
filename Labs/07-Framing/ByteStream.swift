/// What a `FrameConnection` reads from and writes to: a TCP socket, or in tests a stream
/// that splits every write at random places. Given code: nothing to write here.
import NetLabKit

public protocol ByteStream: AnyObject, Sendable {
    /// Whatever bytes have arrived, at most `maximumLength`; empty at end of stream.
    func receive(maximumLength: Int) throws -> [UInt8]
    /// Sends every byte.
    func sendAll(_ bytes: [UInt8]) throws
    /// Whether a `receive` would return at once, waiting at most `seconds` to find out.
    func waitUntilReadable(timeout seconds: Double) throws -> Bool
}

extension TCPSocket: ByteStream {}
