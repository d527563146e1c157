import Lab07Framing
import NetLabKit
import Testing

@Suite struct FrameStreamTests {
    /// Three frames of different sizes, one of them empty.
    static let payloads: [[UInt8]] = [Array("first".utf8), [], Fixture.payload(seed: 3, count: 300)]

    static func stream(_ framing: Framing) throws -> [UInt8] {
        let codec = FrameCodec(framing)
        return try payloads.flatMap { try codec.encode($0) }
    }

    /// Every frame `connection` gives until the end of the stream.
    static func readAll(_ connection: FrameConnection) throws -> [[UInt8]] {
        var frames: [[UInt8]] = []
        while let frame = try connection.readFrame() { frames.append(frame) }
        return frames
    }

    @Test("a stream split into two pieces at every byte boundary gives the same frames", arguments: Framing.allCases)
    func everyBoundary(framing: Framing) throws {
        let bytes = try Self.stream(framing)
        for cut in 1..<bytes.count {
            let connection = FrameConnection(
                stream: ScriptedStream(bytes, pieces: [cut]), codec: FrameCodec(framing))
            let frames = try Self.readAll(connection)
            #expect(frames == Self.payloads, "split after byte \(cut)")
        }
    }

    @Test(
        "one byte at a time, random pieces and 64 KiB reads all give the same frames", arguments: [1, 2, 3] as [UInt64])
    func randomPieces(seed: UInt64) throws {
        for framing in Framing.allCases {
            let bytes = try Self.stream(framing)
            for largest in [1, 7, 65_536] {
                let stream = ScriptedStream(bytes, seed: seed, largest: largest)
                let frames = try Self.readAll(FrameConnection(stream: stream, codec: FrameCodec(framing)))
                #expect(frames == Self.payloads, "seed \(seed), pieces of 1…\(largest) bytes, \(framing)")
            }
        }
    }

    @Test("frames written over TCP in seeded random pieces arrive whole", arguments: [11, 12] as [UInt64])
    func overTCP(seed: UInt64) throws {
        let (client, server) = try Fixture.socketPair()
        defer {
            client.close()
            server.close()
        }
        let sent = (0..<40).map { Fixture.payload(seed: seed * 100 + UInt64($0), count: Int(($0 * 977) % 70_000)) }
        for framing in Framing.allCases {
            let writer = FrameConnection(
                stream: try SplittingSocket(client, seed: seed, largest: 9_000), codec: FrameCodec(framing))
            let reader = FrameConnection(stream: server, codec: FrameCodec(framing))
            let writing = Outcome<Int>.start {
                for payload in sent { try writer.writeFrame(payload) }
                return sent.count
            }
            var received: [[UInt8]] = []
            for _ in sent { received.append(try #require(try reader.readFrame())) }
            _ = try writing.wait()
            #expect(Fixture.difference(received, sent) == "", "seed \(seed), \(framing): replay with this seed")
        }
    }

    @Test("frames from empty to the 1 MiB maximum cross a plain TCP socket whole, both ways of splitting them")
    func largeFramesOverTCP() throws {
        let (client, server) = try Fixture.socketPair()
        defer {
            client.close()
            server.close()
        }
        let sizes = [0, 1, 65_536, 65_537, 300_000, 1 << 20, 3, 200_000]
        let sent = sizes.enumerated().map { Fixture.payload(seed: 40 + UInt64($0), count: $1) }
        for framing in Framing.allCases {
            let writer = FrameConnection(stream: client, codec: FrameCodec(framing))
            let reader = FrameConnection(stream: server, codec: FrameCodec(framing))
            let writing = Outcome<Int>.start {
                for payload in sent { try writer.writeFrame(payload) }
                return sent.count
            }
            var received: [[UInt8]] = []
            for _ in sent { received.append(try #require(try reader.readFrame())) }
            _ = try writing.wait()
            #expect(Fixture.difference(received, sent) == "", "\(framing)")
        }
        // In small pieces: the reader's buffer (256 KiB to begin with) grows to hold a frame
        // larger than itself, and keeps the byte of the next frame that came with it.
        let big = Fixture.payload(seed: 49, count: 300_000)
        let codec = FrameCodec(.binary)
        let trickle = ScriptedStream(try codec.encode(big) + codec.encode([7]), seed: 49, largest: 700)
        let reader = FrameConnection(stream: trickle, codec: FrameCodec(.binary))
        let first = try reader.readFrame()
        let second = try reader.readFrame()
        #expect(first.map { Fixture.difference($0, big) } == "" && second == [7])
    }

    @Test("a writer sends the header and the payload, and nothing else")
    func writerBytes() throws {
        let stream = ScriptedStream([])
        let connection = FrameConnection(stream: stream, codec: FrameCodec(.ascii))
        try connection.writeFrame(Array("hi".utf8))
        try connection.writeFrame([])
        #expect(stream.sent == Array("0000000002hi0000000000".utf8))
    }

    @Test("the end of the stream between frames is a clean close; inside a frame it is an error")
    func endOfStream() throws {
        let whole = FrameConnection(stream: ScriptedStream(try Self.stream(.binary)), codec: FrameCodec(.binary))
        let frames = try Self.readAll(whole)
        #expect(frames == Self.payloads)
        let bytes = try Self.stream(.binary)
        for cut in [2, 6, bytes.count - 1] {
            let cutShort = FrameConnection(stream: ScriptedStream(Array(bytes.prefix(cut))), codec: FrameCodec(.binary))
            #expect(throws: FramingError.self, "the stream ends after \(cut) bytes") { try Self.readAll(cutShort) }
        }
    }

    @Test("a peer that claims a huge frame is refused after the header, not waited for")
    func hugeClaim() throws {
        let stream = ScriptedStream([0x7F, 0xFF, 0xFF, 0xFF] + [UInt8](repeating: 1, count: 100), pieces: [4, 100])
        let connection = FrameConnection(stream: stream, codec: FrameCodec(.binary, maximumFrameSize: 1_024))
        #expect(throws: FramingError.tooLarge(length: 0x7FFF_FFFF, maximum: 1_024)) { try connection.readFrame() }
        #expect(stream.receives == 1, "the header alone is enough to refuse")
    }

    @Test("waiting for a frame that does not come times out; the bytes that did come are kept")
    func timeout() throws {
        let (client, server) = try Fixture.socketPair()
        defer {
            client.close()
            server.close()
        }
        let reader = FrameConnection(stream: server, codec: FrameCodec(.binary))
        let encoded = try FrameCodec(.binary).encode(Array("late".utf8))
        try client.sendAll(Array(encoded.prefix(5)))
        let first = try reader.nextFrame(waitingAtMost: 0.1)
        #expect(first == .timedOut)
        try client.sendAll(Array(encoded.dropFirst(5)))
        let second = try reader.nextFrame(waitingAtMost: 10)
        #expect(second == .frame(Array("late".utf8)))
        client.close()
        let third = try reader.nextFrame(waitingAtMost: 10)
        #expect(third == .closed)
    }
}
