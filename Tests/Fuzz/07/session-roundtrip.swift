// Lab 07: a session message built from the fuzzer's bytes must encode, decode back to itself,
// and be refused (bad checksum) once any one of its bytes is flipped.
import Lab07Framing

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var reader = FuzzReader(fuzzBytes(data, size))
    let kinds = SessionMessage.Kind.allCases
    let kind = kinds[Int(reader.byte()) % kinds.count]
    let flip = Int(reader.integer(UInt16.self))
    let message = SessionMessage(kind, sequence: reader.integer(), payload: reader.rest())
    guard var encoded = try? message.encode() else { fatalError("fuzz property failed: \(message) does not encode") }
    let decoded = try? SessionMessage.decode(encoded)
    require(decoded == message, "\(message) encodes as \(encoded), decodes as \(String(describing: decoded))")
    encoded[flip % encoded.count] ^= 0x01
    let damaged = try? SessionMessage.decode(encoded)
    require(damaged == nil, "\(message) with byte \(flip % encoded.count) flipped decodes as \(damaged!)")
    return 0
}
