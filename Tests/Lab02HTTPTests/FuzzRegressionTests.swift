import Lab02HTTP
import Testing

/// Inputs `make fuzz LAB=02` found, kept as bytes so the bugs stay fixed.
extension PersistentConnectionTests {
    @Test("HTTPURL refuses a host with a bracket inside it, such as ttp[::1] (make fuzz)")
    func bracketInsideHost() throws {
        let good = try HTTPURL.parse("http://[::1]:80/")  // a parser that refuses everything fails here
        #expect(good == HTTPURL(host: "::1", port: 80, target: "/"))
        let inputs: [[UInt8]] = [
            Array("http://ttp[::1]:80/".utf8), Array("http://ttp[::1]".utf8), Array("http://[[::1]]/".utf8),
            Array("http://a]b/".utf8),
        ]
        for bytes in inputs {
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(throws: (any Error).self, "HTTPURL.parse(\(text.debugDescription))") { try HTTPURL.parse(text) }
        }
    }
}

extension ResponseTests {
    @Test("a status line whose code does not start with 1 to 5 is refused, such as 000 and 099 (make fuzz)")
    func statusClassOneToFive() throws {
        let good = try #require(try HTTPResponse.decodeHead(Array("HTTP/1.1 599 Odd\r\n\r\n".utf8)[...]))
        #expect(good.response.status == 599)
        let heads: [[UInt8]] = [
            Array("HTTP/1.1 000 OK\r\nTransfer-Encoding: chunked\r\n\r\n".utf8), Array("HTTP/1.1 099 x\r\n\r\n".utf8),
            Array("HTTP/1.1 600 x\r\n\r\n".utf8),
        ]
        for bytes in heads {
            #expect(throws: HTTPError.self, "\(String(decoding: bytes, as: UTF8.self).debugDescription)") {
                try HTTPResponse.decodeHead(bytes[...])
            }
        }
    }
}

extension ResponseTests {
    @Test("percent-decoding refuses a raw NUL as it refuses %00, so what decodes survives encoding (make fuzz)")
    func rawNULIsRefused() throws {
        #expect(try PercentEncoding.decode("/a%20b") == "/a b")
        for bytes: [UInt8] in [[0x04, 0, 0, 0], [0x61, 0, 0x62]] {
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(try PercentEncoding.decode(text) == nil, "\(text.debugDescription)")
        }
    }
}
