import Foundation
import Lab05DHCP
import NetLabKit
import NetLabTesting
import Synchronization
import Testing

/// A client of the lab's own kind, on a free port, with a seed and a loopback backoff a
/// little slower than the default (so a loaded machine does not retransmit by accident).
func makeClient(
    _ server: SocketAddress, mac: UInt8 = 1, timeout: Double = 10, seed: UInt64 = 5,
    configure: (inout DHCPClientConfiguration) -> Void = { _ in }
) throws -> (DHCPClient, ClientLog) {
    var configuration = DHCPClientConfiguration(server: server, mac: HardwareAddress([2, 0, 0, 0, 0, mac]))
    configuration.port = 0
    configuration.timeout = timeout
    configuration.seed = seed
    configuration.backoffScale = 1.0 / 8
    let log = ClientLog()
    configuration.log = { log.append($0) }
    configure(&configuration)
    return (try DHCPClient(configuration), log)
}

typealias ClientLog = ServerLog

/// Seconds as the client narrates them: two decimals (1.05, 0.38).
func twoDecimals(_ seconds: Double) -> String {
    let hundredths = Int((seconds * 100).rounded())
    return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
}

/// What a scripted server saw: every decoded request, in order.
final class Seen: Sendable {
    private let messages = Mutex<[DHCPMessage]>([])
    func append(_ message: DHCPMessage) { messages.withLock { $0.append(message) } }
    var all: [DHCPMessage] { messages.withLock { $0 } }
    func of(_ type: DHCPMessageType) -> [DHCPMessage] { all.filter { $0.messageType == type } }
}

/// A reply a scripted server sends to `request`.
func scriptedReply(
    _ type: DHCPMessageType, to request: DHCPMessage, address: String, xid: UInt32? = nil
)
    -> DHCPMessage
{
    var reply = DHCPMessage()
    reply.op = DHCPMessage.bootReply
    reply.xid = xid ?? request.xid
    reply.chaddr = request.chaddr
    reply.hlen = request.hlen
    reply.yiaddr = type == .nak ? .zero : ip(address)
    reply.options = [DHCPOption(.messageType, [type.rawValue]), DHCPOption(.serverIdentifier, [10, 9, 0, 1])]
    if type != .nak {
        reply.options += [
            DHCPOption(.leaseTime, UInt32(600).bigEndianBytes), DHCPOption(.subnetMask, [255, 255, 0, 0]),
        ]
    }
    return reply
}

/// Fails a client test with the starter's "not implemented" instead of a confusing wait.
func obtain(_ client: DHCPClient) throws -> DHCPLease {
    try client.obtain()
}

@Suite("The client: INIT, SELECTING, REQUESTING, BOUND, and back")
struct DHCPClientTests {
    @Test("the client gets a lease from the lab's server and reports every field")
    func getsALease() throws {
        try withDHCPServer { server in
            let (client, log) = try makeClient(server.address)
            let lease = try obtain(client)
            #expect(lease.address == ip("10.0.0.10"))
            #expect(lease.subnetMask == ip("255.255.255.0"))
            #expect(lease.router == ip("10.0.0.1"))
            #expect(lease.dns == [ip("10.0.0.53"), ip("10.0.0.54")])
            #expect(lease.domain == "lab.test")
            #expect(lease.leaseSeconds == 1000 && lease.t1 == 500 && lease.t2 == 875)
            #expect(lease.serverID == ip("10.0.0.1"))
            #expect(log.lines.first?.hasPrefix("DHCPDISCOVER") == true)
            #expect(log.lines.last?.hasPrefix("DHCPACK") == true)
            let json = lease.json()
            #expect(
                json == #"{"address": "10.0.0.10", "subnet_mask": "255.255.255.0", "router": "10.0.0.1", "#
                    + #""dns": ["10.0.0.53", "10.0.0.54"], "domain": "lab.test", "lease_seconds": 1000, "#
                    + #""t1": 500, "t2": 875, "server_id": "10.0.0.1"}"#)
        }
    }

    @Test("the client sends option 61 as type 0 and the text, option 12, and option 50")
    func sendsItsOptions() throws {
        let seen = Seen()
        let peer = try FakeUDPPeer { bytes, sender, socket in
            guard let request = try? DHCPMessage.decode(bytes) else { return }
            seen.append(request)
            let type: DHCPMessageType = request.messageType == .discover ? .offer : .ack
            try? socket.send(scriptedReply(type, to: request, address: "10.9.0.77").encode(), to: sender)
        }
        defer { peer.stop() }
        let (client, _) = try makeClient(peer.address) {
            $0.clientID = "alice"
            $0.hostname = "alice-laptop"
            $0.requested = ip("10.9.0.77")
        }
        let lease = try obtain(client)
        #expect(lease.address == ip("10.9.0.77"))
        let discover = try #require(seen.of(.discover).first)
        #expect(discover.clientIdentifier == [0] + Array("alice".utf8))
        #expect(discover.option(.hostName) == Array("alice-laptop".utf8))
        #expect(discover.requestedAddress == ip("10.9.0.77"))
        #expect(discover.op == DHCPMessage.bootRequest && discover.chaddr == [2, 0, 0, 0, 0, 1])
        let request = try #require(seen.of(.request).first)
        #expect(request.requestedAddress == ip("10.9.0.77"))
        #expect(request.serverIdentifier == ip("10.9.0.1"))
        #expect(request.xid == discover.xid)
        #expect(request.ciaddr == .zero)
    }

    @Test("lost DISCOVERs and REQUESTs are retransmitted with the same xid until answered")
    func retransmits() throws {
        let seen = Seen()
        let peer = try FakeUDPPeer { bytes, sender, socket in
            guard let request = try? DHCPMessage.decode(bytes), let type = request.messageType else { return }
            seen.append(request)
            guard seen.of(type).count > 2 else { return }  // drop the first two of each
            let reply = scriptedReply(type == .discover ? .offer : .ack, to: request, address: "10.9.0.5")
            try? socket.send(reply.encode(), to: sender)
        }
        defer { peer.stop() }
        let (client, log) = try makeClient(peer.address)
        let lease = try obtain(client)
        #expect(lease.address == ip("10.9.0.5"))
        #expect(seen.of(.discover).count == 3)
        #expect(Set(seen.of(.discover).map(\.xid)).count == 1)
        #expect(seen.of(.request).count == 3)
        // The waits follow the client's own schedule (makeClient's seed and scale): attempts 0
        // and 1 of the DISCOVER, then (after its answered third try) of the REQUEST.
        var schedule = Backoff(scale: 1.0 / 8, seed: 5 ^ 0x5EED)
        let waits = try [0, 1, 2, 0, 1].map { try schedule.delay(afterAttempt: $0) }
        let expected = [waits[0], waits[1], waits[3], waits[4]].map { "no answer after \(twoDecimals($0)) s" }
        let narrated = log.lines.filter { $0.contains("retransmitting") }.map { String($0.prefix { $0 != ":" }) }
        #expect(narrated == expected)
    }

    @Test("the narration shows the wait before each retransmission, in seconds with two decimals")
    func narratesTheWait() throws {
        let seen = Seen()
        let peer = try FakeUDPPeer { bytes, sender, socket in
            guard let request = try? DHCPMessage.decode(bytes), let type = request.messageType else { return }
            seen.append(request)
            guard type != .discover || seen.of(.discover).count > 1 else { return }  // drop the first DISCOVER
            let reply = scriptedReply(type == .discover ? .offer : .ack, to: request, address: "10.9.0.6")
            try? socket.send(reply.encode(), to: sender)
        }
        defer { peer.stop() }
        // A scale that makes the first wait 1.02 to 1.70 s, so whole seconds show too.
        let (client, log) = try makeClient(peer.address, seed: 11) { $0.backoffScale = 0.34 }
        let lease = try obtain(client)
        #expect(lease.address == ip("10.9.0.6"))
        var backoff = Backoff(scale: 0.34, seed: 11 ^ 0x5EED)  // the client's own schedule
        let shown = twoDecimals(try backoff.delay(afterAttempt: 0))
        let line = log.lines.first { $0.contains("retransmitting") }
        #expect(line == "no answer after \(shown) s: retransmitting DHCPDISCOVER")
    }

    @Test("replies with the wrong xid, the wrong chaddr or the wrong type are ignored; duplicates do no harm")
    func filtersReplies() throws {
        let seen = Seen()
        let peer = try FakeUDPPeer { bytes, sender, socket in
            guard let request = try? DHCPMessage.decode(bytes), let type = request.messageType else { return }
            seen.append(request)
            var replies: [DHCPMessage] = []
            if type == .discover {
                replies.append(scriptedReply(.offer, to: request, address: "10.9.0.66", xid: request.xid &+ 1))
                var stranger = scriptedReply(.offer, to: request, address: "10.9.0.67")
                stranger.chaddr = [2, 0, 0, 0, 0, 0x99]
                replies.append(stranger)
                replies.append(scriptedReply(.ack, to: request, address: "10.9.0.68"))
                replies.append(scriptedReply(.offer, to: request, address: "10.9.0.5"))
                replies.append(scriptedReply(.offer, to: request, address: "10.9.0.5"))
            } else {
                replies.append(scriptedReply(.nak, to: request, address: "", xid: request.xid &+ 1))
                replies.append(scriptedReply(.ack, to: request, address: "10.9.0.5"))
                replies.append(scriptedReply(.ack, to: request, address: "10.9.0.5"))
            }
            for reply in replies { try? socket.send(reply.encode(), to: sender) }
        }
        defer { peer.stop() }
        let (client, _) = try makeClient(peer.address)
        let lease = try obtain(client)
        #expect(lease.address == ip("10.9.0.5"))
        #expect(seen.of(.request).first?.requestedAddress == ip("10.9.0.5"))
        #expect(seen.of(.discover).count == 1)
    }

    @Test("a NAK sends the client back to INIT with a new xid")
    func restartsOnNAK() throws {
        let seen = Seen()
        let peer = try FakeUDPPeer { bytes, sender, socket in
            guard let request = try? DHCPMessage.decode(bytes), let type = request.messageType else { return }
            seen.append(request)
            let reply: DHCPMessage
            if type == .discover {
                reply = scriptedReply(.offer, to: request, address: "10.9.0.5")
            } else {
                reply = scriptedReply(seen.of(.request).count == 1 ? .nak : .ack, to: request, address: "10.9.0.5")
            }
            try? socket.send(reply.encode(), to: sender)
        }
        defer { peer.stop() }
        let (client, _) = try makeClient(peer.address)
        let lease = try obtain(client)
        #expect(lease.address == ip("10.9.0.5"))
        let discovers = seen.of(.discover)
        #expect(discovers.count == 2)
        #expect(Set(discovers.map(\.xid)).count == 2)
    }

    @Test("with no server the client gives up when --timeout runs out: no DHCP server answered")
    func noServer() throws {
        let seen = Seen()
        let peer = try FakeUDPPeer { bytes, _, _ in
            if let request = try? DHCPMessage.decode(bytes) { seen.append(request) }
        }
        defer { peer.stop() }
        let (client, _) = try makeClient(peer.address, timeout: 1.2)
        var caught: Error?
        do { _ = try client.obtain() } catch { caught = error }
        #expect(caught as? DHCPClientError == .noServer, "\(caught.map { "\($0)" } ?? "no error")")
        #expect(seen.of(.discover).count >= 2)
        let run = try LabProcess.run(
            "lab05-dhcp", ["client", "--server", "\(peer.address)", "--port", "0", "--timeout", "1"])
        #expect(run.exitCode == 1)
        #expect(run.stderr.contains("no DHCP server answered"), "\(run)")
    }

    @Test("RELEASE gives the address back: the next client gets it")
    func releases() throws {
        try withDHCPServer(pool: "10.0.0.10-10.0.0.10") { server in
            let (client, _) = try makeClient(server.address, mac: 1)
            let lease = try obtain(client)
            try client.release(lease)
            let deadline = SystemTime().now() + 10
            while server.server.leases.lease(of: lease.address)?.state != .released, SystemTime().now() < deadline {
                sleep(seconds: 0.01)
            }
            let (other, _) = try makeClient(server.address, mac: 2)
            let got1 = try obtain(other).address
            #expect(got1 == ip("10.0.0.10"))
        }
    }

    @Test("renew extends a lease (RENEWING), and a NAK says the lease is gone")
    func renews() throws {
        try withDHCPServer(pool: "10.0.0.10-10.0.0.10") { server in
            let (client, log) = try makeClient(server.address, mac: 1)
            let lease = try obtain(client)
            server.time.advance(by: 600)
            let renewed = try client.renew(lease, leaseServer: server.address)
            #expect(renewed.address == lease.address)
            #expect(renewed.leaseSeconds == 1000)
            #expect(server.server.leases.lease(of: lease.address)?.expires == server.time.now() + 1000)
            #expect(log.lines.contains { $0.hasPrefix("RENEWING") })
            server.time.advance(by: 2000)
            let (other, _) = try makeClient(server.address, mac: 2)
            _ = try obtain(other)
            var caught: Error?
            do { _ = try client.renew(lease, leaseServer: server.address) } catch { caught = error }
            #expect(caught as? DHCPClientError == .refused(lease.address))
        }
    }

    @Test("in LAN mode the DISCOVER asks for a broadcast reply; a RENEWING request does not (RFC 2131 §4.4.5)")
    func renewingIsUnicast() throws {
        let seen = Seen()
        let peer = try FakeUDPPeer { bytes, sender, socket in
            guard let request = try? DHCPMessage.decode(bytes), let type = request.messageType else { return }
            seen.append(request)
            let reply = scriptedReply(type == .discover ? .offer : .ack, to: request, address: "10.9.0.7")
            try? socket.send(reply.encode(), to: sender)
        }
        defer { peer.stop() }
        let (client, _) = try makeClient(peer.address) { $0.broadcast = true }
        let lease = try obtain(client)
        _ = try client.renew(lease, leaseServer: peer.address)
        let requests = seen.of(.request)
        try #require(requests.count == 2, "expected a REQUEST to select and one to renew, got \(requests.count)")
        #expect(seen.of(.discover).first?.flags == DHCPMessage.broadcastFlag)
        #expect(requests[1].ciaddr == ip("10.9.0.7"))
        #expect(requests[1].flags == 0)
    }

    @Test("lab05-dhcp client --json prints exactly the nine keys lab 09 reads; --save and renew work")
    func commandLine() throws {
        try withDHCPServer { server in
            let folder = try temporaryFolder()
            let saved = folder + "/lease.json"
            let run = try LabProcess.run(
                "lab05-dhcp",
                [
                    "client", "--server", "\(server.address)", "--port", "0", "--mac", "02:00:00:00:00:05", "--json",
                    "--save", saved,
                ])
            #expect(run.exitCode == 0, "\(run)")
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run)")
            #expect(
                Set(object.keys)
                    == ["address", "subnet_mask", "router", "dns", "domain", "lease_seconds", "t1", "t2", "server_id"])
            #expect(object["address"] as? String == "10.0.0.10")
            #expect(object["dns"] as? [String] == ["10.0.0.53", "10.0.0.54"])
            #expect(object["lease_seconds"] as? Int == 1000)
            server.time.advance(by: 500)
            let renew = try LabProcess.run("lab05-dhcp", ["renew", "--lease", saved, "--port", "0", "--json"])
            #expect(renew.exitCode == 0, "\(renew)")
            #expect(renew.stdout.contains("\"address\": \"10.0.0.10\""))
            #expect(server.server.leases.lease(of: ip("10.0.0.10"))?.expires == server.time.now() + 1000)
        }
    }
}
