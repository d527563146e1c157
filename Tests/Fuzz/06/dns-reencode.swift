// Lab 06: a message that decodes must encode again without a crash (whole, and cut to a UDP
// limit), and decoding that encoding must give the same message back.
import Lab06DNS

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let message = try? DNSMessage.decode(fuzzBytes(data, size)) else { return 0 }
    let encoded = message.encode()
    let again = try? DNSMessage.decode(encoded)
    require(again == message, "decoded \(message), encoded \(encoded), decoded again \(String(describing: again))")
    let cut = message.encode(fittingIn: 512)
    require((try? DNSMessage.decode(cut)) != nil, "encode(fittingIn: 512) gave bytes that do not decode: \(cut)")
    return 0
}
