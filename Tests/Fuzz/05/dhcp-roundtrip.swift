// Lab 05: a message built from the fuzzer's bytes (any header, up to 16 bytes of chaddr, text
// in sname and file, options of any code but pad, end and overload, up to 255 bytes each) must
// encode, and decode back to itself. (Longer options go out in pieces that the lab's decoder
// does not join: RFC 3396 is in the handout's "Going further".)
import Lab05DHCP

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var reader = FuzzReader(fuzzBytes(data, size))
    var message = DHCPMessage()
    message.op = reader.byte() % 2 + 1
    message.htype = reader.byte()
    message.hops = reader.byte()
    message.xid = reader.integer()
    message.secs = reader.integer()
    message.flags = reader.integer()
    message.ciaddr = IPv4Address(reader.integer())
    message.yiaddr = IPv4Address(reader.integer())
    message.siaddr = IPv4Address(reader.integer())
    message.giaddr = IPv4Address(reader.integer())
    message.chaddr = reader.bytes(upTo: 16)
    message.hlen = UInt8(message.chaddr.count)
    // A text field ends at its first zero, so the fuzzer's zeros become ones.
    message.sname = reader.bytes(upTo: 64).map { max($0, 1) }
    message.file = reader.bytes(upTo: 128).map { max($0, 1) }
    while !reader.atEnd {
        let code = reader.byte()
        let value = reader.bytes(upTo: 255)
        guard ![0, 52, 255].contains(code) else { continue }
        message.options.append(DHCPOption(code, value))
    }
    let encoded = message.encode()
    let decoded = try? DHCPMessage.decode(encoded)
    require(decoded == message, "\(message) encodes as \(encoded), decodes as \(String(describing: decoded))")
    return 0
}
