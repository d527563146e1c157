import NetLabKit
import NetLabTesting
import Testing

@Suite("Sockets and addresses (given code)")
struct SocketTests {
    @Test("addresses parse and print in both families, with the port in host order")
    func addresses() throws {
        let v4 = try SocketAddress.parse("127.0.0.1:9999")
        #expect(v4.port == 9999 && v4.ip == "127.0.0.1" && v4.description == "127.0.0.1:9999" && v4.isLoopback)
        let v6 = try SocketAddress.parse("[::1]:53")
        #expect(v6.port == 53 && v6.ip == "::1" && v6.description == "[::1]:53" && v6.isLoopback)
        #expect(try SocketAddress.parse("localhost", defaultPort: 80).isLoopback)
        #expect(try SocketAddress(ip: "10.1.2.3", port: 1).ipBytes == [10, 1, 2, 3])
    }

    @Test("bad addresses are refused with a message, without a network lookup",
          arguments: ["", "127.0.0.1:", "127.0.0.1:70000", "host:port", "bad host!", "a..b", "[::1"])
    func badAddresses(text: String) {
        #expect(throws: SocketError.self) { try SocketAddress.parse(text, defaultPort: 1) }
    }

    @Test("UDP: a datagram arrives whole, with its sender; an idle receive times out")
    func udp() throws {
        let a = try testUDPSocket(timeout: 0.2)
        let b = try testUDPSocket(timeout: 0.2)
        try a.send([1, 2, 3], to: try b.localAddress())
        let (bytes, from) = try b.receive()
        #expect(bytes == [1, 2, 3])
        #expect(from == (try a.localAddress()))
        #expect(throws: SocketError.timedOut) { try b.receive() }
    }

    @Test("the receive buffer size reads back as the kernel granted it")
    func receiveBuffer() throws {
        let socket = try testUDPSocket(timeout: 0.2)
        try socket.setReceiveBufferSize(100_000)
        let granted = try socket.receiveBufferSize()
        // Linux doubles the request (for its bookkeeping); macOS keeps it as asked.
        #expect(granted == 100_000 || granted == 200_000, "got \(granted)")
    }

    @Test("TCP: bytes arrive in order across writes; EOF reads as empty; a closed peer is an error, not SIGPIPE")
    func tcp() throws {
        let listener = try TCPListener(bindingTo: loopbackAnyPort())
        let address = try listener.localAddress()
        let client = try TCPSocket(connectingTo: address, timeout: 2)
        let server = try listener.accept()
        try server.setReceiveTimeout(2)
        let payload = (0..<200_000).map { UInt8($0 % 251) }
        startThread {
            try? client.sendAll(payload)
            client.close()
        }
        #expect(try server.receive(exactly: payload.count) == payload)
        #expect(try server.receive() == [], "after the peer closes, receive returns no bytes")
        var failed = false
        for _ in 0..<50 where !failed {
            do { try server.sendAll([UInt8](repeating: 0, count: 65_536)) } catch { failed = true }
        }
        #expect(failed, "writing to a closed peer must fail with EPIPE or ECONNRESET")
    }

    @Test("connecting to a port where nothing listens fails at once")
    func refused() throws {
        let probe = try TCPListener(bindingTo: loopbackAnyPort())
        let address = try probe.localAddress()
        probe.close()
        #expect(throws: SocketError.self) { try TCPSocket(connectingTo: address, timeout: 1) }
    }
}

@Suite("Numbers, randomness and time (given code)")
struct UtilityTests {
    @Test("fixed() and significant() print like printf's %.Nf and %g")
    func formatting() {
        #expect(fixed(0.12345, decimals: 3) == "0.123")
        #expect(fixed(2, decimals: 1) == "2.0")
        #expect(fixed(-1.5, decimals: 0) == "-2")
        #expect(fixed(1_732_190_000.25, decimals: 6) == "1732190000.250000")
        #expect(significant(100.0 / 3) == "33.3333")
        #expect(significant(20) == "20")
        #expect(significant(0.125) == "0.125")
        #expect(significant(100.0 / 18) == "5.55556")
    }

    @Test("the same seed gives the same sequence; chance() respects its bounds")
    func seeded() {
        var a = SeededRandom(seed: 42)
        var b = SeededRandom(seed: 42)
        #expect((0..<100).map { _ in a.next() } == (0..<100).map { _ in b.next() })
        var c = SeededRandom(seed: 1)
        #expect(!(0..<1000).contains { _ in c.chance(0) })
        #expect((0..<1000).allSatisfy { _ in c.chance(1) })
        let hits = (0..<10_000).filter { _ in c.chance(0.3) }.count
        #expect((2700...3300).contains(hits))
    }

    @Test("ManualTime moves only when told")
    func manualTime() {
        let time = ManualTime(5)
        #expect(time.now() == 5)
        time.advance(by: 2.5)
        #expect(time.now() == 7.5)
    }
}
