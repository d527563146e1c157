// Lab 07: payloads from the fuzzer's bytes, framed one after the other with either framing,
// must decode back to the same payloads from the concatenated stream, and every cut of the
// stream before a frame's end must ask for more bytes (nil), never fail or give a frame.
import Lab07Framing

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var reader = FuzzReader(fuzzBytes(data, size))
    let framing: Framing = reader.byte() & 1 == 0 ? .ascii : .binary
    let codec = FrameCodec(framing)
    var payloads: [[UInt8]] = []
    while !reader.atEnd { payloads.append(reader.bytes(upTo: 255)) }
    guard let stream = try? payloads.flatMap({ try codec.encode($0) }) else {
        fatalError("fuzz property failed: \(payloads) do not encode")
    }
    var rest = stream[...]
    for payload in payloads {
        let frameLength = framing.headerSize + payload.count
        for cut in [0, 1, framing.headerSize - 1, framing.headerSize, frameLength - 1] where cut < frameLength {
            let partial = try? codec.decode(rest.prefix(cut))
            require(partial == .some(nil), "\(cut) of \(frameLength) bytes gave \(String(describing: partial))")
        }
        let frame = try? codec.decode(rest)
        let expected = Frame(payload: payload, consumed: frameLength)
        require(frame == expected, "\(payload) came back as \(String(describing: frame))")
        rest = rest.dropFirst(frameLength)
    }
    require(rest.isEmpty, "\(rest.count) bytes left over")
    return 0
}
