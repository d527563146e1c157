import Lab01Ping
import NetLabKit
import NetLabTesting
import Testing

@Suite("Part 3: echo server")
struct EchoServerTests {
    @Test("a ping comes back with its letters in capitals")
    func echoesInCapitals() throws {
        try withPingServer { address in
            let socket = try testUDPSocket()
            #expect(try exchange("Ping 1 1732190000.125", via: socket, with: address) == "PING 1 1732190000.125")
            #expect(try exchange("heartbeat 22 5.5", via: socket, with: address) == "HEARTBEAT 22 5.5")
        }
    }

    @Test("each reply goes back to the socket that sent the ping")
    func repliesToEachSender() throws {
        try withPingServer { address in
            let alice = try testUDPSocket()
            let bob = try testUDPSocket()
            try alice.send(Array("Ping 1 1.0".utf8), to: address)
            try bob.send(Array("Ping 2 2.0".utf8), to: address)
            #expect(try receiveText(alice) == "PING 1 1.0")
            #expect(try receiveText(bob) == "PING 2 2.0")
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
        try withPingServer { address in
            let socket = try testUDPSocket()
            let reply = try exchange(text, via: socket, with: address)
            let shown = text.count > 40 ? "\(text.prefix(30))… (\(text.utf8.count) bytes)" : text
            #expect(reply == text.uppercased(), "sent '\(shown)'")
        }
    }

    @Test("bytes that are not a-z come back unchanged, and the server keeps answering")
    func leavesOtherBytesAlone() throws {
        try withPingServer { address in
            let socket = try testUDPSocket()
            let binary: [UInt8] = [0xFF, 0x00, 0xFE, 0x7B, 0x60, 0x41, 0x5A, 0xE9]
            try socket.send(binary, to: address)
            let reply = try? socket.receive().bytes
            #expect(reply == binary, "sent \(binary)")
            let next = try exchange("Ping 9 9.0", via: socket, with: address)
            #expect(next == "PING 9 9.0")
        }
    }

    @Test("--loss 0 answers every ping and --loss 1 answers none")
    func lossExtremes() throws {
        try withPingServer(loss: 0) { address in
            let socket = try testUDPSocket()
            for sequence in 1...20 {
                #expect(try exchange("Ping \(sequence) 1.0", via: socket, with: address) == "PING \(sequence) 1.0")
            }
        }
        try withPingServer(loss: 1) { address in
            let socket = try testUDPSocket(timeout: 0.5)
            for sequence in 1...5 { try socket.send(Array("Ping \(sequence) 1.0".utf8), to: address) }
            #expect(try receiveText(socket) == nil, "a server with --loss 1 must drop every ping")
        }
    }

    /// Sends 200 pings at once and returns the sequence numbers that were answered.
    func answered(loss: Double, seed: UInt64) throws -> Set<Int> {
        try withPingServer(loss: loss, seed: seed) { address in
            let socket = try testUDPSocket(timeout: 1)
            try socket.setReceiveBufferSize(1 << 20)
            for sequence in 1...200 { try socket.send(Array("Ping \(sequence) 1.0".utf8), to: address) }
            var seen: Set<Int> = []
            while let text = try receiveText(socket), let message = try? PingMessage.decode(Array(text.utf8)) {
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
        #expect((35...85).contains(dropped), "with --loss 0.3, 200 pings should lose about 60; lost \(dropped) (seed 2024)")
        #expect(first == second, "the same seed must drop the same pings")
    }

    @Test("--delay-ms holds every reply back at least that long")
    func delaysReplies() throws {
        try withPingServer(delay: 0.15) { address in
            let socket = try testUDPSocket(timeout: 3)
            let clock = SystemTime()
            let start = clock.now()
            #expect(try exchange("Ping 1 1.0", via: socket, with: address) == "PING 1 1.0")
            let waited = clock.now() - start
            #expect(waited >= 0.14, "the reply came after \(waited) s; --delay-ms 150 asks for at least 0.15 s")
        }
    }

    @Test("lab01-ping server announces its port, echoes pings, and logs datagrams that are not pings")
    func binaryServes() throws {
        let server = try LabProcess.launch("lab01-ping", ["server", "--port", "0"])
        defer { server.stop() }
        let address = try server.waitForListening(scheme: "udp")
        #expect(address.ip == "127.0.0.1", "servers bind 127.0.0.1 by default")
        let socket = try testUDPSocket()
        let ping = try exchange("Ping 5 55.5", via: socket, with: address)
        #expect(ping == "PING 5 55.5")
        let other = try exchange("hello there", via: socket, with: address)
        #expect(other == "HELLO THERE")
        let logged = server.waitForLine(on: .standardError, timeout: 5) { $0.contains("not a ping") }
        #expect(logged != nil, "a datagram that is not a ping should be logged on stderr; stderr was: \(server.stderr)")
    }
}
