import Lab01Ping
import NetLabKit
import NetLabTesting
import Testing

@Suite("Part 3: echo server")
struct EchoServerTests {
    @Test("a ping comes back with its letters in capitals")
    func echoesInCapitals() throws {
        try withPingServer { server in
            let socket = try testUDPSocket()
            let ping = try exchange("Ping 1 1732190000.125", via: socket, with: server)
            #expect(ping == "PING 1 1732190000.125", "sent 'Ping 1 1732190000.125'")
            let heartbeat = try exchange("heartbeat 22 5.5", via: socket, with: server)
            #expect(heartbeat == "HEARTBEAT 22 5.5", "sent 'heartbeat 22 5.5'")
        }
    }

    @Test("each reply goes back to the socket that sent the ping")
    func repliesToEachSender() throws {
        try withPingServer { server in
            let alice = try testUDPSocket()
            let bob = try testUDPSocket()
            try alice.send(Array("Ping 1 1.0".utf8), to: server.address)
            try bob.send(Array("Ping 2 2.0".utf8), to: server.address)
            let toAlice = try receiveText(alice, from: server)
            let toBob = try receiveText(bob, from: server)
            #expect(toAlice == "PING 1 1.0", "alice sent 'Ping 1 1.0'")
            #expect(toBob == "PING 2 2.0", "bob sent 'Ping 2 2.0'")
        }
    }

    @Test(
        "a datagram that is not a ping is echoed in capitals too, as the textbook server does",
        arguments: [
            "Ping 1 Wed Dec  2 00:50:50 2026",  // the textbook client's time.ctime() stamp
            "hello", "Ping", "Ping x y", "ping 7 1.5 and more",
            String(repeating: "abc", count: 1000),  // 3000 bytes: longer than any ping
        ])
    func echoesEverything(_ text: String) throws {
        try withPingServer { server in
            let socket = try testUDPSocket()
            let reply = try exchange(text, via: socket, with: server)
            #expect(reply == text.uppercased(), "sent '\(shown(text))'")
        }
    }

    @Test("bytes that are not a-z come back unchanged, and the server keeps answering")
    func leavesOtherBytesAlone() throws {
        try withPingServer { server in
            let socket = try testUDPSocket()
            let binary: [UInt8] = [0xFF, 0x00, 0xFE, 0x7B, 0x60, 0x41, 0x5A, 0xE9]
            try socket.send(binary, to: server.address)
            let reply = try? socket.receive().bytes
            if reply == nil { try server.checkServing() }
            #expect(reply == binary, "sent \(binary)")
            let next = try exchange("Ping 9 9.0", via: socket, with: server)
            #expect(next == "PING 9 9.0", "sent 'Ping 9 9.0' after \(binary)")
        }
    }

    @Test("the reply is made by PingServer.reply(to:): a-z in capitals, every other byte as it was")
    func replyCapitalisesOnlyLetters() throws {
        let datagram = Array("az AZ `{ @[ 09".utf8) + [0x00, 0x7F, 0xE9, 0xFF]
        let reply = try PingServer.reply(to: datagram)
        #expect(reply == Array("AZ AZ `{ @[ 09".utf8) + [0x00, 0x7F, 0xE9, 0xFF], "reply(to: \(datagram))")
    }

    @Test("--loss 0 answers every ping and --loss 1 answers none")
    func lossExtremes() throws {
        try withPingServer(loss: 0) { server in
            let socket = try testUDPSocket()
            for sequence in 1...20 {
                let reply = try exchange("Ping \(sequence) 1.0", via: socket, with: server)
                #expect(reply == "PING \(sequence) 1.0", "--loss 0: sent 'Ping \(sequence) 1.0'")
            }
        }
        try withPingServer(loss: 1) { server in
            let socket = try testUDPSocket(timeout: 0.5)
            for sequence in 1...5 { try socket.send(Array("Ping \(sequence) 1.0".utf8), to: server.address) }
            let reply = try receiveText(socket, from: server)
            #expect(reply == nil, "a server with --loss 1 must drop every ping")
        }
    }

    /// Sends 200 pings at once and returns the sequence numbers that were answered.
    func answered(loss: Double, seed: UInt64) throws -> Set<Int> {
        try withPingServer(loss: loss, seed: seed) { server in
            let socket = try testUDPSocket(timeout: 1)
            try socket.setReceiveBufferSize(1 << 20)
            for sequence in 1...200 { try socket.send(Array("Ping \(sequence) 1.0".utf8), to: server.address) }
            var seen: Set<Int> = []
            while let text = try receiveText(socket, from: server),
                  let message = try? PingMessage.decode(Array(text.utf8)) {
                seen.insert(message.sequence)
                if seen.count == 200 { break }
            }
            return seen
        }
    }

    @Test("seeded loss drops about the right fraction, and the same seed drops the same pings")
    func seededLossReplays() throws {
        let first = try answered(loss: 0.3, seed: 2024)
        let second = try answered(loss: 0.3, seed: 2024)
        let dropped = 200 - first.count
        #expect((35...85).contains(dropped),
                "with --loss 0.3, 200 pings should lose about 60; lost \(dropped) (seed 2024)")
        let once = Set(1...200).subtracting(first).sorted()
        let again = Set(1...200).subtracting(second).sorted()
        #expect(once == again, "the same seed (2024) must drop the same pings")
        let other = try answered(loss: 0.3, seed: 7)
        #expect(other != first, "seeds 2024 and 7 dropped the same pings: is the seed used?")
    }

    @Test("--delay-ms holds every reply back at least that long")
    func delaysReplies() throws {
        try withPingServer(delay: 0.15) { server in
            let socket = try testUDPSocket(timeout: 3)
            let clock = SystemTime()
            let start = clock.now()
            let reply = try exchange("Ping 1 1.0", via: socket, with: server)
            let waited = clock.now() - start
            #expect(reply == "PING 1 1.0", "sent 'Ping 1 1.0' with a delay of 0.15 s")
            #expect(waited >= 0.14, "the reply came after \(waited) s; --delay-ms 150 asks for at least 0.15 s")
        }
    }

    @Test("a server given only an address echoes with no loss and no delay; stop() makes serve() return")
    func stopEndsServe() throws {
        let configuration = PingServer.Configuration(address: loopbackAnyPort())
        let server = try ServedPingServer(configuration)
        let socket = try testUDPSocket()
        let reply = try exchange("Ping 1 1.0", via: socket, with: server)
        #expect(reply == "PING 1 1.0", "sent 'Ping 1 1.0' before stop()")
        let (loss, delay, seed) = (configuration.loss, configuration.delay, configuration.seed)
        #expect(loss == 0 && delay == 0 && seed == 1,
                "Configuration(address:) gave loss \(loss), delay \(delay), seed \(seed) (--seed's default is 1)")
        let ended = server.stop(waiting: 10)
        let how = ended?.description ?? "was still running 10 s later"
        #expect(ended == .returned, "after stop(), serve() should return; it \(how)")
    }

    @Test("lab01-ping server announces its port, echoes pings, and logs datagrams that are not pings")
    func binaryServes() throws {
        let server = try LabProcess.launch("lab01-ping", ["server", "--port", "0"])
        defer { server.stop() }
        let address = try server.waitForListening(scheme: "udp")
        #expect(address.ip == "127.0.0.1", "servers bind 127.0.0.1 by default")
        let socket = try testUDPSocket()
        let ping = try exchange("Ping 5 55.5", via: socket, with: address)
        #expect(ping == "PING 5 55.5", "sent 'Ping 5 55.5'; stderr: \(server.stderr)")
        let other = try exchange("hello there", via: socket, with: address)
        #expect(other == "HELLO THERE", "sent 'hello there'; stderr: \(server.stderr)")
        let logged = server.waitForLine(on: .standardError, timeout: 5) { $0.contains("not a ping") }
        #expect(logged != nil, "a datagram that is not a ping should be logged on stderr; stderr was: \(server.stderr)")
    }
}

/// Sends `text` from `socket` to a server process at `address`; the reply as text, or `nil`.
func exchange(_ text: String, via socket: UDPSocket, with address: SocketAddress) throws -> String? {
    try socket.send(Array(text.utf8), to: address)
    return try receiveText(socket)
}
