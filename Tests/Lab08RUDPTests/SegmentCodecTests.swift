import Lab08RUDP
import NetLabKit
import Testing

@Suite struct SegmentCodecTests {
    @Test("a segment encodes to the header in the handout, big-endian, checksum last")
    func encodesKnownBytes() throws {
        let segment = Segment(
            flags: [.data, .ack], connectionID: 0x0102_0304, sequence: 0x0A0B_0C0D, acknowledgment: 0xFFFF_FFFE,
            window: 300, payload: Array("hi".utf8))
        let bytes = try segment.encode()
        let header: [UInt8] = [
            1, 0x06, 0x01, 0x2C,  // version, flags DATA|ACK, window 300
            1, 2, 3, 4,  // connection id
            0x0A, 0x0B, 0x0C, 0x0D,  // sequence
            0xFF, 0xFF, 0xFF, 0xFE,  // acknowledgment
            0, 2, 0, 0,  // length 2, reserved
        ]
        #expect(bytes.count == 26, "24-byte header + 2 payload bytes")
        #expect(Array(bytes.prefix(20)) == header, "the first 20 header bytes")
        var zeroed = bytes
        zeroed.replaceSubrange(20..<24, with: [0, 0, 0, 0])
        let crc = CRC32.checksum(zeroed)
        let stored = UInt32(bytes[20]) << 24 | UInt32(bytes[21]) << 16 | UInt32(bytes[22]) << 8 | UInt32(bytes[23])
        #expect(stored == crc, "bytes 20-23 hold the CRC-32 of the segment with those bytes zeroed")
        #expect(Array(bytes.suffix(2)) == Array("hi".utf8))
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926, "CRC-32's standard check value")
    }

    @Test("random segments survive encode then decode unchanged", arguments: [1, 2, 3] as [UInt64])
    func roundTrip(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        for _ in 0..<200 {
            let length = Int(random.next() % 1500)
            var flags = SegmentFlags(rawValue: UInt8(random.next() % 32))
            if length > 0 { flags.insert(.data) } else { flags.remove(.data) }
            let segment = Segment(
                flags: flags, connectionID: UInt32(truncatingIfNeeded: random.next()),
                sequence: UInt32(truncatingIfNeeded: random.next()),
                acknowledgment: UInt32(truncatingIfNeeded: random.next()),
                window: UInt16(truncatingIfNeeded: random.next()),
                payload: Fixture.payload(seed: random.next(), count: length))
            let decoded = try Segment.decode(segment.encode())
            #expect(decoded == segment, "seed \(seed)")
        }
    }

    @Test("every single flipped bit is caught")
    func singleBitFlipsCaught() throws {
        let bytes = try Segment(
            flags: [.data, .ack], connectionID: 7, sequence: 100, acknowledgment: 200, window: 10,
            payload: Array("a payload".utf8)
        ).encode()
        var missed: [Int] = []
        for bit in 0..<bytes.count * 8 {
            var damaged = bytes
            damaged[bit / 8] ^= 1 << UInt8(bit % 8)
            if (try? Segment.decode(damaged)) != nil { missed.append(bit) }
        }
        #expect(missed.isEmpty, "flipping these bits went unnoticed: \(missed)")
        let undamaged = try Segment.decode(bytes).payload
        #expect(undamaged == Array("a payload".utf8), "the undamaged segment decodes: \(bytes)")
    }

    @Test("bursts of flipped bits in random places are caught", arguments: [11, 12] as [UInt64])
    func randomCorruptionCaught(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        let bytes = try Segment(
            flags: [.data], connectionID: 1, sequence: 2, payload: Fixture.payload(seed: seed, count: 1000)
        ).encode()
        for _ in 0..<500 {
            var damaged = bytes
            let start = Int(random.next() % UInt64(bytes.count * 8 - 32))
            let flips = 2 + Int(random.next() % 30)
            for bit in start..<start + flips where random.chance(0.5) || bit == start {
                damaged[bit / 8] ^= 1 << UInt8(bit % 8)
            }
            #expect(throws: SegmentError.self, "seed \(seed): damage at bit \(start) went unnoticed") {
                try Segment.decode(damaged)
            }
        }
    }

    @Test("a datagram shorter than the header is rejected, a good one accepted")
    func tooShort() throws {
        #expect(throws: SegmentError.tooShort(10)) { try Segment.decode([UInt8](repeating: 0, count: 10)) }
        let good = try Segment(flags: [.syn], connectionID: 9, sequence: 1).encode()
        let flags = try Segment.decode(good).flags
        #expect(flags == [.syn], "a bare SYN decodes: \(good)")
    }

    @Test("a length field that disagrees with the datagram is rejected")
    func lengthMismatch() throws {
        var bytes = try Segment(flags: [.data], connectionID: 9, sequence: 1, payload: [1, 2, 3]).encode()
        bytes.removeLast()
        #expect(throws: SegmentError.lengthMismatch(declared: 3, actual: 2)) { try Segment.decode(bytes) }
    }

    /// `bytes` with the checksum recomputed, so that only the field a test changed is wrong.
    private func resealed(_ bytes: [UInt8]) -> [UInt8] {
        var sealed = bytes
        sealed.replaceSubrange(20..<24, with: [0, 0, 0, 0])
        let crc = CRC32.checksum(sealed)
        sealed.replaceSubrange(20..<24, with: [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: crc >> $0) })
        return sealed
    }

    @Test("a payload of 65,535 bytes encodes and decodes; 65,536 is too long for the length field")
    func largestPayload() throws {
        let largest = Segment(
            flags: [.data], connectionID: 1, sequence: 2, payload: [UInt8](repeating: 7, count: 65_535))
        let bytes = try largest.encode()
        let decoded = try Segment.decode(bytes)
        #expect(decoded.payload.count == 65_535, "a datagram of \(bytes.count) bytes")
        let tooLong = Segment(
            flags: [.data], connectionID: 1, sequence: 2, payload: [UInt8](repeating: 7, count: 65_536))
        #expect(throws: SegmentError.payloadTooLong(65_536)) { try tooLong.encode() }
    }

    @Test("another version, an unknown flag, or a DATA flag that disagrees with the payload is rejected")
    func badHeaderFields() throws {
        let good = try Segment(flags: [.data, .ack], connectionID: 9, sequence: 1, payload: [1, 2, 3]).encode()
        var version2 = good
        version2[0] = 2
        #expect(throws: SegmentError.unsupportedVersion(2)) { try Segment.decode(resealed(version2)) }
        var unknownFlag = good
        unknownFlag[1] |= 0x20
        #expect(throws: SegmentError.badFlags(0x26)) { try Segment.decode(resealed(unknownFlag)) }
        var noDataFlag = good
        noDataFlag[1] = SegmentFlags.ack.rawValue
        #expect(throws: SegmentError.badFlags(0x02)) { try Segment.decode(resealed(noDataFlag)) }
        let empty = try Segment(flags: [.ack], connectionID: 9, sequence: 1).encode()
        var dataWithoutPayload = empty
        dataWithoutPayload[1] |= SegmentFlags.data.rawValue
        #expect(throws: SegmentError.badFlags(0x06)) { try Segment.decode(resealed(dataWithoutPayload)) }
        let decoded = try Segment.decode(resealed(good))
        #expect(decoded.payload == [1, 2, 3], "resealing an unchanged segment keeps it good: \(good)")
    }
}
