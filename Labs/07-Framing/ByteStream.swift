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

    /// Receives whatever has arrived straight into `buffer` (at most its size): the count,
    /// 0 at end of stream. A stream that has only `receive(maximumLength:)` gets a version
    /// that copies (below); a socket writes into the buffer itself.
    func receive(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
    /// Sends every byte of `first`, then of `second` (a header and its payload), as if they
    /// were one array. The version below joins them; a socket sends both without copying.
    func sendAll(_ first: [UInt8], _ second: [UInt8]) throws
}

extension ByteStream {
    public func receive(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let chunk = try receive(maximumLength: buffer.count)
        buffer.copyBytes(from: chunk)
        return chunk.count
    }

    public func sendAll(_ first: [UInt8], _ second: [UInt8]) throws {
        try sendAll(first + second)
    }
}

extension TCPSocket: ByteStream {}
