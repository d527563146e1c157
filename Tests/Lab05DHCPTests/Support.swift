import Lab05DHCP
import NetLabKit
import NetLabTesting
import Synchronization
import Testing

/// A server started in this process on a free loopback port, on a clock the test moves.
struct TestServer {
    let server: DHCPServer
    let address: SocketAddress
    let time: ManualTime
    let log: ServerLog
    var serverID: IPv4Address { server.configuration.serverIdentifier }

    /// The server's answer to one message, handed straight to `handle` (no socket), for
    /// tests that check what the server does NOT send. A starter's "not implemented"
    /// is thrown, never reported as silence.
    func answer(_ message: DHCPMessage) throws -> DHCPMessage? {
        let reply = server.handle(message)
        if reply == nil, let missing = log.lines.last(where: { $0.contains("not implemented") }) {
            throw NoAnswer(log: [missing])
        }
        return reply
    }
}

/// `10.0.0.10`, …: test addresses.
func ip(_ text: String) -> IPv4Address { IPv4Address(text)! }

/// Runs a `DHCPServer` for the length of `body`: pool `pool`, lease 1000 s, router, two
/// DNS servers and a domain, quiet (its log is kept for failures).
func withDHCPServer<Result>(
    pool: String = "10.0.0.10-10.0.0.12", configure: (inout DHCPServerConfiguration) -> Void = { _ in },
    _ body: (TestServer) throws -> Result
) throws -> Result {
    var configuration = DHCPServerConfiguration()
    configuration.port = 0
    let ends = pool.split(separator: "-").map { ip(String($0)) }
    configuration.pool = ends[0]...ends[1]
    configuration.router = ip("10.0.0.1")
    configuration.dns = [ip("10.0.0.53"), ip("10.0.0.54")]
    configuration.domain = "lab.test"
    configuration.leaseSeconds = 1000
    configuration.offerHold = 10
    let time = ManualTime(1_000_000)
    configuration.time = time
    let log = ServerLog()
    configuration.log = { line in log.append(line) }
    configure(&configuration)
    let server = try DHCPServer(configuration)
    let address = try server.start(announce: { _ in })
    defer { server.stop() }
    do {
        return try body(TestServer(server: server, address: address, time: time, log: log))
    } catch SocketError.timedOut {
        throw NoAnswer(log: log.lines)
    }
}

/// A hand-driven DHCP client for tests: a socket, a MAC, and one message at a time.
final class Peer {
    let socket: UDPSocket
    let mac: [UInt8]
    let server: SocketAddress
    var clientID: [UInt8]?
    private var nextXID: UInt32

    /// - Parameter number: the last byte of the MAC (02:00:00:00:00:NN) and of the xids.
    init(_ server: SocketAddress, number: UInt8, clientID: String? = nil) throws {
        socket = try testUDPSocket(timeout: 3)
        mac = [2, 0, 0, 0, 0, number]
        self.server = server
        self.clientID = clientID.map { [0] + Array($0.utf8) }
        nextXID = 0x1000_0000 | UInt32(number) << 8
    }

    deinit { socket.close() }

    /// A request of `type` with a fresh xid, chaddr and (if set) option 61.
    func message(_ type: DHCPMessageType, options: [DHCPOption] = []) -> DHCPMessage {
        nextXID += 1
        var message = DHCPMessage(type: type, xid: nextXID, chaddr: mac, options: options)
        if let clientID { message.setOption(.clientIdentifier, clientID) }
        return message
    }

    func discover(requesting address: IPv4Address? = nil, list: [UInt8] = [1, 3, 6, 15]) -> DHCPMessage {
        var options = [DHCPOption(.parameterRequestList, list)]
        if let address { options.append(DHCPOption(.requestedAddress, address.bytes)) }
        return message(.discover, options: options)
    }

    /// A REQUEST in SELECTING: options 50 and 54.
    func select(_ address: IPv4Address, server id: IPv4Address) -> DHCPMessage {
        message(
            .request, options: [DHCPOption(.requestedAddress, address.bytes), DHCPOption(.serverIdentifier, id.bytes)])
    }

    /// A REQUEST in INIT-REBOOT: option 50, no 54, no ciaddr.
    func reboot(_ address: IPv4Address) -> DHCPMessage {
        message(.request, options: [DHCPOption(.requestedAddress, address.bytes)])
    }

    /// A REQUEST in RENEWING: ciaddr only.
    func renew(_ address: IPv4Address) -> DHCPMessage {
        var request = message(.request)
        request.ciaddr = address
        return request
    }

    /// Sends `message` and returns the reply with its xid (others are skipped).
    /// Throws `SocketError.timedOut` if none comes.
    func exchange(_ message: DHCPMessage) throws -> DHCPMessage {
        try socket.send(message.encode(), to: server)
        while true {
            let (bytes, _) = try socket.receive()
            guard let reply = try? DHCPMessage.decode(bytes) else { continue }
            if reply.xid == message.xid { return reply }
        }
    }

    /// DISCOVER, OFFER, REQUEST, ACK. Returns the ACK (or whatever ended the exchange).
    func dora(requesting address: IPv4Address? = nil) throws -> DHCPMessage {
        let offer = try exchange(discover(requesting: address))
        guard offer.messageType == .offer, let id = offer.serverIdentifier else { return offer }
        return try exchange(select(offer.yiaddr, server: id))
    }

    /// The address a full exchange gets, or `nil` if it ends without an ACK.
    func lease(requesting address: IPv4Address? = nil) throws -> IPv4Address? {
        let ack = try dora(requesting: address)
        return ack.messageType == .ack ? ack.yiaddr : nil
    }
}
