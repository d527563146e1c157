// Lab 08: a datagram the transport receives. Decoding must never crash, both as it came (so
// almost always a bad checksum) and with its checksum made right (so the fuzzer gets past the
// CRC to the header checks); a segment that decodes must encode back to the same bytes, but
// for the Reserved field, which a receiver ignores (as TCP's receivers do) and a sender zeroes.
import Lab08RUDP
import NetLabKit

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var bytes = fuzzBytes(data, size)
    _ = try? Segment.decode(bytes)
    guard bytes.count >= Segment.headerSize else { return 0 }
    bytes.replaceSubrange(20..<24, with: [0, 0, 0, 0])
    let checksum = CRC32.checksum(bytes)
    bytes.replaceSubrange(20..<24, with: [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: checksum >> $0) })
    guard let segment = try? Segment.decode(bytes) else { return 0 }
    guard let encoded = try? segment.encode() else { fatalError("fuzz property failed: \(segment) does not encode") }
    require(
        encoded[0..<18] == bytes[0..<18] && encoded[24...] == bytes[24...],
        "\(segment) decoded from \(bytes) encodes as \(encoded)")
    return 0
}
