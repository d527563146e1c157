import Lab05DHCP
import NetLabKit
import NetLabTesting
import Synchronization
import Testing

@Suite("The server's DORA: DISCOVER, OFFER, REQUEST, ACK")
struct DORATests {
    @Test("a client gets an OFFER then an ACK for the pool's first address, with every option")
    func fullExchange() throws {
        try withDHCPServer { server in
            let peer = try Peer(server.address, number: 1)
            let offer = try peer.exchange(peer.discover())
            #expect(offer.op == DHCPMessage.bootReply)
            #expect(offer.messageType == .offer)
            #expect(offer.chaddr == peer.mac)
            #expect(offer.yiaddr == ip("10.0.0.10"))
            #expect(offer.serverIdentifier == ip("10.0.0.1"))
            #expect(offer.leaseTime == 1000)
            let ack = try peer.exchange(peer.select(offer.yiaddr, server: try #require(offer.serverIdentifier)))
            #expect(ack.messageType == .ack)
            #expect(ack.yiaddr == ip("10.0.0.10"))
            #expect(ack.leaseTime == 1000)
            #expect(ack.renewalTime == 500)
            #expect(ack.rebindingTime == 875)
            #expect(ack.subnetMask == ip("255.255.255.0"))
            #expect(ack.router == ip("10.0.0.1"))
            #expect(ack.dnsServers == [ip("10.0.0.53"), ip("10.0.0.54")])
            #expect(ack.domainName == "lab.test")
        }
    }

    @Test("options come in the order the parameter request list asks for them")
    func honoursRequestOrder() throws {
        try withDHCPServer { server in
            let peer = try Peer(server.address, number: 1)
            let offer = try peer.exchange(peer.discover(list: [15, 6, 3, 1]))
            #expect(offer.options.map(\.code) == [53, 54, 51, 58, 59, 15, 6, 3, 1])
            let other = try Peer(server.address, number: 2)
            let second = try other.exchange(other.discover(list: [6, 1]))
            #expect(second.options.map(\.code) == [53, 54, 51, 58, 59, 6, 1, 3, 15])
        }
    }

    @Test("two DISCOVERs from two clients are offered two different addresses")
    func offerIsHeld() throws {
        try withDHCPServer { server in
            let one = try Peer(server.address, number: 1)
            let two = try Peer(server.address, number: 2)
            let first = try one.exchange(one.discover())
            let second = try two.exchange(two.discover())
            #expect(first.yiaddr == ip("10.0.0.10"))
            #expect(second.yiaddr == ip("10.0.0.11"))
        }
    }

    @Test("an offered address is held only for --offer-hold seconds")
    func holdRunsOut() throws {
        try withDHCPServer(pool: "10.0.0.10-10.0.0.10") { server in
            let one = try Peer(server.address, number: 1)
            let two = try Peer(server.address, number: 2)
            let got1 = try one.exchange(one.discover()).yiaddr
            #expect(got1 == ip("10.0.0.10"))
            let refused = try server.answer(two.discover())
            #expect(refused == nil)
            server.time.advance(by: 11)
            let got2 = try two.exchange(two.discover()).yiaddr
            #expect(got2 == ip("10.0.0.10"))
        }
    }

    @Test("eight clients racing for the last address: exactly one gets it")
    func raceForTheLastAddress() throws {
        try withDHCPServer(pool: "10.0.0.10-10.0.0.10") { server in
            let winners = Mutex<[UInt8]>([])
            let failures = Mutex<[String]>([])
            let done = Atomic<Int>(0)
            for number in UInt8(1)...8 {
                startThread {
                    do {
                        let peer = try Peer(server.address, number: number)
                        let offer = try? peer.exchange(peer.discover())
                        if let offer, offer.messageType == .offer {
                            let ack = try peer.exchange(peer.select(offer.yiaddr, server: offer.serverIdentifier!))
                            if ack.messageType == .ack { winners.withLock { $0.append(number) } }
                        }
                    } catch {
                        failures.withLock { $0.append("\(error)") }
                    }
                    done.add(1, ordering: .releasing)
                }
            }
            while done.load(ordering: .acquiring) < 8 { sleep(seconds: 0.01) }
            #expect(failures.withLock { $0 }.isEmpty)
            #expect(winners.withLock { $0 }.count == 1)
            #expect(server.log.lines.contains { $0.contains("exhausted") })
        }
    }

    @Test("a known client gets its own address back, by client id first, else by MAC")
    func stickiness() throws {
        try withDHCPServer { server in
            let alice = try Peer(server.address, number: 1, clientID: "alice")
            let got3 = try alice.lease()
            #expect(got3 == ip("10.0.0.10"))
            let bob = try Peer(server.address, number: 2)
            let got4 = try bob.lease()
            #expect(got4 == ip("10.0.0.11"))
            let got5 = try alice.lease()
            #expect(got5 == ip("10.0.0.10"))
            let got6 = try bob.lease()
            #expect(got6 == ip("10.0.0.11"))
            // Alice's id on another network card: still Alice.
            let aliceAgain = try Peer(server.address, number: 9, clientID: "alice")
            let got7 = try aliceAgain.lease()
            #expect(got7 == ip("10.0.0.10"))
            // Alice's card without her id is another client.
            let card = try Peer(server.address, number: 1)
            let got8 = try card.lease()
            #expect(got8 == ip("10.0.0.12"))
        }
    }

    @Test("a requested address is honoured when free and in the pool, and only then")
    func requestedAddress() throws {
        try withDHCPServer(pool: "10.0.0.10-10.0.0.20") { server in
            let one = try Peer(server.address, number: 1)
            let got9 = try one.lease(requesting: ip("10.0.0.15"))
            #expect(got9 == ip("10.0.0.15"))
            let two = try Peer(server.address, number: 2)
            let got10 = try two.exchange(two.discover(requesting: ip("10.0.0.15"))).yiaddr
            #expect(got10 == ip("10.0.0.10"))
            let three = try Peer(server.address, number: 3)
            let got11 = try three.exchange(three.discover(requesting: ip("10.0.0.99"))).yiaddr
            #expect(got11 == ip("10.0.0.11"))
        }
    }

    @Test("an exhausted pool sends no OFFER and logs why")
    func exhaustedPool() throws {
        try withDHCPServer(pool: "10.0.0.10-10.0.0.11") { server in
            for number in UInt8(1)...2 { _ = try Peer(server.address, number: number).lease() }
            let late = try Peer(server.address, number: 3)
            let reply = try server.answer(late.discover())
            #expect(reply == nil)
            #expect(server.log.lines.contains { $0.contains("exhausted") && $0.contains("10.0.0.10-10.0.0.11") })
        }
    }

    @Test("expired leases are reused, the one that expired first first")
    func expiredLeasesOldestFirst() throws {
        try withDHCPServer(pool: "10.0.0.10-10.0.0.11") { server in
            let one = try Peer(server.address, number: 1)
            let two = try Peer(server.address, number: 2)
            let got12 = try two.lease(requesting: ip("10.0.0.11"))
            #expect(got12 == ip("10.0.0.11"))
            server.time.advance(by: 100)
            let oneLease = try one.lease()  // .10 now expires 100 s after .11
            #expect(oneLease == ip("10.0.0.10"))
            server.time.advance(by: 999)  // .11 expired, .10 not yet
            let three = try Peer(server.address, number: 3)
            let got13 = try three.lease()
            #expect(got13 == ip("10.0.0.11"))
            server.time.advance(by: 2000)  // both expired: .10 ended first
            let four = try Peer(server.address, number: 4)
            let got14 = try four.lease()
            #expect(got14 == ip("10.0.0.10"))
            let five = try Peer(server.address, number: 5)
            let got15 = try five.lease()
            #expect(got15 == ip("10.0.0.11"))
        }
    }

    @Test("a client whose lease expired gets the same address back if nobody took it")
    func expiredButRemembered() throws {
        try withDHCPServer { server in
            let one = try Peer(server.address, number: 1)
            let two = try Peer(server.address, number: 2)
            let got16 = try one.lease()
            #expect(got16 == ip("10.0.0.10"))
            let got17 = try two.lease()
            #expect(got17 == ip("10.0.0.11"))
            server.time.advance(by: 5000)
            let got18 = try two.lease()
            #expect(got18 == ip("10.0.0.11"))
        }
    }

    @Test("--static wins: the reserved client always gets its address, nobody else ever does")
    func staticReservation() throws {
        try withDHCPServer(configure: { $0.reservations[HardwareAddress([2, 0, 0, 0, 0, 7])] = ip("10.0.0.11") }) {
            server in
            let others = try (1...2).map { try Peer(server.address, number: UInt8($0)).lease() }
            #expect(others == [ip("10.0.0.10"), ip("10.0.0.12")])
            let third = try Peer(server.address, number: 3)
            let got19 = try server.answer(third.discover())
            #expect(got19 == nil)
            let reserved = try Peer(server.address, number: 7)
            let got20 = try reserved.lease(requesting: ip("10.0.0.12"))
            #expect(got20 == ip("10.0.0.11"))
        }
    }

    @Test("among many expired leases, the one that expired first is reused first")
    func manyExpiredLeasesOldestFirst() throws {
        try withDHCPServer(pool: "10.0.0.10-10.0.0.19") { server in
            // Leased from the top down, 10 s apart: .19 expires first, .10 last.
            for number in UInt8(1)...10 {
                let got = try Peer(server.address, number: number).lease(requesting: ip("10.0.0.\(20 - Int(number))"))
                #expect(got == ip("10.0.0.\(20 - Int(number))"))
                server.time.advance(by: 10)
            }
            server.time.advance(by: 2000)  // every lease has expired
            let reused = try (UInt8(11)...13).map { try Peer(server.address, number: $0).lease() }
            #expect(reused == [ip("10.0.0.19"), ip("10.0.0.18"), ip("10.0.0.17")])
        }
    }

    @Test("a reserved address is not offered to a client who asks for it; one outside the pool goes to its owner")
    func reservationsAgainstRequests() throws {
        try withDHCPServer(configure: {
            $0.reservations[HardwareAddress([2, 0, 0, 0, 0, 7])] = ip("10.0.0.11")
            $0.reservations[HardwareAddress([2, 0, 0, 0, 0, 8])] = ip("10.0.0.99")
        }) { server in
            let other = try Peer(server.address, number: 1)
            let offer = try other.exchange(other.discover(requesting: ip("10.0.0.11")))
            #expect(offer.messageType == .offer)
            #expect(offer.yiaddr == ip("10.0.0.10"))
            let nak = try other.exchange(other.select(ip("10.0.0.11"), server: server.serverID))
            #expect(nak.messageType == .nak)
            let owner = try Peer(server.address, number: 8)
            let got = try owner.lease()
            #expect(got == ip("10.0.0.99"))
        }
    }

    @Test("a REQUEST for another server's offer: silence, and the held address goes back")
    func otherServerChosen() throws {
        try withDHCPServer(pool: "10.0.0.10-10.0.0.10") { server in
            let one = try Peer(server.address, number: 1)
            let offer = try one.exchange(one.discover())
            #expect(offer.yiaddr == ip("10.0.0.10"))
            let got21 = try server.answer(one.select(offer.yiaddr, server: ip("10.0.0.254")))
            #expect(got21 == nil)
            let two = try Peer(server.address, number: 2)
            let got22 = try two.lease()
            #expect(got22 == ip("10.0.0.10"))
        }
    }

    @Test("garbage and BOOTREPLYs are dropped and logged; the server keeps serving")
    func dropsGarbage() throws {
        try withDHCPServer { server in
            let peer = try Peer(server.address, number: 1)
            try peer.socket.send([1, 2, 3], to: server.address)
            var reply = peer.discover()
            reply.op = DHCPMessage.bootReply
            try peer.socket.send(reply.encode(), to: server.address)
            let got23 = try peer.lease()
            #expect(got23 == ip("10.0.0.10"))
            let log = server.log.lines
            #expect(log.contains { $0.contains("dropped 3 bytes") && $0.contains("truncated") })
            #expect(log.contains { $0.contains("BOOTREPLY") })
        }
    }

    @Test("SELECTING an address outside the pool, reserved for nobody, is NAKed")
    func selectingOutsideThePool() throws {
        try withDHCPServer { server in
            let one = try Peer(server.address, number: 1)
            let nak = try one.exchange(one.select(ip("10.0.0.99"), server: server.serverID))
            #expect(nak.messageType == .nak)
        }
    }

    @Test("SELECTING for an address someone else holds is NAKed")
    func selectingTakenAddress() throws {
        try withDHCPServer { server in
            let one = try Peer(server.address, number: 1)
            let got12 = try one.lease()
            #expect(got12 == ip("10.0.0.10"))
            let two = try Peer(server.address, number: 2)
            let nak = try two.exchange(two.select(ip("10.0.0.10"), server: server.serverID))
            #expect(nak.messageType == .nak)
        }
    }

    @Test(
        "T1 and T2 are half and seven eighths of the lease",
        arguments: [(1000, 500, 875), (3600, 1800, 3150), (7, 3, 6)])
    func renewalTimes(lease: UInt32, t1: UInt32, t2: UInt32) throws {
        try withDHCPServer(configure: { $0.leaseSeconds = lease }) { server in
            let ack = try Peer(server.address, number: 1).dora()
            #expect(ack.messageType == .ack)
            #expect(ack.leaseTime == lease)
            #expect(ack.renewalTime == t1)
            #expect(ack.rebindingTime == t2)
        }
    }
}
