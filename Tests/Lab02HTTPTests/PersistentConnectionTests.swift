import Foundation
import Lab02HTTP
import NetLabKit
import NetLabTesting
import Synchronization
import Testing

@Suite("Part 4: persistent connections, pipelining and the client")
struct PersistentConnectionTests {
    @Test("two requests on one HTTP/1.1 connection are both answered")
    func keepAlive() throws {
        let site = try Site()
        try site.write("a.txt", "first")
        try site.write("b.txt", "second")
        let server = try RunningServer(site: site)
        let wire = try server.connect()
        try wire.send(request("GET", "/a.txt"))
        let first = try wire.readResponse()
        #expect(first.text == "first", "GET /a.txt:\n\(first)")
        try wire.send(request("GET", "/b.txt"))
        let second = try wire.readResponse()
        #expect(second.text == "second", "GET /b.txt on the same connection: HTTP/1.1 stays open:\n\(second)")
    }

    @Test("Connection: close is honoured: the response says so and the server closes")
    func connectionClose() throws {
        let site = try Site()
        try site.write("a.txt", "a")
        let server = try RunningServer(site: site)
        let wire = try server.connect()
        try wire.send(request("GET", "/a.txt", headers: ["Connection: close"]))
        let reply = try wire.readResponse()
        #expect(reply.status == 200)
        #expect(reply.header("Connection")?.lowercased() == "close")
        #expect(wire.isClosedByPeer(), "the server must close after answering 'Connection: close'")
    }

    @Test("HTTP/1.0 closes by default and stays open with Connection: keep-alive")
    func http10() throws {
        let site = try Site()
        try site.write("a.txt", "a")
        let server = try RunningServer(site: site)
        let plain = try server.connect()
        try plain.send("GET /a.txt HTTP/1.0\r\n\r\n")
        let plainReply = try plain.readResponse()
        #expect(plainReply.status == 200, "GET /a.txt HTTP/1.0:\n\(plainReply)")
        #expect(plain.isClosedByPeer(), "an HTTP/1.0 connection closes after one response")

        let kept = try server.connect()
        try kept.send("GET /a.txt HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
        let reply = try kept.readResponse()
        #expect(
            reply.header("Connection")?.lowercased() == "keep-alive",
            "tell an HTTP/1.0 client the connection stays open:\n\(reply)")
        try kept.send("GET /a.txt HTTP/1.0\r\n\r\n")
        let again = try kept.readResponse()
        #expect(again.status == 200, "a second request on the kept HTTP/1.0 connection:\n\(again)")
    }

    @Test("pipelined requests sent in one write are answered in order")
    func pipelining() throws {
        let site = try Site()
        for name in ["one", "two", "three", "four"] { try site.write("\(name).txt", name) }
        let server = try RunningServer(site: site)
        let wire = try server.connect()
        try wire.send(
            request("GET", "/one.txt") + request("HEAD", "/two.txt") + request("GET", "/missing")
                + request("GET", "/three.txt") + request("GET", "/four.txt", headers: ["Connection: close"]))
        let one = try wire.readResponse()
        #expect(one.text == "one", "response 1 of 5, GET /one.txt:\n\(one)")
        let head = try wire.readResponse(method: "HEAD")
        #expect(head.status == 200 && head.header("Content-Length") == "3", "response 2, HEAD /two.txt:\n\(head)")
        let missing = try wire.readResponse()
        #expect(missing.status == 404, "response 3, GET /missing:\n\(missing)")
        let three = try wire.readResponse()
        #expect(three.text == "three", "response 4, GET /three.txt:\n\(three)")
        let four = try wire.readResponse()
        #expect(four.text == "four", "response 5, GET /four.txt with Connection: close:\n\(four)")
        #expect(wire.isClosedByPeer(), "the fifth request said Connection: close")
    }

    @Test("a request split into many small writes is answered")
    func splitRequest() throws {
        let site = try Site()
        try site.write("a.txt", "pieces")
        let server = try RunningServer(site: site)
        let wire = try server.connect()
        let bytes = Array(request("GET", "/a.txt", headers: ["User-Agent: slow"]).utf8)
        for start in stride(from: 0, to: bytes.count, by: 7) {
            try wire.send(Array(bytes[start..<min(bytes.count, start + 7)]))
            sleep(seconds: 0.005)
        }
        let reply = try wire.readResponse()
        #expect(reply.text == "pieces", "GET /a.txt sent 7 bytes at a time:\n\(reply)")
    }

    @Test("an idle connection is closed after the idle timeout")
    func idleTimeout() throws {
        let site = try Site()
        try site.write("a.txt", "a")
        let server = try RunningServer(site: site, idleTimeout: 0.3)
        let wire = try server.connect(timeout: 5)
        try wire.send(request("GET", "/a.txt"))
        let reply = try wire.readResponse()
        #expect(reply.status == 200, "GET /a.txt:\n\(reply)")
        #expect(wire.isClosedByPeer(), "after 0.3 s without a request the server closes (we waited up to 5 s)")
        let silent = try server.connect(timeout: 5)
        #expect(silent.isClosedByPeer(), "a connection that never sends is closed too")
    }

    @Test("idle keep-alive connections do not hold workers: 8 idle ones leave 8 workers free for a 9th client")
    func idleConnectionsDoNotHoldWorkers() throws {
        let site = try Site()
        try site.write("a.txt", "a")
        // A long idle timeout: a server that keeps a worker on each idle connection makes the
        // 9th client wait 30 s, far past its 3 s receive timeout.
        let server = try RunningServer(site: site, threads: 8, idleTimeout: 30)
        let idle = try (0..<8).map { _ in try server.connect() }
        for (index, wire) in idle.enumerated() {
            try wire.send(request("GET", "/a.txt"))
            let first = try wire.readResponse()
            #expect(first.status == 200, "GET /a.txt on connection \(index):\n\(first)")
        }
        let ninth = try server.connect(timeout: 3)
        try ninth.send(request("GET", "/a.txt"))
        let reply: Reply
        do {
            reply = try ninth.readResponse()
        } catch {
            let hint = "do idle keep-alive connections keep every worker until their idle timeout?"
            Issue.record("the 9th client got no answer (\(error)): \(hint) Return .idle from serve and park them.")
            return
        }
        #expect(reply.status == 200, "GET /a.txt from a 9th client:\n\(reply)")

        try idle[3].send(request("GET", "/a.txt"))
        let again = try idle[3].readResponse()
        #expect(again.status == 200, "a parked connection is served again when its next request arrives")
        for wire in idle {
            #expect(wire.isOpenAndQuiet(), "the idle connections stay open until their idle timeout")
        }
    }

    @Test("idle connections, more than there are workers, are each closed at the idle timeout")
    func parkedConnectionsTimeOut() throws {
        let site = try Site()
        try site.write("a.txt", "a")
        let server = try RunningServer(site: site, threads: 2, idleTimeout: 0.5)
        let wires = try (0..<4).map { _ in try server.connect(timeout: 5) }
        for (index, wire) in wires.enumerated() {
            try wire.send(request("GET", "/a.txt"))
            let reply = try wire.readResponse()
            #expect(reply.status == 200, "GET /a.txt on connection \(index):\n\(reply)")
        }
        for (index, wire) in wires.enumerated() {
            #expect(wire.isClosedByPeer(), "idle connection \(index) was still open 5 s after a 0.5 s idle timeout")
        }
    }

    @Test("the chunked decoder takes its input one byte at a time")
    func chunkedByteByByte() throws {
        let body = Array("Wikipedia in\r\n\r\nchunks.".utf8)
        let encoded = ChunkedDecoder.encode(body, chunkSize: 5) + Array("GET".utf8)
        var decoder = ChunkedDecoder()
        var output: [UInt8] = []
        var used = 0
        for index in encoded.indices where !decoder.isFinished {
            let (data, count) = try decoder.feed(encoded[index...index])
            output += data
            used += count
        }
        #expect(decoder.isFinished)
        #expect(output == body)
        #expect(used == encoded.count - 3, "the bytes after the last chunk are not used")
    }

    @Test("HTTPURL splits host, port and target")
    func parsesURLs() throws {
        let cases: [(String, HTTPURL)] = [
            ("http://127.0.0.1:8080/a/b?c=d#frag", HTTPURL(host: "127.0.0.1", port: 8080, target: "/a/b?c=d")),
            ("http://example.com", HTTPURL(host: "example.com", port: 80, target: "/")),
            ("http://[::1]:81/x", HTTPURL(host: "::1", port: 81, target: "/x")),
        ]
        for (text, expected) in cases {
            let url = try HTTPURL.parse(text)
            #expect(url == expected, "HTTPURL.parse(\"\(text)\")")
        }
        #expect(throws: (any Error).self) { try HTTPURL.parse("https://example.com/") }
        #expect(throws: (any Error).self) { try HTTPURL.parse("http://:80/") }
    }

    @Test("the client reads Content-Length, chunked and close-delimited bodies, and skips 100 Continue")
    func clientFraming() throws {
        let replies: [(String, String)] = [
            ("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhelloEXTRA", "hello"),
            (
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "3\r\nabc\r\n4\r\ndefg\r\n0\r\nX-Trailer: 1\r\n\r\n",
                "abcdefg"
            ),
            ("HTTP/1.0 200 OK\r\n\r\nuntil the end", "until the end"),
            ("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok", "ok"),
        ]
        for (raw, expected) in replies {
            let canned = try CannedServer(reply: Array(raw.utf8))
            let response = try HTTPClient.fetch(canned.url + "/path?q=1", timeout: 5)
            #expect(String(decoding: response.body, as: UTF8.self) == expected, "for the reply:\n\(raw)")
            let sent = String(decoding: canned.received, as: UTF8.self)
            #expect(sent.hasPrefix("GET /path?q=1 HTTP/1.1\r\n"), "the client's request line: \(sent)")
            #expect(
                sent.lowercased().contains("\r\nhost: 127.0.0.1:\(canned.address.port)\r\n"),
                "the client must send Host")
        }
        let short = try CannedServer(reply: Array("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc".utf8))
        #expect(throws: (any Error).self, "a body cut short is an error, not a success") {
            try HTTPClient.fetch(short.url, timeout: 5)
        }
    }

    @Test("the client reports a connection closed inside the response head as an error, at once")
    func clientHeadCutShort() throws {
        let canned = try CannedServer(reply: Array("HTTP/1.1 200 OK\r\nContent-Len".utf8))
        let outcome = Mutex<String?>(nil)
        let url = canned.url
        // On a thread, so a client that loops on the closed connection fails this test, not the run.
        startThread {
            do {
                let response = try HTTPClient.fetch(url, timeout: 5)
                outcome.withLock { $0 = "a response with status \(response.status)" }
            } catch let error as ClientError {
                outcome.withLock { $0 = "ClientError: \(error)" }
            } catch {
                outcome.withLock { $0 = "an error that is not a ClientError: \(error)" }
            }
        }
        let ended = eventually(within: 3) { outcome.withLock { $0 } != nil }
        #expect(ended, "fetch still had not returned 3 s after the server closed inside the head")
        let result = outcome.withLock { $0 } ?? "nothing yet"
        let sent = "HTTP/1.1 200 OK\\r\\nContent-Len"
        #expect(result.hasPrefix("ClientError: "), "the server sent '\(sent)' and closed: got \(result)")
    }

    @Test("lab02-http serves a folder, and its get and head commands fetch from it")
    func commandLine() throws {
        let site = try Site()
        let content = seededBytes(count: 100_000, seed: 2)
        try site.write("data.bin", content)
        let server = try LabProcess.launch(
            "lab02-http", ["server", "--port", "0", "--root", site.root, "--threads", "2"])
        defer { server.stop() }
        let address = try server.waitForListening(scheme: "tcp")
        let url = "http://127.0.0.1:\(address.port)/data.bin"
        let output = site.base + "/downloaded.bin"
        let get = try LabProcess.run("lab02-http", ["get", url, "-o", output])
        #expect(get.exitCode == 0, "\(get)")
        #expect(get.stderr.hasPrefix("HTTP/1.1 200 OK"), "the status line goes to stderr first:\n\(get.stderr)")
        #expect(FileManager.default.contents(atPath: output).map { [UInt8]($0) } == content, "-o FILE gets the body")
        let head = try LabProcess.run("lab02-http", ["head", url])
        #expect(head.exitCode == 0)
        #expect(head.stdout.isEmpty, "HEAD has no body to print")
        #expect(head.stderr.lowercased().contains("content-length: 100000"), "\(head.stderr)")
        let bad = try LabProcess.run("lab02-http", ["server", "--root", site.base + "/no-such-folder"])
        #expect(bad.exitCode == 2, "a --root that is not a folder is a usage error: \(bad)")
    }
}
