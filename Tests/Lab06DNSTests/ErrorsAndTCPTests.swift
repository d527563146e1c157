import Lab06DNS
import NetLabKit
import NetLabTesting
import Testing

@Suite("Part 7: errors and TCP")
struct ErrorsAndTCPTests {
    /// The question `app.netlab IN A`.
    static let question = hex("03 617070 06 6e65746c6162 00 0001 0001")

    @Test("an unsupported opcode gets NOTIMP, with the opcode and ID echoed")
    func notImplemented() throws {
        try withDNSServer(records: [("app.netlab", "10.0.0.1")]) { server throws in
            for (opcode, flags) in [(DNSOpcode.status, "1000"), (DNSOpcode.update, "2800")] {
                let bytes = hex("7e57 \(flags) 0001 0000 0000 0000") + Self.question
                let raw = try exchangeRaw(bytes, with: server.dns)
                let reply = try DNSMessage.decode(try #require(raw, "no answer to opcode \(opcode): \(bytes.hexText)"))
                #expect(reply.header.id == 0x7E57)
                #expect(reply.header.isResponse)
                #expect(reply.header.opcode == opcode)
                #expect(reply.responseCode == .notImplemented, "opcode \(opcode)")
            }
            let answer = try ask(server.dns, "app.netlab")
            #expect(addresses(answer) == ["10.0.0.1"], "app.netlab A, after the NOTIMP queries")
        }
    }

    @Test("an unparseable query with a readable header gets FORMERR addressed to its ID")
    func formatError() throws {
        try withDNSServer(records: [("app.netlab", "10.0.0.1")]) { server throws in
            let broken = hex("4242 0100 0001 0000 0000 0000 01 61 c0ff 0001 0001")  // pointer past the end
            let raw = try exchangeRaw(broken, with: server.dns)
            let reply = try DNSMessage.decode(try #require(raw, "no answer to \(broken.hexText)"))
            #expect(reply.header.id == 0x4242)
            #expect(reply.header.isResponse)
            #expect(reply.responseCode == .formatError)
            let empty = hex("4343 0100 0000 0000 0000 0000")  // no question at all
            let rawSecond = try exchangeRaw(empty, with: server.dns)
            let second = try DNSMessage.decode(try #require(rawSecond, "no answer to \(empty.hexText)"))
            #expect(second.header.id == 0x4343)
            #expect(second.responseCode == .formatError, "a query needs exactly one question")
        }
    }

    @Test("datagrams shorter than a header, and responses, are dropped, and the server keeps answering")
    func drops() throws {
        try withDNSServer(records: [("app.netlab", "10.0.0.1")]) { server throws in
            let socket = try testUDPSocket(timeout: 2)
            try socket.send([0x12, 0x34, 0x01], to: server.dns)
            try socket.send([], to: server.dns)
            try socket.send(hex("9999 8180 0001 0000 0000 0000") + Self.question, to: server.dns)  // QR=1: a response
            try socket.send(DNSMessage.query(id: 0x600D, name: name("app.netlab"), type: .a).encode(), to: server.dns)
            let (bytes, _) = try socket.receive()
            let first = try DNSMessage.decode(bytes)
            #expect(
                first.header.id == 0x600D, "the only datagram answered is the good query; got ID \(first.header.id)")
            #expect(addresses(first) == ["10.0.0.1"])
        }
    }

    @Test("dig's query with EDNS and a cookie gets NOERROR and an OPT record, never FORMERR")
    func ednsQuery() throws {
        try withDNSServer(records: [("app.netlab", "10.0.0.1")]) { server throws in
            let bytes =
                hex("d16e 0120 0001 0000 0000 0001") + Self.question
                + hex("00 0029 04d0 00000000 000c 000a 0008 0011223344556677")
            let raw = try exchangeRaw(bytes, with: server.dns)
            let reply = try DNSMessage.decode(try #require(raw, "no answer to \(bytes.hexText)"))
            #expect(reply.responseCode == .noError)
            #expect(addresses(reply) == ["10.0.0.1"])
            #expect(reply.edns != nil, "a query with OPT gets an OPT record back (RFC 6891 §7)")
            #expect(reply.edns?.version == 0)
            #expect(reply.additionals.filter { $0.type == .opt }.count == 1)
        }
    }

    @Test("a query for EDNS version 1 gets BADVERS")
    func badVersion() throws {
        try withDNSServer(records: [("app.netlab", "10.0.0.1")]) { server throws in
            let reply = try ask(server.dns, "app.netlab", edns: EDNSInfo(udpPayloadSize: 1232, version: 1))
            #expect(reply.responseCode == .badVersion, "RCODE 16: 0 in the header and 1 in the OPT record's upper bits")
            #expect(reply.edns?.version == 0, "the answer says which version the server speaks")
        }
    }

    static let manyRecords = (1...40).map { ("big.netlab", "10.0.1.\($0)") }

    @Test("an answer too big for 512 bytes of UDP sets TC; with EDNS room it fits")
    func truncatedOverUDP() throws {
        try withDNSServer(records: Self.manyRecords) { server throws in
            let small = try ask(server.dns, "big.netlab")
            #expect(small.header.isTruncated, "40 A records take more than 512 bytes")
            #expect(small.answers.count < 40)
            let roomy = try ask(server.dns, "big.netlab", edns: EDNSInfo(udpPayloadSize: 4096))
            #expect(!roomy.header.isTruncated)
            #expect(roomy.answers.count == 40)
        }
    }

    @Test("a query over TCP with the two-byte length prefix is answered whole")
    func tcpQuery() throws {
        try withDNSServer(records: Self.manyRecords + [("app.netlab", "10.0.0.1")]) { server throws in
            let answer = try askTCP(server.tcp, "app.netlab", id: 0x7C70)
            #expect(answer.header.id == 0x7C70)
            #expect(addresses(answer) == ["10.0.0.1"])
            let big = try askTCP(server.tcp, "big.netlab")
            #expect(!big.header.isTruncated)
            #expect(big.answers.count == 40, "TCP carries the answer that did not fit in UDP")
        }
    }

    @Test("two queries on one TCP connection, written in pieces, are both answered in order")
    func tcpPipelined() throws {
        try withDNSServer(records: [("a.netlab", "10.0.0.1"), ("b.netlab", "10.0.0.2")]) { server throws in
            let connection = try TCPSocket(connectingTo: server.tcp, timeout: 3)
            defer { connection.close() }
            try connection.setReceiveTimeout(3)
            var stream: [UInt8] = []
            for (id, owner) in [(UInt16(1), "a.netlab"), (2, "b.netlab")] {
                let query = DNSMessage.query(id: id, name: name(owner), type: .a).encode()
                stream += [UInt8(query.count >> 8), UInt8(query.count & 0xFF)] + query
            }
            // The length prefix split across writes, and the second query glued to the first.
            for piece in [Array(stream[0..<1]), Array(stream[1..<10]), Array(stream[10...])] {
                try connection.sendAll(piece)
                sleep(seconds: 0.02)
            }
            let first = try readFramed(connection)
            let second = try readFramed(connection)
            #expect(first.header.id == 1)
            #expect(addresses(first) == ["10.0.0.1"])
            #expect(second.header.id == 2)
            #expect(addresses(second) == ["10.0.0.2"])
        }
    }

    @Test("hostile packets get FORMERR or nothing, and never stop the server")
    func hostileCorpus() throws {
        try withDNSServer(records: [("app.netlab", "10.0.0.1")]) { server throws in
            let header = hex("baad 0100 0001 0000 0000 0000")
            let corpus: [[UInt8]] = [
                header + hex("c00c 0001 0001"),  // pointer to itself
                header + hex("01 61 c00c 0001 0001"),  // a.a.a.a…
                header + hex("c012 0001 0001 01 61 00"),  // forward pointer
                header + [64] + [UInt8](repeating: 0x61, count: 64) + hex("00 0001 0001"),  // label of 64
                header + Array(repeating: hex("3f") + [UInt8](repeating: 0x62, count: 63), count: 5).flatMap { $0 }
                    + hex("00 0001 0001"),
                hex("baad 0100 ffff ffff ffff ffff") + Self.question,  // counts that lie
                header + Self.question + hex("deadbeef"),  // trailing garbage
            ]
            let socket = try testUDPSocket(timeout: 2)
            for packet in corpus {
                try socket.send(packet, to: server.dns)
                let (bytes, _) = try socket.receive()
                let reply = try DNSMessage.decode(bytes)
                #expect(
                    reply.header.id == 0xBAAD && reply.responseCode == .formatError,
                    "\(packet.count)-byte hostile packet")
            }
            let answer = try ask(server.dns, "app.netlab")
            #expect(
                addresses(answer) == ["10.0.0.1"], "app.netlab A, after the hostile packets: the server still answers")
        }
    }

    @Test("`lab06-dns query --tcp` asks over TCP and says so")
    func queryOverTCP() throws {
        let server = try LabProcess.launch(
            "lab06-dns", ["server", "--port", "0", "--admin-port", "0", "--record", "app.netlab=127.0.0.1"])
        defer { server.stop() }
        let tcp = try server.waitForListening(scheme: "tcp")
        let run = try LabProcess.run("lab06-dns", ["query", "app.netlab", "--port", "\(tcp.port)", "--tcp"])
        #expect(run.exitCode == 0, "\(run)")
        #expect(run.stdoutLines.contains("app.netlab.\t300\tIN\tA\t127.0.0.1"), "\(run)")
        #expect(
            run.stdoutLines.contains { $0.hasPrefix(";; SERVER: 127.0.0.1#\(tcp.port)") && $0.hasSuffix("(TCP)") },
            "\(run)")
    }

    @Test("a query with two OPT records, or an OPT record not owned by the root, gets FORMERR (RFC 6891 §6.1.1)")
    func badOPT() throws {
        try withDNSServer(records: [("app.netlab", "10.0.0.1")]) { server throws in
            let opt = hex("00 0029 04d0 00000000 0000")
            let cases = [
                ("two OPT records", hex("0e01 0100 0001 0000 0000 0002") + Self.question + opt + opt),
                (
                    "an OPT record owned by app.netlab",
                    hex("0e02 0100 0001 0000 0000 0001") + Self.question
                        + hex("03 617070 06 6e65746c6162 00 0029 04d0 00000000 0000")
                ),
            ]
            for (what, bytes) in cases {
                let raw = try exchangeRaw(bytes, with: server.dns)
                let reply = try DNSMessage.decode(try #require(raw, "no answer to \(what): \(bytes.hexText)"))
                #expect(reply.responseCode == .formatError, "\(what): \(bytes.hexText)")
                #expect(reply.header.id == UInt16(bytes[0]) << 8 | UInt16(bytes[1]), "\(what)")
            }
        }
    }

    @Test("a frame is the 2-byte length, high byte first, then the message, up to the largest of 65535 bytes")
    func framing() {
        for size in [0, 1, 300, 65_535] {
            let message = (0..<size).map { UInt8(truncatingIfNeeded: $0) }
            let framed = DNSFraming.frame(message)
            let length = framed.count >= 2 ? Int(framed[0]) << 8 | Int(framed[1]) : -1
            #expect(length == size, "the length prefix of a \(size)-byte message")
            #expect(Array(framed.dropFirst(2)) == message, "a \(size)-byte message after its prefix")
        }
    }

    @Test("readFrame returns nil when the peer closes between frames, and throws when it closes inside one")
    func readFrameAtClose() throws {
        let listener = try TCPListener(bindingTo: try SocketAddress(ip: "127.0.0.1", port: 0))
        defer { listener.close() }
        let address = try listener.localAddress()
        for (what, sent, expectNil) in [
            ("a whole frame, then close", [UInt8]([0, 2, 0xAB, 0xCD]), true), ("half a prefix, then close", [0], false),
        ] {
            let client = try TCPSocket(connectingTo: address, timeout: 3)
            let server = try listener.accept()
            defer { server.close() }
            try server.setReceiveTimeout(3)
            try client.sendAll(sent)
            client.close()
            if expectNil {
                let first = try DNSFraming.readFrame(from: server)
                #expect(first == [0xAB, 0xCD], "\(what): the frame")
            }
            var outcome = "nil"
            do {
                if let more = try DNSFraming.readFrame(from: server) { outcome = "a frame of \(more.count) bytes" }
            } catch {
                outcome = "thrown: \(error)"
            }
            #expect((outcome == "nil") == expectNil, "\(what): readFrame gave \(outcome)")
        }
    }
}
