import Lab06DNS
import NetLabKit
import NetLabTesting
import Synchronization
import Testing

/// A server started in this process on free loopback ports.
struct RunningServer {
    let server: DNSServer
    let addresses: DNSServer.Addresses
    var dns: SocketAddress { addresses.udp }
    var tcp: SocketAddress { addresses.tcp }
    var admin: SocketAddress { addresses.admin! }
}

/// A zone used by several tests: every record type the lab supports.
let sampleZone = """
    ; a small zone for the tests
    $TTL 300
    example.test.        IN SOA ns1.example.test. admin.example.test. 2024 3600 600 86400 60
    example.test.        NS    ns1.example.test.
    example.test.        MX    10 mail.example.test.
    example.test.        TXT   "hello world" "second string"
    www.example.test.    120 IN A 10.0.0.1
    www.example.test.    AAAA  fd00::1
    mail.example.test.   A     10.0.0.25
    alias.example.test.  CNAME www.example.test.
    """

/// Runs the student's `DNSServer` for the length of `body`, on port 0 with the admin
/// channel on, quiet (nothing printed).
func withDNSServer<Result>(
    records: [(String, String)] = [], zone: String? = nil, upstream: SocketAddress? = nil,
    time: (any TimeSource)? = nil,
    upstreamTimeout: Double = 1.0, token: String? = nil, cacheSize: Int = 100, ttl: UInt32 = 300,
    _ body: (RunningServer) throws -> Result
) throws -> Result {
    var configuration = DNSServerConfiguration()
    configuration.port = 0
    configuration.adminPort = 0
    configuration.upstream = upstream
    configuration.upstreamTimeout = upstreamTimeout
    configuration.adminToken = token
    configuration.cacheSize = cacheSize
    configuration.ttl = ttl
    let log = ServerLog()
    configuration.log = { line in log.append(line) }
    if let time { configuration.time = time }
    for (name, ip) in records {
        let owner = try #require(DNSName(name), "bad test name \(name)")
        configuration.records.append(
            try #require(ResourceRecord.address(name: owner, ip: ip, ttl: ttl), "bad test IP \(ip)"))
    }
    if let zone { configuration.records += try ZoneFile.parse(zone) }
    let server = DNSServer(configuration)
    let addresses = try server.start(announce: { _, _, _ in })
    defer { server.stop() }
    do {
        return try body(RunningServer(server: server, addresses: addresses))
    } catch SocketError.timedOut {
        // Say why the server was silent, when it said why: "not implemented yet: …".
        throw NoAnswer(log: log.lines)
    }
}

func name(_ text: String) -> DNSName { DNSName(text)! }

func record(_ owner: String, _ ip: String, ttl: UInt32 = 300) -> ResourceRecord {
    ResourceRecord.address(name: name(owner), ip: ip, ttl: ttl)!
}

/// Asks `server` one question over UDP and returns the decoded answer (with the same ID).
/// Throws `SocketError.timedOut` if nothing comes within `timeout`.
func ask(
    _ server: SocketAddress, _ owner: String, _ type: DNSRecordType = .a, id: UInt16 = 0x4E4C, edns: EDNSInfo? = nil,
    timeout: Double = 5
) throws -> DNSMessage {
    let socket = try testUDPSocket(timeout: timeout)
    defer { socket.close() }
    let query = DNSMessage.query(id: id, name: name(owner), type: type, edns: edns)
    try socket.send(query.encode(), to: server)
    return try receiveAnswer(on: socket, id: id)
}

/// The next DNS message on `socket` with this ID (others are skipped).
func receiveAnswer(on socket: UDPSocket, id: UInt16) throws -> DNSMessage {
    while true {
        let (bytes, _) = try socket.receive()
        let message = try DNSMessage.decode(bytes)
        if message.header.id == id { return message }
    }
}

/// Sends raw bytes and returns the raw reply, or `nil` if none comes within `timeout`.
func exchangeRaw(_ bytes: [UInt8], with server: SocketAddress, timeout: Double = 2) throws -> [UInt8]? {
    let socket = try testUDPSocket(timeout: timeout)
    defer { socket.close() }
    try socket.send(bytes, to: server)
    do {
        return try socket.receive().bytes
    } catch SocketError.timedOut {
        return nil
    }
}

/// Asks over TCP, with the two-byte length prefix, on a new connection.
func askTCP(
    _ server: SocketAddress, _ owner: String, _ type: DNSRecordType = .a, id: UInt16 = 0x5443
) throws -> DNSMessage {
    let connection = try TCPSocket(connectingTo: server, timeout: 5)
    defer { connection.close() }
    try connection.setReceiveTimeout(5)
    let query = DNSMessage.query(id: id, name: name(owner), type: type).encode()
    try connection.sendAll([UInt8(query.count >> 8), UInt8(query.count & 0xFF)] + query)
    return try readFramed(connection)
}

/// Reads one length-prefixed DNS message from a TCP connection.
func readFramed(_ connection: TCPSocket) throws -> DNSMessage {
    let prefix = try connection.receive(exactly: 2)
    let length = Int(prefix[0]) << 8 | Int(prefix[1])
    return try DNSMessage.decode(try connection.receive(exactly: length))
}

/// The addresses in the answer section, as text, in order.
func addresses(_ message: DNSMessage) -> [String] {
    message.answers.compactMap { record in
        switch record.data {
        case .a(let bytes), .aaaa(let bytes): return IPAddressText.format(bytes)
        default: return nil
        }
    }
}

/// Sends one admin command and returns the reply text (or `nil` on timeout).
func adminCommand(_ command: String, to server: SocketAddress, timeout: Double = 2) throws -> String? {
    guard let reply = try exchangeRaw(Array(command.utf8), with: server, timeout: timeout) else { return nil }
    return String(decoding: reply, as: UTF8.self)
}

/// One query as the fake upstream saw it, and ways to answer it.
struct UpstreamCall: Sendable {
    let query: DNSMessage
    /// 0 for the first query the upstream received, 1 for the next…
    let index: Int
    /// The server's forwarding socket.
    let sender: SocketAddress
    let socket: UDPSocket
    var name: String { query.questions[0].name.description }

    /// Answers from the upstream's own address, as a real upstream would.
    func reply(_ message: DNSMessage) { try? socket.send(message.encode(), to: sender) }

    /// Sends a message to the server from another port: what an off-path spoofer does.
    func replyFromAnotherPort(_ message: DNSMessage) {
        guard let decoy = try? testUDPSocket() else { return }
        try? decoy.send(message.encode(), to: sender)
        decoy.close()
    }
}

/// An upstream DNS server played by the test: it decodes each query, remembers it, and lets
/// `script` decide what to send back (and from where).
final class FakeUpstream: Sendable {
    let peer: FakeUDPPeer
    private let log: SharedLog
    var address: SocketAddress { peer.address }

    /// Every query received so far.
    var received: [DNSMessage] { log.entries.withLock { $0.map(\.0) } }

    init(_ script: @escaping @Sendable (UpstreamCall) -> Void) throws {
        let log = SharedLog()
        self.log = log
        peer = try FakeUDPPeer { datagram, sender, socket in
            guard let query = try? DNSMessage.decode(datagram), query.questions.count == 1 else { return }
            let index = log.entries.withLock { entries in
                entries.append((query, sender))
                return entries.count - 1
            }
            script(UpstreamCall(query: query, index: index, sender: sender, socket: socket))
        }
    }

    /// An upstream that answers every question with an A record for `ip`.
    static func answering(_ ip: String, ttl: UInt32 = 300) throws -> FakeUpstream {
        try FakeUpstream { call in
            call.reply(upstreamReply(to: call.query, answers: [record(call.name, ip, ttl: ttl)]))
        }
    }

    deinit { peer.stop() }
}

final class SharedLog: Sendable {
    let entries = Mutex<[(DNSMessage, SocketAddress)]>([])
}

/// What a real upstream would send back to `query`.
func upstreamReply(
    to query: DNSMessage, code: DNSResponseCode = .noError, answers: [ResourceRecord] = [],
    authorities: [ResourceRecord] = []
) -> DNSMessage {
    DNSMessage(
        header: DNSHeader(
            id: query.header.id, isResponse: true, recursionDesired: query.header.recursionDesired,
            recursionAvailable: true,
            responseCode: UInt8(code.rawValue)),
        questions: query.questions, answers: answers, authorities: authorities)
}

/// Bytes written as hex, spaces allowed: `hex("12 34 01 00")`.
func hex(_ text: String) -> [UInt8] {
    let digits = text.filter { !$0.isWhitespace }
    var bytes: [UInt8] = []
    var index = digits.startIndex
    while index < digits.endIndex {
        let next = digits.index(index, offsetBy: 2)
        bytes.append(UInt8(digits[index..<next], radix: 16)!)
        index = next
    }
    return bytes
}

/// The error `decode` throws for `bytes`, or `nil` if it decodes.
func decodeError(_ bytes: [UInt8]) -> DNSDecodeError? {
    do {
        _ = try DNSMessage.decode(bytes)
        return nil
    } catch {
        return error
    }
}

extension Array where Element == UInt8 {
    /// The bytes in hex, as a failure message shows them: `12 34 01 00 …` (the first 48
    /// bytes of a long packet, then how many more there are).
    var hexText: String {
        let shown = prefix(48).map { byte in
            let text = String(byte, radix: 16)
            return text.count == 1 ? "0" + text : text
        }
        return shown.joined(separator: " ") + (count > 48 ? " … (\(count) bytes)" : "")
    }
}
