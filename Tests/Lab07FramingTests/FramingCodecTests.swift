import Lab07Framing
import NetLabKit
import Testing

@Suite struct FramingCodecTests {
    @Test("the ASCII header is ten zero-padded decimal digits before the payload")
    func asciiBytes() throws {
        let encoded = try ASCIIFraming.encode(Array("hello".utf8))
        #expect(encoded == Array("0000000005hello".utf8))
        let empty = try ASCIIFraming.encode([])
        #expect(empty == Array("0000000000".utf8))
    }

    @Test("the binary header is a 4-byte big-endian length before the payload")
    func binaryBytes() throws {
        let encoded = try BinaryFraming.encode(Array("hello".utf8))
        #expect(encoded == [0, 0, 0, 5] + Array("hello".utf8))
        let large = try BinaryFraming.encode([UInt8](repeating: 7, count: 0x0102_03))
        #expect(Array(large.prefix(4)) == [0x00, 0x01, 0x02, 0x03])
    }

    @Test("a header alone announces any length up to the largest the framing can describe, and no more")
    func headers() throws {
        let ascii = try ASCIIFraming.header(length: 1_234_567_890)
        #expect(ascii == Array("1234567890".utf8))
        let binary = try BinaryFraming.header(length: 0x0102_0304)
        #expect(binary == [0x01, 0x02, 0x03, 0x04])
        let largest = try BinaryFraming.header(length: Int(UInt32.max))
        #expect(largest == [0xFF, 0xFF, 0xFF, 0xFF])
        let nines = try ASCIIFraming.header(length: 9_999_999_999)
        #expect(nines == Array("9999999999".utf8))
        #expect(throws: FramingError.tooLarge(length: 10_000_000_000, maximum: 9_999_999_999)) {
            try ASCIIFraming.header(length: 10_000_000_000)
        }
        #expect(throws: FramingError.tooLarge(length: Int(UInt32.max) + 1, maximum: Int(UInt32.max))) {
            try BinaryFraming.header(length: Int(UInt32.max) + 1)
        }
    }

    @Test("encode then decode gives the payload back, and says how many bytes it took", arguments: Framing.allCases)
    func roundTrip(framing: Framing) throws {
        let codec = FrameCodec(framing)
        for size in [0, 1, 9, 10, 255, 256, 65_535, 65_536, 100_000] {
            let payload = Fixture.payload(seed: UInt64(size), count: size)
            let encoded = try codec.encode(payload)
            let frame = try codec.decode(encoded[...])
            #expect(frame == Frame(payload: payload, consumed: size + framing.headerSize), "size \(size)")
        }
    }

    @Test("decode says 'need more bytes' for every strict prefix of a frame", arguments: Framing.allCases)
    func needMoreBytes(framing: Framing) throws {
        let codec = FrameCodec(framing)
        let encoded = try codec.encode(Array("a frame of some length".utf8))
        for cut in 0..<encoded.count {
            let frame = try codec.decode(encoded[..<cut])
            #expect(frame == nil, "cut after \(cut) bytes")
        }
    }

    @Test("two frames back to back decode one at a time, from an offset slice", arguments: Framing.allCases)
    func backToBack(framing: Framing) throws {
        let codec = FrameCodec(framing)
        let bytes = try [0xEE] + codec.encode(Array("one".utf8)) + codec.encode(Array("second".utf8))
        let first = try #require(try codec.decode(bytes[1...]))
        #expect(first.payload == Array("one".utf8))
        let second = try #require(try codec.decode(bytes[(1 + first.consumed)...]))
        #expect(second.payload == Array("second".utf8))
    }

    @Test("a length over the maximum is refused from the header alone, before any payload arrives")
    func tooLargeFromHeader() throws {
        let binary = FrameCodec(.binary, maximumFrameSize: 1_000)
        #expect(throws: FramingError.tooLarge(length: 1_001, maximum: 1_000)) {
            try binary.decode([0, 0, 0x03, 0xE9][...])
        }
        #expect(throws: FramingError.tooLarge(length: Int(UInt32.max), maximum: 1_000)) {
            try binary.decode([0xFF, 0xFF, 0xFF, 0xFF][...])
        }
        let ascii = FrameCodec(.ascii, maximumFrameSize: 1_000)
        #expect(throws: FramingError.tooLarge(length: 9_999_999_999, maximum: 1_000)) {
            try ascii.decode(Array("9999999999".utf8)[...])
        }
        // Exactly the maximum is fine: the codec waits for it.
        let waiting = try ascii.decode(Array("0000001000".utf8)[...])
        #expect(waiting == nil)
    }

    @Test("an ASCII header with anything but digits is refused as soon as the byte arrives")
    func malformedASCII() throws {
        let codec = FrameCodec(.ascii)
        for header in ["00000x0005hello", "-000000005hello", " 000000005hello", "GET / HTTP"] {
            #expect(throws: FramingError.self, "\(header)") { try codec.decode(Array(header.utf8)[...]) }
        }
        #expect(throws: FramingError.self, "a letter in a header still incomplete") {
            try codec.decode(Array("00a".utf8)[...])
        }
    }
}
