// Lab 02: a URL given to the client. Parsing must never crash, and a parsed URL written back
// as `http://` + its Host header + its target must parse to the same URL.
import Lab02HTTP

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: fuzzBytes(data, size), as: UTF8.self)
    guard let url = try? HTTPURL.parse(text) else { return 0 }
    let written = "http://\(url.hostHeader)\(url.target)"
    let again = try? HTTPURL.parse(written)
    let path = "\(text.debugDescription) → \(url) → \(written.debugDescription)"
    require(again == url, "\(path) → \(String(describing: again))")
    return 0
}
