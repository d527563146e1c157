import NetLabKit
import Synchronization

/// A DHCP server: one UDP socket, one pool of addresses, and (with `--leases FILE`) a lease
/// file that survives a crash.
///
/// This file is given: it keeps the pool behind a lock, sorts each message by its type,
/// and logs what happened. What the server answers is yours: `discover` and `selecting`
/// (DHCPServer+Discover.swift), `initReboot` and `renewing` (DHCPServer+Verify.swift),
/// `release`, `decline` and `inform` (DHCPServer+Release.swift). The socket loop is in
/// DHCPServer+Sockets.swift.
///
/// ```swift
/// var configuration = DHCPServerConfiguration()
/// configuration.port = 0
/// let server = try DHCPServer(configuration)
/// let address = try server.start()        // prints `listening on udp://127.0.0.1:…`
/// defer { server.stop() }
/// ```
public final class DHCPServer: Sendable {
    public let configuration: DHCPServerConfiguration
    /// Every lease, behind the lock that serialises every answer.
    let pool: Mutex<LeasePool>
    /// The lease file, when there is one.
    let journal: LeaseJournal?
    let socket = Mutex<UDPSocket?>(nil)
    let running = Atomic<Bool>(false)
    let finished = Atomic<Bool>(true)

    /// Makes a server; with a lease file, reads it back first (LeaseJournal.swift).
    ///
    /// - Throws: `FileError` if the lease file cannot be read or written.
    public init(_ configuration: DHCPServerConfiguration) throws {
        self.configuration = configuration
        var pool = LeasePool(range: configuration.pool, reservations: configuration.reservations)
        if let path = configuration.leasesFile {
            let (journal, leases) = try LeaseJournal.open(path)
            for lease in leases { pool.store(lease) }
            self.journal = journal
            configuration.log("read \(leases.count) leases from \(path)")
        } else {
            journal = nil
        }
        self.pool = Mutex(pool)
    }

    /// The server's answer to one message, or `nil` for silence. Sorts the message by
    /// type (and a REQUEST by the client's state, RFC 2131 §4.3.2), then logs the outcome.
    public func handle(_ request: DHCPMessage) -> DHCPMessage? {
        let now = configuration.time.now()
        let who = HardwareAddress(request.chaddr)
        guard request.op == DHCPMessage.bootRequest else {
            log("dropped a BOOTREPLY from \(who): a server only answers requests")
            return nil
        }
        guard let type = request.messageType else {
            log("dropped a message from \(who) without a DHCP message type (option 53)")
            return nil
        }
        let reply: DHCPMessage?
        do {
            reply = try pool.withLock { pool in try answer(request, type: type, pool: &pool, now: now) }
        } catch {
            log("could not answer \(type)(\(who)): \(error)")
            return nil
        }
        if let reply, let replyType = reply.messageType {
            let address = replyType == .nak ? "" : " \(reply.yiaddr == .zero ? reply.ciaddr : reply.yiaddr)"
            log("\(type)(\(who)) -> \(replyType)\(address)")
        } else {
            log("\(type)(\(who)) -> no reply")
        }
        return reply
    }

    /// Calls the handler for `type` (and a REQUEST's state).
    private func answer(
        _ request: DHCPMessage, type: DHCPMessageType, pool: inout LeasePool, now: Double
    ) throws
        -> DHCPMessage?
    {
        let who = HardwareAddress(request.chaddr)
        switch type {
        case .discover: return try discover(request, pool: &pool, now: now)
        case .request:
            switch RequestState(request) {
            case .selecting: return try selecting(request, pool: &pool, now: now)
            case .initReboot: return try initReboot(request, pool: &pool, now: now)
            case .renewing: return try renewing(request, pool: &pool, now: now)
            case .malformed:
                log("dropped a DHCPREQUEST from \(who) with neither ciaddr nor a requested address")
                return nil
            }
        case .decline: return try decline(request, pool: &pool, now: now)
        case .release: return try release(request, pool: &pool, now: now)
        case .inform: return try inform(request, pool: &pool, now: now)
        case .offer, .ack, .nak:
            log("dropped a \(type) from \(who): only a server sends those")
            return nil
        }
    }

    /// Writes a lease to the lease file (if there is one) and flushes it to the disk. Call
    /// it after every change to a bound, released or declined lease and BEFORE replying:
    /// a reply the disk does not back is a promise a crash can break.
    ///
    /// - Returns: `false` if the write failed (it is logged); then send no reply.
    func persist(_ lease: Lease) -> Bool {
        guard let journal else { return true }
        do {
            try journal.record(lease)
            return true
        } catch {
            log("could not save the lease of \(lease.address): \(error)")
            return false
        }
    }

    /// One diagnostic line.
    func log(_ line: String) { configuration.log(line) }

    /// A copy of the pool, for tests and the handout's examples.
    public var leases: LeasePool { pool.withLock { $0 } }
}

/// Where a client is when it sends a REQUEST, told apart by which fields it fills in
/// (RFC 2131 §4.3.2, table 4).
enum RequestState {
    /// Answering an OFFER: server identifier (54) and requested address (50), no ciaddr.
    case selecting
    /// Rebooting with an address it remembers: option 50, no server identifier, no ciaddr.
    case initReboot
    /// Extending its lease (RENEWING, unicast; or REBINDING, broadcast): ciaddr, no 50/54.
    case renewing
    /// None of those.
    case malformed

    init(_ request: DHCPMessage) {
        if request.serverIdentifier != nil {
            self = .selecting
        } else if request.requestedAddress != nil, request.ciaddr == .zero {
            self = .initReboot
        } else if request.ciaddr != .zero {
            self = .renewing
        } else {
            self = .malformed
        }
    }
}
