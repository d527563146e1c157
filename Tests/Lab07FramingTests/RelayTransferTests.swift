import Foundation
import Lab07Framing
import NetLabKit
import NetLabTesting
import Testing

@Suite struct RelayTransferTests {
    @Test("a body arrives whole through the relay, in either framing", arguments: Framing.allCases)
    func wholeBody(framing: Framing) throws {
        let body = Fixture.payload(seed: 7, count: 3 * 65_536 + 1_234)
        let origin = try ScriptedOrigin(body: body, contentType: "image/png")
        defer { origin.close() }
        let relay = try RelayFixture()
        defer { relay.close() }
        let fetched = try RelayClient.fetch(origin.url(), through: relay.address, framing: framing, timeout: 20)
        #expect(fetched.contentType == "image/png", relay.comment)
        #expect(Fixture.difference(fetched.bytes, body) == "", "the body arrives whole")
    }

    @Test("the streaming fetch hands the body over frame by frame, and returns only after END")
    func streamedBody() throws {
        let body = Fixture.payload(seed: 11, count: 200_000)
        let origin = try ScriptedOrigin(body: body, contentType: "text/plain")
        defer { origin.close() }
        let relay = try RelayFixture()
        defer { relay.close() }
        var pieces: [[UInt8]] = []
        let summary = try RelayClient.fetch(origin.url(), through: relay.address, timeout: 20) { pieces.append($0) }
        #expect(summary == FetchSummary(contentType: "text/plain", length: 200_000), relay.comment)
        #expect(pieces.count >= 4 && pieces.allSatisfy { $0.count <= 65_535 }, "\(pieces.map(\.count))")
        #expect(Fixture.difference(pieces.flatMap { $0 }, body) == "", "the pieces make up the body")
    }

    @Test("a body that breaks off after the OK throws, though its first pieces were handed over")
    func brokenStream() throws {
        let origin = try ScriptedOrigin([
            .send(Array("HTTP/1.1 200 OK\r\nContent-Length: 200000\r\n\r\n".utf8)),
            .body(count: 100_000, piece: 100_000, seed: 12), .close,
        ])
        defer { origin.close() }
        let relay = try RelayFixture()
        defer { relay.close() }
        var received = 0
        var thrown: (any Error)?
        do {
            _ = try RelayClient.fetch(origin.url(), through: relay.address, timeout: 20) { received += $0.count }
        } catch {
            thrown = error
        }
        let failed: UInt16 = if case .failed(let refusal)? = thrown as? RelayClientError { refusal.code } else { 0 }
        #expect(failed == RelayStatus.badGateway, "\(String(describing: thrown)); \(relay.comment)")
        #expect(received > 0 && received <= 100_000, "\(received) bytes were handed over before the ERROR")
    }

    @Test("the answer is a 200 STATUS with the length, DATA frames of at most 64 KiB, and END")
    func frameSequence() throws {
        let body = Fixture.payload(seed: 8, count: 200_000)
        let origin = try ScriptedOrigin([
            .send(Array("HTTP/1.1 200 OK\r\nContent-Length: 200000\r\n\r\n".utf8)),
            .body(count: 200_000, piece: 100_000, seed: 8), .close,
        ])
        defer { origin.close() }
        let relay = try RelayFixture()
        defer { relay.close() }
        let frames = try relay.rawExchange(Array("FETCH \(origin.url())".utf8))
        #expect(frames.first == .ok(length: 200_000, contentType: "application/octet-stream"), relay.comment)
        #expect(frames.last == .end(total: 200_000))
        var joined: [UInt8] = []
        for case .data(let bytes) in frames { joined += bytes }
        #expect(Fixture.difference(joined, body) == "", "the DATA frames make up the body")
    }

    @Test("a body without Content-Length is relayed until the origin closes, and its OK says 'unknown'")
    func unknownLength() throws {
        let body = Fixture.payload(seed: 9, count: 70_000)
        let origin = try ScriptedOrigin(body: body, withLength: false)
        defer { origin.close() }
        let relay = try RelayFixture()
        defer { relay.close() }
        let frames = try relay.rawExchange(Array("FETCH \(origin.url())".utf8), framing: .ascii)
        #expect(frames.first == .ok(length: nil, contentType: "application/octet-stream"), relay.comment)
        #expect(frames.last == .end(total: 70_000))
    }

    /// The code of a refusal, or 0.
    static func code(_ frame: RelayFrame) -> UInt16 {
        if case .refused(let refusal) = frame { refusal.code } else { 0 }
    }

    /// The code of a refusal the client threw, or `nil`.
    static func code(_ error: RelayClientError) -> UInt16? {
        if case .refused(let refusal) = error { refusal.code } else { nil }
    }

    /// The error the client's fetch throws for `url`, or `nil` if it succeeds.
    static func failure(_ url: String, _ relay: RelayFixture) -> RelayClientError? {
        do {
            _ = try RelayClient.fetch(url, through: relay.address, timeout: 20)
            return nil
        } catch let error as RelayClientError {
            return error
        } catch {
            return .protocolViolation("\(error)")
        }
    }

    @Test("a body over --max-bytes by its Content-Length is refused with 413 before any of it is sent")
    func maxBytesDeclared() throws {
        let origin = try ScriptedOrigin(body: Fixture.payload(seed: 1, count: 5_000))
        defer { origin.close() }
        let relay = try RelayFixture(RelayPolicy(maximumBytes: 4_999))
        defer { relay.close() }
        let frames = try relay.rawExchange(Array("FETCH \(origin.url())".utf8))
        #expect(frames.count == 1, relay.comment)
        guard case .refused(let refusal) = frames.first else {
            Issue.record("not a refusal: \(frames.first.map { "\($0)" } ?? "no frame"); \(relay.comment)")
            return
        }
        #expect(refusal.code == 413)
        let exact = try RelayFixture(RelayPolicy(maximumBytes: 5_000))
        defer { exact.close() }
        #expect(Self.failure(origin.url(), exact) == nil, "exactly --max-bytes is allowed")
    }

    @Test("a body of unknown length that passes --max-bytes ends with an ERROR frame, and fetch fails")
    func maxBytesStreaming() throws {
        let origin = try ScriptedOrigin(body: Fixture.payload(seed: 2, count: 300_000), withLength: false)
        defer { origin.close() }
        let relay = try RelayFixture(RelayPolicy(maximumBytes: 100_000))
        defer { relay.close() }
        let frames = try relay.rawExchange(Array("FETCH \(origin.url())".utf8))
        var sent = 0
        for case .data(let bytes) in frames { sent += bytes.count }
        #expect(sent <= 100_000, "no more than --max-bytes is passed on")
        guard case .failed(let refusal) = frames.last else {
            Issue.record("the last frame is not an ERROR: \(frames.last.map { "\($0)" } ?? "none"); \(relay.comment)")
            return
        }
        #expect(refusal.code == 413)
        let error = Self.failure(origin.url(), relay)
        #expect(error == .failed(refusal))
    }

    @Test("an origin that trickles past --timeout gets 504, never a partial body presented as whole")
    func trickle() throws {
        var script: [ScriptedOrigin.Step] = [.send(Array("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n".utf8))]
        for _ in 0..<100 { script += [.send([0x61]), .pause(0.05)] }
        let origin = try ScriptedOrigin(script)
        defer { origin.close() }
        let relay = try RelayFixture(RelayPolicy(timeout: 0.5))
        defer { relay.close() }
        let error = Self.failure(origin.url(), relay)
        guard case .failed(let refusal) = error else {
            Issue.record("expected an ERROR frame after the OK, got \(String(describing: error)); \(relay.comment)")
            return
        }
        #expect(refusal.code == 504)
        let silent = try ScriptedOrigin([.pause(3)])
        defer { silent.close() }
        let before = Self.failure(silent.url(), relay)
        #expect(before.flatMap(Self.code) == 504, "a silent origin: \(String(describing: before))")
    }

    @Test("an origin that breaks off after the OK is reported by a final ERROR frame")
    func lateFailure() throws {
        let origin = try ScriptedOrigin([
            .send(Array("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n".utf8)),
            .body(count: 30_000, piece: 10_000, seed: 3), .close,
        ])
        defer { origin.close() }
        let relay = try RelayFixture()
        defer { relay.close() }
        let frames = try relay.rawExchange(Array("FETCH \(origin.url())".utf8))
        #expect(frames.first == .ok(length: 100_000, contentType: "application/octet-stream"), relay.comment)
        guard case .failed(let refusal) = frames.last else {
            Issue.record("the last frame is not an ERROR: \(frames.last.map { "\($0)" } ?? "none")")
            return
        }
        #expect(refusal.code == 502)
        #expect(Self.failure(origin.url(), relay) == .failed(refusal))
    }

    @Test("an origin's 404, a closed port and a refused scheme each get their status, and fetch says so")
    func errorStatuses() throws {
        let missing = try ScriptedOrigin([
            .send(Array("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n".utf8)), .close,
        ])
        defer { missing.close() }
        let closed = try TCPListener(bindingTo: Fixture.loopback)
        let closedPort = try closed.localAddress().port
        closed.close()
        let relay = try RelayFixture()
        defer { relay.close() }
        let cases: [(String, UInt16)] = [
            (missing.url(), 502), ("http://127.0.0.1:\(closedPort)/", 502), ("file:///etc/passwd", 501),
            ("http://example.com/", 403),
        ]
        for (url, code) in cases {
            let error = Self.failure(url, relay)
            guard case .refused(let refusal) = error else {
                Issue.record("\(url): expected a refusal, got \(String(describing: error)); \(relay.comment)")
                continue
            }
            #expect(refusal.code == code, "\(url): \(refusal)")
        }
    }

    @Test("a request frame that claims to be huge, or is not framed at all, gets 414 and a close")
    func hostileRequests() throws {
        let relay = try RelayFixture()
        defer { relay.close() }
        let huge = try relay.rawExchange([], raw: [0x00, 0x10, 0x00, 0x00, 0x41])
        #expect(huge.map(Self.code) == [414], relay.comment)
        let http = try relay.rawExchange([], raw: Array("GET / HTTP/1.1\r\n\r\n".utf8))
        #expect(http.map(Self.code) == [414])
        let ascii = try relay.rawExchange([], framing: .ascii, raw: Array("9999999999".utf8))
        #expect(ascii.map(Self.code) == [414])
    }

    @Test("eight clients at once each get their own body")
    func manyClients() throws {
        let bodies = (0..<8).map { Fixture.payload(seed: 100 + UInt64($0), count: 50_000 + $0) }
        let origins = try bodies.map { try ScriptedOrigin(body: $0) }
        defer { for origin in origins { origin.close() } }
        let relay = try RelayFixture()
        defer { relay.close() }
        let address = relay.address
        let fetches = origins.enumerated().map { index, origin in
            let url = origin.url()
            return Outcome<[UInt8]>.start {
                try RelayClient.fetch(url, through: address, framing: index % 2 == 0 ? .binary : .ascii).bytes
            }
        }
        for (index, fetch) in fetches.enumerated() {
            let body = try fetch.wait()
            #expect(Fixture.difference(body, bodies[index]) == "", "client \(index); \(relay.comment)")
        }
    }

    @Test("lab07-framing fetch saves the whole body, and on an error prints it and leaves no file")
    func command() throws {
        let body = Fixture.payload(seed: 5, count: 100_000)
        let origin = try ScriptedOrigin(body: body)
        defer { origin.close() }
        let relay = try RelayFixture()
        defer { relay.close() }
        let folder = "/tmp/lab07-test-\(SeededRandom.freshSeed())"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let saved = try LabProcess.run(
            "lab07-framing", ["fetch", origin.url(), "--relay", "\(relay.address)", "-o", "\(folder)/a"])
        #expect(saved.exitCode == 0, "\(saved)")
        let copy = try FileSystem.readAll("\(folder)/a")
        #expect(Fixture.difference(copy, body) == "", "the saved file is the body")
        let refused = try LabProcess.run(
            "lab07-framing", ["fetch", "file:///etc/passwd", "--relay", "\(relay.address)", "-o", "\(folder)/b"])
        #expect(refused.exitCode == 1, "\(refused)")
        #expect(refused.stderr.contains("501"), "\(refused)")
        #expect(!FileSystem.isRegularFile("\(folder)/b"), "no file is left behind")
        let broken = try ScriptedOrigin([
            .send(Array("HTTP/1.1 200 OK\r\nContent-Length: 300000\r\n\r\n".utf8)),
            .body(count: 150_000, piece: 50_000, seed: 6), .close,
        ])
        defer { broken.close() }
        let partial = try LabProcess.run(
            "lab07-framing", ["fetch", broken.url(), "--relay", "\(relay.address)", "-o", "\(folder)/a"])
        #expect(partial.exitCode == 1 && partial.stderr.contains("part way"), "\(partial)")
        let kept = try FileSystem.readAll("\(folder)/a")
        #expect(Fixture.difference(kept, body) == "", "a broken download leaves the old file as it was")
        let names = FileSystem.names(inDirectory: folder) ?? []
        #expect(names == ["a"], "no partial file is left behind: \(names)")
    }
}
