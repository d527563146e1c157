// Lab 06: the text of a zone file the server loads. Parsing must never crash or hang, and
// every record it gives must encode in a message that decodes.
import Lab06DNS

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: fuzzBytes(data, size), as: UTF8.self)
    guard let records = try? ZoneFile.parse(text, origin: DNSName("example.test") ?? .root) else { return 0 }
    for record in records {
        let message = DNSMessage(header: DNSHeader(id: 1, flags: 0x8400), answers: [record])
        let decoded = try? DNSMessage.decode(message.encode())
        require(decoded == message, "zone record \(record) does not survive the wire")
    }
    return 0
}
