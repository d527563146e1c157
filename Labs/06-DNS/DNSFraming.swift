import NetLabKit

/// DNS over TCP: each message is preceded by its length as two bytes, big-endian
/// (RFC 1035 §4.2.2, RFC 7766 §8), because TCP is a byte stream with no boundaries.
public enum DNSFraming {
    /// Puts the 2-byte length in front of a message.
    public static func frame(_ message: [UInt8]) -> [UInt8] {
        // TODO: two bytes of length, high byte first, then the message.
        message
    }

    /// Reads one framed message.
    ///
    /// - Returns: the message, or `nil` if the peer closed the connection cleanly before a
    ///   new frame began.
    /// - Throws: `SocketError.connectionClosed` if it closed in the middle of a frame,
    ///   `.timedOut` if the socket's receive timeout passed.
    public static func readFrame(from socket: TCPSocket) throws -> [UInt8]? {
        // TODO: read the 2-byte length (it may arrive one byte at a time!), then exactly
        // that many bytes (`socket.receive(exactly:)`). Return nil on a clean EOF.
        throw NotImplemented("DNSFraming.readFrame")
    }
}
