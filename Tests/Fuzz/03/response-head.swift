// Lab 03: the bytes an origin server sends back, read as the proxy reads them (lab 02's
// decodeHead, then lab 03's cache rules on the headers). Nothing may crash; a head that decodes
// must report a length within the bytes given, and re-encode to a head that decodes the same.
import Lab02HTTP
import Lab03Proxy

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    let small = HTTPLimits(
        maxStartLineBytes: 16 + Int(bytes.first ?? 0) % 64, maxHeaderBytes: 32 + Int(bytes.first ?? 0),
        maxHeaderCount: Int(bytes.first ?? 0) % 8, maxBodyBytes: Int(bytes.first ?? 0) % 32)
    for limits in [HTTPLimits(), small] {
        guard let (response, length) = try? HTTPResponse.decodeHead(bytes[...], limits: limits) else { continue }
        require(length > 0 && length <= bytes.count, "used \(length) of \(bytes.count) bytes")
        _ = try? response.bodyFraming(requestMethod: "GET")
        _ = try? Freshness.isStorable(method: "GET", requestHeaders: HTTPHeaders(), response: response)
        let entry = CacheEntry(response: response, requestTime: 1_000, responseTime: 1_001)
        _ = try? Freshness.lifetime(response, responseTime: 1_001)
        _ = try? Freshness.isFresh(entry, now: 1_002)
        _ = try? Revalidation.conditionalHeaders(for: entry)
        _ = try? Forwarding.clientHeaders(response, proxyName: "fuzz")
        guard let head = try? response.encodeHead() else { continue }
        let again = try? HTTPResponse.decodeHead(head[...])
        require(again?.response == response, "\(response) encodes as \(head), decodes as \(String(describing: again))")
    }
    return 0
}
