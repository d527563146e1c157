import Lab05DHCP
import Testing

/// Packets `make fuzz LAB=05` found, kept as bytes so the bug stays fixed.
extension DHCPCodecTests {
    @Test("a second overload option is refused, so a decoded message encodes to the same message (make fuzz)")
    func secondOverloadIsRefused() {
        var bytes = handBuiltDiscover()
        bytes.removeLast()
        bytes += [52, 1, 1, 15, 3, 0x6C, 0x61, 0x62, 52, 1, 3, 255]  // overload 1, domain "lab", overload 3
        var caught: DHCPDecodeError?
        do {
            _ = try DHCPMessage.decode(bytes)
        } catch {
            caught = error
        }
        #expect(caught == .badOverload([3]))
    }
}
