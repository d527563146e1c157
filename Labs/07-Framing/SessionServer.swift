/// The session server: one thread per session, one line printed per session. Given code:
/// the handshake is in SessionServer+Handshake.swift, the receiving in SessionReceiver.swift.
import NetLabKit
import Synchronization

public struct SessionServerOptions: Sendable {
    /// The largest DATA payload this server accepts (`--max-packet`).
    public var maximumPacket = 1_024
    /// The most unacknowledged messages it allows in burst mode (`--window`).
    public var window = 8
    /// Seconds each ACK is held back (`--ack-delay-ms` / 1000), to show what windows buy.
    public var ackDelay = 0.0
    /// Seconds of idleness before a KEEPALIVE (`--keepalive`); `nil` turns them off.
    public var keepAlive: Double? = 5
    /// Where received data is saved, one file per session named by its ID (`--dir`).
    public var directory: String?
    /// How long a client has to finish the handshake.
    public var handshakeTimeout = 10.0

    public init() {}
}

/// How a session ended, on the server's side.
public enum SessionEnding: Equatable, Sendable, CustomStringConvertible {
    /// DISCONNECT, ACK: everything sent was delivered.
    case disconnected
    /// Silent for three keep-alive intervals.
    case peerSilent(seconds: Double)
    /// The client closed without a DISCONNECT.
    case closed
    /// Anything else, such as a message the protocol does not allow.
    case failed(String)

    public var description: String {
        switch self {
        case .disconnected: "disconnected"
        case .peerSilent(let seconds): "peer silent for \(seconds) s, gone"
        case .closed: "closed without DISCONNECT"
        case .failed(let reason): "failed: \(reason)"
        }
    }
}

/// What the receiving side counted.
public struct ReceiverReport: Equatable, Sendable {
    public var ending: SessionEnding
    public var messages = 0
    public var bytes = 0
    /// DATA messages that arrived again, acknowledged and not delivered twice.
    public var duplicates = 0
    /// Messages whose checksum was wrong, each answered with an ERROR.
    public var corrupted = 0

    public init(ending: SessionEnding) { self.ending = ending }
}

/// One finished (or refused) session, as the server reports it.
public struct SessionSummary: Equatable, Sendable {
    public var parameters: SessionParameters?
    public var report: ReceiverReport
    public var crc: UInt32
    public var savedTo: String?
}

public final class SessionServer: Sendable {
    public let options: SessionServerOptions
    public let localAddress: SocketAddress
    private let listener: TCPListener
    private let summaries = Mutex<[SessionSummary]>([])

    public init(bindingTo address: SocketAddress, options: SessionServerOptions = SessionServerOptions()) throws {
        listener = try TCPListener(bindingTo: address)
        localAddress = try listener.localAddress()
        self.options = options
    }

    /// Serves sessions until `close()`, each on a thread of its own.
    public func run() {
        while let client = try? listener.accept() {
            startThread { self.handle(client) }
        }
    }

    public func close() { listener.close() }

    /// Every session that has ended so far, in the order they ended.
    public var finishedSessions: [SessionSummary] { summaries.withLock { $0 } }

    private func handle(_ socket: TCPSocket) {
        defer { socket.close() }
        let limit = max(options.maximumPacket, 512) + SessionMessage.headerAfterLength
        let connection = FrameConnection(stream: socket, codec: FrameCodec(.binary, maximumFrameSize: limit))
        var summary = SessionSummary(parameters: nil, report: ReceiverReport(ending: .closed), crc: 0, savedTo: nil)
        do {
            try socket.setSendTimeout(30)
            // ACKs are small and must go at once, not wait to be batched (Nagle's algorithm).
            try socket.setNoDelay()
            guard let parameters = try acceptHandshake(connection) else {
                summary.report.ending = .failed("handshake refused")
                finish(summary, peer: socket.peer)
                return
            }
            summary.parameters = parameters
            var crc: UInt32 = 0xFFFF_FFFF
            let file = try options.directory.map { try OpenFile("\($0)/\(parameters.sessionName)", for: .writing) }
            summary.savedTo = file?.path
            let receiver = SessionReceiver(connection: connection, parameters: parameters, ackDelay: options.ackDelay)
            summary.report = try receiver.run { payload in
                CRC32.update(&crc, payload)
                try file?.write(payload)
            }
            summary.crc = ~crc
        } catch {
            summary.report.ending = .failed("\(error)")
        }
        finish(summary, peer: socket.peer)
    }

    private func finish(_ summary: SessionSummary, peer: SocketAddress) {
        summaries.withLock { $0.append(summary) }
        guard let parameters = summary.parameters else {
            Console.print("session from \(peer): \(summary.report.ending)")
            return
        }
        let report = summary.report
        Console.print(
            "session \(parameters.sessionName) from \(peer) client '\(parameters.clientID)' \(parameters.mode) "
                + "packet \(parameters.maximumPacket) window \(parameters.window): \(report.messages) messages, "
                + "\(report.bytes) bytes, crc32 \(hex(UInt64(summary.crc), digits: 8)), "
                + "\(report.duplicates) duplicates, \(report.corrupted) corrupted, \(report.ending)"
                + (summary.savedTo.map { ", saved to \($0)" } ?? "")
        )
    }
}
