// Lab 01: a datagram the echo server or the client receives. Decoding must never crash, and a
// message that decodes must encode again (and that encoding must decode to the same kind and
// sequence number: the timestamp is rounded to six decimals on the way).
import Lab01Ping

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    guard let message = try? PingMessage.decode(bytes) else { return 0 }
    guard let encoded = try? message.encode() else { return 0 }
    if encoded.count <= PingMessage.maximumLength, let again = try? PingMessage.decode(encoded) {
        require(again.kind == message.kind && again.sequence == message.sequence, "\(message) came back as \(again)")
    }
    return 0
}
