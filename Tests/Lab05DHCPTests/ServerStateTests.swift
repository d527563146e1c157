import Lab05DHCP
import NetLabKit
import NetLabTesting
import Testing

@Suite("The rest of the server: INIT-REBOOT, renew, rebind, NAK, release, decline, inform")
struct ServerStateTests {
    @Test("INIT-REBOOT: the client's own address is ACKed")
    func rebootOwnAddress() throws {
        try withDHCPServer { server in
            let peer = try Peer(server.address, number: 1)
            let got1 = try peer.lease()
            #expect(got1 == ip("10.0.0.10"))
            let ack = try peer.exchange(peer.reboot(ip("10.0.0.10")))
            #expect(ack.messageType == .ack)
            #expect(ack.yiaddr == ip("10.0.0.10"))
            #expect(ack.leaseTime == 1000)
        }
    }

    @Test("INIT-REBOOT: another client's address is NAKed, with no lease in the NAK")
    func rebootOthersAddress() throws {
        try withDHCPServer { server in
            let one = try Peer(server.address, number: 1)
            let two = try Peer(server.address, number: 2)
            let got2 = try one.lease()
            #expect(got2 == ip("10.0.0.10"))
            let got3 = try two.lease()
            #expect(got3 == ip("10.0.0.11"))
            let nak = try two.exchange(two.reboot(ip("10.0.0.10")))
            #expect(nak.messageType == .nak)
            #expect(nak.yiaddr == .zero)
            #expect(nak.leaseTime == nil)
            #expect(nak.serverIdentifier == ip("10.0.0.1"))
        }
    }

    @Test("INIT-REBOOT: an address off our subnet is NAKed")
    func rebootWrongSubnet() throws {
        try withDHCPServer { server in
            let peer = try Peer(server.address, number: 1)
            let nak = try peer.exchange(peer.reboot(ip("192.168.7.7")))
            #expect(nak.messageType == .nak)
        }
    }

    @Test("INIT-REBOOT from a client we have no record of: silence, or a NAK with --authoritative")
    func rebootUnknownClient() throws {
        try withDHCPServer { server in
            let peer = try Peer(server.address, number: 1)
            let got4 = try server.answer(peer.reboot(ip("10.0.0.12")))
            #expect(got4 == nil)
        }
        try withDHCPServer(configure: { $0.authoritative = true }) { server in
            let peer = try Peer(server.address, number: 1)
            let got5 = try peer.exchange(peer.reboot(ip("10.0.0.12"))).messageType
            #expect(got5 == .nak)
        }
    }

    @Test("RENEWING at T1 extends the lease by a whole lease time from now")
    func renewing() throws {
        try withDHCPServer { server in
            let peer = try Peer(server.address, number: 1)
            let got6 = try peer.lease()
            #expect(got6 == ip("10.0.0.10"))
            server.time.advance(by: 500)
            let ack = try peer.exchange(peer.renew(ip("10.0.0.10")))
            #expect(ack.messageType == .ack)
            #expect(ack.yiaddr == ip("10.0.0.10"))
            let lease = server.server.leases.lease(of: ip("10.0.0.10"))
            #expect(lease?.expires == server.time.now() + 1000)
            #expect(lease?.state == .bound)
            // Extended: at the old expiry the address is still taken.
            server.time.advance(by: 600)
            let other = try Peer(server.address, number: 2)
            let got7 = try other.lease()
            #expect(got7 == ip("10.0.0.11"))
        }
    }

    @Test("REBINDING after expiry is ACKed if nobody took the address, NAKed if someone did")
    func rebinding() throws {
        try withDHCPServer(pool: "10.0.0.10-10.0.0.10") { server in
            let one = try Peer(server.address, number: 1)
            let got8 = try one.lease()
            #expect(got8 == ip("10.0.0.10"))
            server.time.advance(by: 1500)
            let got9 = try one.exchange(one.renew(ip("10.0.0.10"))).messageType
            #expect(got9 == .ack)
            server.time.advance(by: 1500)
            let two = try Peer(server.address, number: 2)
            let got10 = try two.lease()
            #expect(got10 == ip("10.0.0.10"))
            let got11 = try one.exchange(one.renew(ip("10.0.0.10"))).messageType
            #expect(got11 == .nak)
        }
    }

    @Test("RELEASE frees the address at once; nobody else may release it")
    func release() throws {
        try withDHCPServer(pool: "10.0.0.10-10.0.0.10") { server in
            let one = try Peer(server.address, number: 1)
            let two = try Peer(server.address, number: 2)
            let got13 = try one.lease()
            #expect(got13 == ip("10.0.0.10"))
            var forged = two.message(.release, options: [DHCPOption(.serverIdentifier, server.serverID.bytes)])
            forged.ciaddr = ip("10.0.0.10")
            let got14 = try server.answer(forged)
            #expect(got14 == nil)
            let got15 = try server.answer(two.discover())
            #expect(got15 == nil)
            var release = one.message(.release, options: [DHCPOption(.serverIdentifier, server.serverID.bytes)])
            release.ciaddr = ip("10.0.0.10")
            let got16 = try server.answer(release)
            #expect(got16 == nil)
            #expect(server.server.leases.lease(of: ip("10.0.0.10"))?.state == .released)
            let got17 = try two.lease()
            #expect(got17 == ip("10.0.0.10"))
        }
    }

    @Test("DECLINE quarantines the address: nobody gets it until the quarantine ends")
    func decline() throws {
        try withDHCPServer(pool: "10.0.0.10-10.0.0.11", configure: { $0.quarantineSeconds = 300 }) { server in
            let one = try Peer(server.address, number: 1)
            let got18 = try one.lease()
            #expect(got18 == ip("10.0.0.10"))
            let decline = one.message(.decline, options: [DHCPOption(.requestedAddress, [10, 0, 0, 10])])
            let got19 = try server.answer(decline)
            #expect(got19 == nil)
            let got20 = try one.lease()
            #expect(got20 == ip("10.0.0.11"))
            let two = try Peer(server.address, number: 2)
            let got21 = try server.answer(two.discover())
            #expect(got21 == nil)
            server.time.advance(by: 301)
            let got22 = try two.lease()
            #expect(got22 == ip("10.0.0.10"))
        }
    }

    @Test("INFORM gets the network's options and no lease; the pool is not touched")
    func inform() throws {
        try withDHCPServer(pool: "10.0.0.10-10.0.0.10") { server in
            let peer = try Peer(server.address, number: 1)
            var inform = peer.message(.inform, options: [DHCPOption(.parameterRequestList, [6, 3, 1])])
            inform.ciaddr = ip("10.0.0.99")
            let ack = try peer.exchange(inform)
            #expect(ack.messageType == .ack)
            #expect(ack.yiaddr == .zero)
            #expect(ack.leaseTime == nil && ack.renewalTime == nil)
            #expect(ack.dnsServers == [ip("10.0.0.53"), ip("10.0.0.54")])
            #expect(ack.router == ip("10.0.0.1"))
            #expect(server.server.leases.leases.isEmpty)
            let got23 = try Peer(server.address, number: 2).lease()
            #expect(got23 == ip("10.0.0.10"))
        }
    }

    @Test("RENEWING an address off our subnet is NAKed")
    func renewingWrongSubnet() throws {
        try withDHCPServer { server in
            let peer = try Peer(server.address, number: 1)
            let nak = try peer.exchange(peer.renew(ip("172.16.0.9")))
            #expect(nak.messageType == .nak)
        }
    }

    @Test("a released address stays remembered: its client gets it back by INIT-REBOOT")
    func releasedThenReboot() throws {
        try withDHCPServer { server in
            let peer = try Peer(server.address, number: 1)
            let leased = try peer.lease()
            let address = try #require(leased)
            var release = peer.message(.release, options: [DHCPOption(.serverIdentifier, server.serverID.bytes)])
            release.ciaddr = address
            let silent = try server.answer(release)
            #expect(silent == nil)
            let ack = try peer.exchange(peer.reboot(address))
            #expect(ack.messageType == .ack)
            #expect(server.server.leases.lease(of: address)?.state == .bound)
        }
    }

    @Test("a DECLINE of an address that is not the client's changes nothing")
    func foreignDecline() throws {
        try withDHCPServer(pool: "10.0.0.10-10.0.0.11") { server in
            let one = try Peer(server.address, number: 1)
            let two = try Peer(server.address, number: 2)
            let address = try one.lease()
            #expect(address == ip("10.0.0.10"))
            let decline = two.message(.decline, options: [DHCPOption(.requestedAddress, [10, 0, 0, 10])])
            let silent = try server.answer(decline)
            #expect(silent == nil)
            #expect(server.server.leases.lease(of: ip("10.0.0.10"))?.state == .bound)
            let renewed = try one.exchange(one.renew(ip("10.0.0.10")))
            #expect(renewed.messageType == .ack)
        }
    }
}
