// Lab 07: bytes a peer sends on a framed stream, read with both framings and with a maximum
// frame size taken from the input, from a slice that does not start at index 0 (as a stream
// buffer's slices do). Nothing may crash; a frame never takes more bytes than it was given nor
// holds more than the maximum, and the frames of a stream are decoded one after the other.
import Lab07Framing

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    let maximum = Int(bytes.first ?? 0) * 16
    for framing in Framing.allCases {
        for codec in [FrameCodec(framing), FrameCodec(framing, maximumFrameSize: maximum)] {
            var rest = bytes.dropFirst()
            while let frame = try? codec.decode(rest) {
                require(frame.consumed == framing.headerSize + frame.payload.count, "\(frame) of \(framing)")
                require(frame.consumed <= rest.count, "took \(frame.consumed) of \(rest.count) bytes")
                require(frame.payload.count <= codec.maximumFrameSize, "\(frame.payload.count) bytes")
                let encoded = try? codec.encode(frame.payload)
                let same = encoded.map { $0[...] == rest.prefix(frame.consumed) } ?? false
                require(same, "\(frame) of \(framing) re-encodes as \(String(describing: encoded))")
                rest = rest.dropFirst(frame.consumed)
            }
        }
    }
    return 0
}
