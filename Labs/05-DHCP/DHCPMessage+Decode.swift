import NetLabKit

extension DHCPMessage {
    /// Reads one DHCP message from a datagram.
    ///
    /// The fixed header comes first (236 bytes), then the magic cookie, then options until
    /// end (255). Option 52 (overload) says the `file` and/or `sname` fields hold more
    /// options: they are read too, `file` first (RFC 2131 §4.1), and the field is then empty.
    ///
    /// - Throws: `DHCPDecodeError` saying what is wrong: too short, a bad cookie, an `hlen`
    ///   over 16, an option that runs past the end.
    public static func decode(_ bytes: [UInt8]) throws(DHCPDecodeError) -> DHCPMessage {
        // TODO: Part 1 (RFC 2131 §2 and §3, RFC 2132 §2 and §9.3).
        //  1. Fewer than 240 bytes: `.truncated(length:)`. Check it before reading anything.
        //  2. The header, field by field, at the offsets of the diagram in DHCPMessage.swift.
        //     Numbers are big-endian. `op` must be 1 or 2 (`.badOperation`), `hlen` at most
        //     16 (`.hardwareAddressTooLong`); `chaddr` is the first `hlen` of its 16 bytes.
        //     `sname` and `file` lose their trailing zero padding.
        //  3. Bytes 236-239 must be `magicCookie` (`.badMagicCookie` with the four bytes seen).
        //  4. Options from byte 240: pad (0) is one byte, end (255) stops; every other option
        //     is code, length, data, and must fit before the end (`.optionRunsPastEnd` with
        //     the code and the offset of its code byte). Keep unknown codes too.
        //  5. Option 52: one byte of 1 (file holds options), 2 (sname does) or 3 (both), else
        //     `.badOverload`. Read `file` (bytes 108-235), then `sname` (44-107), append their
        //     options, drop option 52 from the list and leave that field empty. A second
        //     option 52 (in any of the three places) is `.badOverload` with its data.
        throw .notImplemented("DHCPMessage.decode")
    }
}
