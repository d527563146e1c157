import Lab07Framing
import NetLabKit
import Testing

@Suite struct RelayRequestTests {
    static let policy = RelayPolicy()

    /// The status code `check` refuses `request` with, or 200 if it accepts.
    static func code(_ request: String, _ policy: RelayPolicy = RelayRequestTests.policy) throws -> UInt16 {
        do {
            _ = try policy.check(Array(request.utf8))
            return 200
        } catch let refusal as RelayRefusal {
            return refusal.code
        }
    }

    @Test("status, data, end and error frames have the handout's bytes")
    func frameBytes() throws {
        let ok = try RelayFrame.ok(length: 258, contentType: "text/plain").encode()
        #expect(ok == [0x01, 0x00, 0xC8, 0, 0, 0, 0, 0, 0, 0x01, 0x02] + Array("text/plain".utf8))
        let unknown = try RelayFrame.ok(length: nil, contentType: "").encode()
        #expect(unknown == [0x01, 0x00, 0xC8] + [UInt8](repeating: 0xFF, count: 8))
        let refused = try RelayFrame.refused(RelayRefusal(403, "no")).encode()
        #expect(refused == [0x01, 0x01, 0x93] + Array("no".utf8))
        let data = try RelayFrame.data([9, 8, 7]).encode()
        #expect(data == [0x02, 9, 8, 7])
        let end = try RelayFrame.end(total: 0x0102_0304_0506).encode()
        #expect(end == [0x03, 0, 0, 1, 2, 3, 4, 5, 6])
        let failed = try RelayFrame.failed(RelayRefusal(504, "slow")).encode()
        #expect(failed == [0x04, 0x01, 0xF8] + Array("slow".utf8))
    }

    @Test("every relay frame decodes to itself")
    func frameRoundTrip() throws {
        let frames: [RelayFrame] = [
            .ok(length: 0, contentType: "image/png"), .ok(length: nil, contentType: "x"),
            .ok(length: 5, contentType: ""),
            .refused(RelayRefusal(501, "only http")), .data(Fixture.payload(seed: 1, count: 65_535)),
            .end(total: 12_345), .failed(RelayRefusal(502, "the origin closed")),
        ]
        for frame in frames {
            let decoded = try RelayFrame.decode(frame.encode())
            #expect(decoded == frame)
        }
    }

    @Test("frames that are empty, too short or of an unknown kind are refused")
    func badFrames() {
        for bytes: [UInt8] in [
            [], [0x09], [0x01, 0x00], [0x01, 0x00, 0xC8, 0, 0], [0x01, 0x00, 0xC8, 0, 0, 0, 0, 0, 0, 0], [0x03, 1, 2],
            [0x02],
        ] {
            #expect(throws: RelayClientError.self, "\(bytes)") { try RelayFrame.decode(bytes) }
        }
    }

    @Test("file:// and every scheme but http:// get 501")
    func schemes() throws {
        for url in ["file:///etc/passwd", "ftp://127.0.0.1/x", "https://127.0.0.1/", "gopher://localhost/"] {
            let code = try Self.code("FETCH \(url)")
            #expect(code == 501, "\(url)")
        }
    }

    @Test("by default only loopback hosts are allowed")
    func loopbackDefault() throws {
        for url in [
            "http://127.0.0.1/", "http://127.1.2.3:8080/a", "http://localhost:9/", "http://[::1]:80/",
            "http://LOCALHOST/",
        ] {
            let code = try Self.code("FETCH \(url)")
            #expect(code == 200, "\(url)")
        }
        for url in [
            "http://example.com/", "http://10.0.0.1/", "http://127.0.0.1.example.com/", "http://128.0.0.1/",
            "http://127.0.0.0001/",
        ] {
            let code = try Self.code("FETCH \(url)")
            #expect(code == 403, "\(url)")
        }
    }

    @Test("--allow replaces the default, by host and optionally by port")
    func allowList() throws {
        let policy = RelayPolicy(allowed: [AllowedHost("example.com")!, AllowedHost("127.0.0.1:8080")!])
        let cases: [(String, UInt16)] = [
            ("http://example.com/a", 200), ("http://EXAMPLE.com:81/", 200), ("http://127.0.0.1:8080/", 200),
            ("http://127.0.0.1:8081/", 403), ("http://127.0.0.1/", 403), ("http://localhost:8080/", 403),
            ("http://www.example.com/", 403),
        ]
        for (url, expected) in cases {
            let code = try Self.code("FETCH \(url)", policy)
            #expect(code == expected, "\(url)")
        }
    }

    @Test("anything but FETCH <url> gets 400, a request over 4,096 bytes 414")
    func malformedRequests() throws {
        for request in [
            "GET http://127.0.0.1/", "fetch http://127.0.0.1/", "FETCH", "FETCH ", "FETCH 127.0.0.1/x",
            "FETCH http://127.0.0.1/ extra", "FETCH http://",
        ] {
            let code = try Self.code(request)
            #expect(code == 400, "'\(request)'")
        }
        let long = try Self.code("FETCH http://127.0.0.1/" + String(repeating: "a", count: 4_100))
        #expect(long == 414)
        let invalid = try RelayRequestTests.policy.check(Array("FETCH http://127.0.0.1/ok".utf8))
        #expect(invalid.port == 80 && invalid.path == "/ok")
    }
}
