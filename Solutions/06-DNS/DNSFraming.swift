import NetLabKit

/// DNS over TCP: each message is preceded by its length as two bytes, big-endian
/// (RFC 1035 §4.2.2, RFC 7766 §8), because TCP is a byte stream with no boundaries.
public enum DNSFraming {
    /// Puts the 2-byte length in front of a message.
    public static func frame(_ message: [UInt8]) -> [UInt8] {
        let length = min(message.count, 65_535)
        return [UInt8(length >> 8), UInt8(length & 0xFF)] + message.prefix(length)
    }

    /// Reads one framed message.
    ///
    /// - Returns: the message, or `nil` if the peer closed the connection cleanly before a
    ///   new frame began.
    /// - Throws: `SocketError.connectionClosed` if it closed in the middle of a frame,
    ///   `.timedOut` if the socket's receive timeout passed.
    public static func readFrame(from socket: TCPSocket) throws -> [UInt8]? {
        let first = try socket.receive(maximumLength: 2)
        if first.isEmpty { return nil }
        let prefix = first.count == 2 ? first : first + (try socket.receive(exactly: 1))
        let length = Int(prefix[0]) << 8 | Int(prefix[1])
        return length == 0 ? [] : try socket.receive(exactly: length)
    }
}
