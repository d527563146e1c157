import NetLabKit
import Synchronization

/// The echo server: answers every ping with the same datagram in capitals.
///
/// It can pretend to be a bad network: `loss` drops that fraction of pings (decided by a
/// seeded random generator, so a run can be replayed) and `delay` holds each reply back.
public final class PingServer: Sendable {
    // `Configuration` is given, in `PingServer+Configuration.swift`.
    public let configuration: Configuration
    private let socket: UDPSocket
    private let random: Mutex<SeededRandom>

    /// Binds the server's socket (it does not answer anything until `serve()`).
    ///
    /// - Throws: `SocketError` if the address cannot be bound (in use, not ours).
    public init(configuration: Configuration) throws {
        self.configuration = configuration
        socket = try UDPSocket(bindingTo: configuration.address)
        random = Mutex(SeededRandom(seed: configuration.seed))
    }

    /// Where the server really listens (with the kernel's port if you asked for port 0).
    public func boundAddress() throws -> SocketAddress {
        try socket.localAddress()
    }

    /// The reply to one datagram: the same bytes with ASCII letters a-z in capitals.
    ///
    /// Every datagram gets a reply, ping or not, as the textbook's UDP pinger server does:
    /// a client that sends `Ping 1 Wed Dec  2 00:50:50 2026` (a `ctime` date) must hear back.
    /// Bytes other than a-z, including non-ASCII ones, come back unchanged.
    public static func reply(to datagram: [UInt8]) throws -> [UInt8] {
        datagram.map { (0x61...0x7A).contains($0) ? $0 - 0x20 : $0 }
    }

    /// Answers datagrams until `stop()` is called. Logs one line to standard error for each
    /// datagram it drops (simulated loss) and for each one that is not a ping (echoed anyway).
    public func serve() throws {
        while true {
            let datagram: [UInt8]
            let sender: SocketAddress
            do {
                // The largest UDP payload, so that no datagram is ever cut short.
                (datagram, sender) = try socket.receive(maximumLength: UDPSocket.maximumDatagramSize)
            } catch {
                if socket.descriptor < 0 { return }  // stop() closed the socket.
                throw error
            }
            if random.withLock({ $0.chance(configuration.loss) }) {
                Console.error("dropped \(datagram.count) bytes from \(sender) (simulated loss)")
                continue
            }
            do {
                _ = try PingMessage.decode(datagram)
            } catch {
                Console.error("echoing \(datagram.count) bytes from \(sender) anyway: \(error)")
            }
            let reply = try PingServer.reply(to: datagram)
            sleep(seconds: configuration.delay)
            try? socket.send(reply, to: sender)
        }
    }

    /// Stops `serve()` and releases the port.
    public func stop() {
        socket.close()
    }
}
