// Lab 06: a datagram the server or the resolver receives, however hostile (pointers into
// themselves, lying counts and lengths). Decoding must never crash or hang.
import Lab06DNS

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = try? DNSMessage.decode(fuzzBytes(data, size))
    return 0
}
