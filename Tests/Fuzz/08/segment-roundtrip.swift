// Lab 08: a segment built from the fuzzer's bytes must encode, and decode back to itself.
import Lab08RUDP

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var reader = FuzzReader(fuzzBytes(data, size))
    let flags = SegmentFlags(rawValue: reader.byte() & 0x1F)
    var segment = Segment(
        flags: flags, connectionID: reader.integer(), sequence: reader.integer(), acknowledgment: reader.integer(),
        window: reader.integer(), payload: reader.rest())
    // DATA is set exactly when there is payload (the codec refuses anything else).
    if segment.payload.isEmpty { segment.flags.remove(.data) } else { segment.flags.insert(.data) }
    guard let encoded = try? segment.encode() else { return 0 }
    let decoded = try? Segment.decode(encoded)
    require(
        decoded == segment, "\(segment) encoded as \(encoded.count) bytes decodes to \(String(describing: decoded))")
    return 0
}
