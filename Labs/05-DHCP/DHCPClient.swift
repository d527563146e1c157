import NetLabKit
import Synchronization

/// How to run a client: `lab05-dhcp client`'s options.
public struct DHCPClientConfiguration: Sendable {
    /// Where requests go (in LAN mode, the broadcast address and port 67).
    public var server: SocketAddress
    /// The local port to receive replies on; 0 picks a free one. Real DHCP uses 68.
    public var port: UInt16 = 6868
    public var mac: HardwareAddress
    /// Sent as option 61: type 0, then the text's bytes.
    public var clientID: String?
    /// Sent as option 12.
    public var hostname: String?
    /// Sent as option 50 in the DISCOVER: "I would like this address".
    public var requested: IPv4Address?
    /// Seconds for the whole exchange, retransmissions included.
    public var timeout: Double = 10
    /// Seeds the xids and the backoff's jitter; print it to replay a run.
    public var seed: UInt64 = SeededRandom.freshSeed()
    public var backoffScale = Backoff.loopbackScale
    /// LAN mode: bind 0.0.0.0, SO_BROADCAST.
    public var broadcast = false
    /// LAN mode: the interface to ask on (`SO_BINDTODEVICE`); `nil` lets the routing table choose.
    public var interface: String?
    /// Where the exchange is narrated, one line per message.
    public var log: @Sendable (String) -> Void = { Console.print($0) }

    public init(server: SocketAddress, mac: HardwareAddress) {
        self.server = server
        self.mac = mac
    }
}

/// Why the client has no lease.
public enum DHCPClientError: Error, Equatable, CustomStringConvertible {
    /// Nothing answered before the timeout.
    case noServer
    /// The server refused to extend the lease (a NAK while renewing).
    case refused(IPv4Address)

    public var description: String {
        switch self {
        case .noServer: "no DHCP server answered"
        case .refused(let address): "the server refused the lease of \(address) (DHCPNAK): run the client again"
        }
    }
}

/// A DHCP client: INIT → SELECTING → REQUESTING → BOUND (RFC 2131 §4.4, figure 5).
///
/// This file is given: the socket, building requests, and receiving one reply. The state
/// machine is yours: `transact` and `obtain` (DHCPClient+Exchange.swift), `renew` and
/// `release` (DHCPClient+Renew.swift).
public final class DHCPClient: @unchecked Sendable {  // Sendable: mutable state is in `state`'s Mutex.
    public let configuration: DHCPClientConfiguration
    let socket: UDPSocket
    let state: Mutex<(random: SeededRandom, backoff: Backoff)>

    /// Binds the client's socket.
    public init(_ configuration: DHCPClientConfiguration) throws {
        self.configuration = configuration
        let host = configuration.broadcast ? "0.0.0.0" : (configuration.server.isIPv6 ? "::1" : "127.0.0.1")
        socket = try DHCPSocket.open(
            SocketAddress(ip: host, port: configuration.port), broadcast: configuration.broadcast,
            interface: configuration.interface)
        state = Mutex(
            (
                SeededRandom(seed: configuration.seed),
                Backoff(
                    scale: configuration.backoffScale,
                    seed: configuration.seed ^ 0x5EED)
            ))
    }

    /// The local address replies come to.
    public var localAddress: SocketAddress { (try? socket.localAddress()) ?? configuration.server }

    /// A fresh transaction ID.
    func newXID() -> UInt32 { state.withLock { UInt32(truncatingIfNeeded: $0.random.next()) } }

    /// The wait after try `attempt`, from the client's `Backoff`.
    func backoffDelay(afterAttempt attempt: Int) throws -> Double {
        try state.withLock { try $0.backoff.delay(afterAttempt: attempt) }
    }

    /// A request of `type` from this client: chaddr, option 61 (type 0 and the text, if
    /// `--client-id`), 12 (hostname), the parameter request list (55), and `options`.
    public func message(_ type: DHCPMessageType, xid: UInt32, options: [DHCPOption] = []) -> DHCPMessage {
        var extra: [DHCPOption] = []
        if let id = configuration.clientID { extra.append(DHCPOption(.clientIdentifier, [0] + Array(id.utf8))) }
        if let name = configuration.hostname { extra.append(DHCPOption(.hostName, Array(name.utf8))) }
        if type == .discover || type == .request || type == .inform {
            extra.append(DHCPOption(.parameterRequestList, [1, 3, 6, 15, 51, 54, 58, 59]))
        }
        var message = DHCPMessage(type: type, xid: xid, chaddr: configuration.mac.bytes, options: options + extra)
        if configuration.broadcast && type != .release { message.flags = DHCPMessage.broadcastFlag }
        return message
    }

    /// Sends one message.
    func send(_ message: DHCPMessage, to address: SocketAddress) throws {
        try socket.send(message.encode(), to: address)
    }

    /// Waits for one datagram that decodes as a DHCP message, until `deadline` (a
    /// `SystemTime().now()` value). Datagrams that do not decode are logged and skipped.
    ///
    /// - Returns: the message, or `nil` if the deadline passed first.
    func receive(until deadline: Double) throws -> DHCPMessage? {
        while true {
            let remaining = deadline - SystemTime().now()
            guard remaining > 0, try socket.waitUntilReadable(timeout: remaining) else { return nil }
            let (bytes, sender) = try socket.receive()
            do {
                return try DHCPMessage.decode(bytes)
            } catch {
                configuration.log("ignored \(bytes.count) bytes from \(sender): \(error)")
            }
        }
    }

    /// One narration line.
    func say(_ line: String) { configuration.log(line) }

    /// The server's address as `HOST:PORT` text, saved with the lease for `renew`.
    var serverText: String { configuration.server.description }

    deinit { socket.close() }
}
