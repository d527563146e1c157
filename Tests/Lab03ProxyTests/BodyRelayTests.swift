import Lab02HTTP
import Lab03Proxy
import Testing

/// Part 4: relaying a body as it arrives, with no sockets: a fake origin gives pieces.
@Suite struct BodyRelayTests {
    /// Runs a relay over `pieces`, recording what the client got and what was kept.
    final class Run {
        var written: [[UInt8]] = []
        var kept: [UInt8]?
        var keptBeforeLastWrite = false
        var largestWrite = 0

        init(
            _ framing: HTTPResponse.BodyFraming, leftover: [UInt8] = [], pieces: [[UInt8]], keepLimit: Int = 1_000,
            closeEarly: Bool = false
        ) throws {
            var rest = pieces
            var writesAtComplete = -1
            try BodyRelay.relay(
                framing: framing, leftover: leftover,
                receive: {
                    if rest.isEmpty { return [] }
                    return rest.removeFirst()
                },
                write: { bytes in
                    self.written.append(bytes)
                    self.largestWrite = max(self.largestWrite, bytes.count)
                },
                keepLimit: keepLimit,
                complete: { body in
                    self.kept = body
                    writesAtComplete = self.written.count
                })
            keptBeforeLastWrite = writesAtComplete >= 0 && writesAtComplete < written.count
        }

        var all: [UInt8] { written.flatMap { $0 } }
        var text: String { String(decoding: all, as: UTF8.self) }
    }

    @Test("a Content-Length body goes through as it came, and is kept whole")
    func lengthBody() throws {
        let run = try Run(.length(11), leftover: Array("hello".utf8), pieces: [Array(" wor".utf8), Array("ld".utf8)])
        #expect(run.text == "hello world")
        #expect(run.kept == Array("hello world".utf8))
        #expect(run.written.count == 3)
    }

    @Test("the entry is handed over before the last bytes go to the client")
    func keptBeforeLastByte() throws {
        let run = try Run(.length(6), pieces: [Array("abc".utf8), Array("def".utf8)])
        #expect(run.keptBeforeLastWrite)
        let chunked = try Run(.chunked, pieces: [Array("3\r\nabc\r\n0\r\n\r\n".utf8)])
        #expect(chunked.keptBeforeLastWrite)
    }

    @Test("bytes past Content-Length are not sent to the client")
    func extraBytesDropped() throws {
        let run = try Run(.length(3), pieces: [Array("abcdef".utf8)])
        #expect(run.text == "abc")
    }

    @Test("a chunked body is decoded, sent as chunks, ended by the last chunk, and kept decoded")
    func chunkedBody() throws {
        let run = try Run(
            .chunked, pieces: [Array("5\r\nhel".utf8), Array("lo\r\n6\r\n worl".utf8), Array("d\r\n0\r\n\r\n".utf8)])
        #expect(run.text.hasSuffix("0\r\n\r\n"))
        #expect(run.kept == Array("hello world".utf8))
        // What the client got decodes to the same body.
        var decoder = ChunkedDecoder()
        let (data, _) = try decoder.feed(run.all[...])
        #expect(decoder.isFinished)
        #expect(data == Array("hello world".utf8))
    }

    @Test("a body that ends at the close goes through, and is kept")
    func untilClose() throws {
        let run = try Run(.untilClose, leftover: Array("ab".utf8), pieces: [Array("cd".utf8)])
        #expect(run.text == "abcd")
        #expect(run.kept == Array("abcd".utf8))
    }

    @Test("a body over the keep limit streams through whole and is not kept")
    func overLimitNotKept() throws {
        let piece = [UInt8](repeating: 0x7A, count: 600)
        let run = try Run(.length(1_200), pieces: [piece, piece], keepLimit: 1_000)
        #expect(run.all.count == 1_200)
        #expect(run.kept == nil)
    }

    @Test("a 1 MB body is relayed piece by piece, never in one write")
    func megabyteStreams() throws {
        let seed: UInt64 = 3
        let body = seededBytes(count: 1_048_576, seed: seed)
        let pieces = stride(from: 0, to: body.count, by: 16_384).map { Array(body[$0..<min($0 + 16_384, body.count)]) }
        let run = try Run(.length(body.count), pieces: pieces, keepLimit: 102_400)
        #expect(run.all == body, "seed \(seed)")
        #expect(run.largestWrite <= 65_536)
        #expect(run.kept == nil)
    }

    @Test("an origin that closes inside a Content-Length or chunked body is an error, and nothing is kept")
    func closedEarly() {
        var kept = false
        #expect(throws: RelayError.originClosedEarly) {
            try BodyRelay.relay(
                framing: .length(10), leftover: Array("abc".utf8), receive: { [] }, write: { _ in },
                keepLimit: 100, complete: { _ in kept = true })
        }
        #expect(throws: RelayError.originClosedEarly) {
            try BodyRelay.relay(
                framing: .chunked, leftover: Array("5\r\nab".utf8), receive: { [] }, write: { _ in },
                keepLimit: 100, complete: { _ in kept = true })
        }
        #expect(!kept)
    }
}
