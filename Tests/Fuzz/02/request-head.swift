// Lab 02: bytes a client sends the server. Decoding with the default limits and with small
// ones (taken from the first byte) must never crash, never use more bytes than it was given,
// and a request that decodes must encode again.
import Lab02HTTP

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    let small = HTTPLimits(
        maxStartLineBytes: 16 + Int(bytes.first ?? 0) % 64, maxHeaderBytes: 32 + Int(bytes.first ?? 0),
        maxHeaderCount: Int(bytes.first ?? 0) % 8, maxBodyBytes: Int(bytes.first ?? 0) % 32)
    for limits in [HTTPLimits(), small] {
        guard let decoded = try? HTTPRequest.decode(bytes, limits: limits) else { continue }
        require(decoded.length > 0 && decoded.length <= bytes.count, "used \(decoded.length) of \(bytes.count) bytes")
        // The rest is the next pipelined request: decoding it must not crash either.
        _ = try? HTTPRequest.decode(Array(bytes[decoded.length...]), limits: limits)
        _ = try? decoded.request.encode()
    }
    return 0
}
