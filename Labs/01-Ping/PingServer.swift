import NetLabKit
import Synchronization

/// The echo server: answers every ping with the same datagram in capitals.
///
/// It can pretend to be a bad network: `loss` drops that fraction of pings, decided by a
/// `SeededRandom` made from `seed` (same seed, same drops), and `delay` holds each reply
/// back.
public final class PingServer: Sendable {
    // `Configuration` is given, in `PingServer+Configuration.swift`.
    public let configuration: Configuration
    // TODO: store a UDPSocket, and a SeededRandom inside a Mutex (serve() changes it,
    // and a Sendable class may only change state behind a lock).

    /// Binds the server's socket. It answers nothing until `serve()`.
    ///
    /// TODO: open a UDPSocket bound to `configuration.address`.
    public init(configuration: Configuration) throws {
        self.configuration = configuration
        throw NotImplemented("PingServer.init")
    }

    /// Where the server really listens (with the kernel's port if you asked for port 0).
    public func boundAddress() throws -> SocketAddress {
        throw NotImplemented("PingServer.boundAddress")
    }

    /// The reply to one datagram: the same bytes with ASCII letters a-z in capitals.
    ///
    /// Every datagram gets a reply, ping or not, as the textbook's UDP pinger server does:
    /// a client that sends `Ping 1 Wed Dec  2 00:50:50 2026` (a `ctime` date) must hear back.
    ///
    /// TODO: return the bytes with each one in 0x61...0x7A (a-z) lowered by 0x20 (to A-Z).
    /// Every other byte, including bytes that are not ASCII, stays as it is.
    public static func reply(to datagram: [UInt8]) throws -> [UInt8] {
        throw NotImplemented("PingServer.reply")
    }

    /// Answers datagrams until `stop()` is called.
    ///
    /// TODO: loop: receive a datagram (ask for `UDPSocket.maximumDatagramSize` bytes, so
    /// none is cut short); if the random generator says so (`chance(configuration.loss)`),
    /// log the drop with `Console.error` and go on; if `PingMessage.decode` rejects it, log
    /// why, but still answer it; wait `configuration.delay` seconds and send the reply to
    /// the sender. When `stop()` closes the socket, `receive` throws: return quietly then.
    public func serve() throws {
        throw NotImplemented("PingServer.serve")
    }

    /// Stops `serve()` and releases the port.
    public func stop() {
        // TODO: close the socket.
    }
}
