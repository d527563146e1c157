// Lab 05: a datagram on the DHCP ports. Decoding must never crash; a message that decodes
// must encode, and decoding that encoding must give the same message back (the options of
// overloaded sname/file fields now sit in the options area, so a second round must not move
// anything). Reading each option accessor must not crash either.
import Lab05DHCP

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var bytes = fuzzBytes(data, size)
    // Most mutations break the cookie; put it right when hops is odd so options get fuzzed.
    if bytes.count >= 240, bytes[3] & 1 == 1 { bytes.replaceSubrange(236..<240, with: DHCPMessage.magicCookie) }
    guard let message = try? DHCPMessage.decode(bytes) else { return 0 }
    _ = (message.messageType, message.requestedAddress, message.serverIdentifier, message.subnetMask, message.router)
    _ = (message.dnsServers, message.domainName, message.leaseTime, message.renewalTime, message.rebindingTime)
    _ = (message.parameterRequestList, message.clientKey)
    let encoded = message.encode()
    let again = try? DHCPMessage.decode(encoded)
    require(again == message, "\(message) encodes as \(encoded), decodes as \(String(describing: again))")
    return 0
}
