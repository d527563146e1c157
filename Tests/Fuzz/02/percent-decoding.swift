// Lab 02: a percent-encoded path. Decoding must never crash, and what decodes must survive
// encoding a segment and decoding it again.
import Lab02HTTP

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: fuzzBytes(data, size), as: UTF8.self)
    guard let decoded = try? PercentEncoding.decode(text) else { return 0 }
    guard let encoded = try? PercentEncoding.encodeSegment(decoded) else { return 0 }
    let again = try? PercentEncoding.decode(encoded)
    require(
        again == decoded, "\(decoded.debugDescription) encoded as \(encoded) decodes to \(String(describing: again))")
    return 0
}
