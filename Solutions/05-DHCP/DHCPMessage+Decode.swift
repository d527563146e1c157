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
        guard bytes.count >= headerLength + magicCookie.count else { throw .truncated(length: bytes.count) }
        var message = DHCPMessage()
        message.op = bytes[0]
        guard message.op == bootRequest || message.op == bootReply else { throw .badOperation(message.op) }
        message.htype = bytes[1]
        message.hlen = bytes[2]
        guard message.hlen <= 16 else { throw .hardwareAddressTooLong(Int(message.hlen)) }
        message.hops = bytes[3]
        message.xid = word(bytes, at: 4)
        message.secs = UInt16(bytes[8]) << 8 | UInt16(bytes[9])
        message.flags = UInt16(bytes[10]) << 8 | UInt16(bytes[11])
        message.ciaddr = IPv4Address(word(bytes, at: 12))
        message.yiaddr = IPv4Address(word(bytes, at: 16))
        message.siaddr = IPv4Address(word(bytes, at: 20))
        message.giaddr = IPv4Address(word(bytes, at: 24))
        message.chaddr = Array(bytes[28..<28 + Int(message.hlen)])
        let sname = Array(bytes[44..<108])
        let file = Array(bytes[108..<236])
        let cookie = Array(bytes[236..<240])
        guard cookie == magicCookie else { throw .badMagicCookie(cookie) }

        message.options = try readOptions(bytes, from: 240, to: bytes.count)
        var overload: UInt8 = 0
        if let index = message.options.firstIndex(where: { $0.code == DHCPOptionCode.overload.rawValue }) {
            let value = message.options[index].data
            guard value.count == 1, (1...3).contains(value[0]) else { throw .badOverload(value) }
            overload = value[0]
            message.options.remove(at: index)
        }
        if overload & 1 != 0 {
            message.options += try readOptions(bytes, from: 108, to: 236)
        } else {
            message.file = trimmed(file)
        }
        if overload & 2 != 0 {
            message.options += try readOptions(bytes, from: 44, to: 108)
        } else {
            message.sname = trimmed(sname)
        }
        // Overload comes once (RFC 2131 §4.1): a second one, kept as a plain option, would
        // overload the fields when the message is sent on (found by make fuzz, dhcp-decode).
        if let second = message.options.first(where: { $0.code == DHCPOptionCode.overload.rawValue }) {
            throw .badOverload(second.data)
        }
        return message
    }

    /// Reads options from `bytes[start..<end]` until end (255) or the end of the field.
    /// Pad (0) is skipped; every other option is kept, known or not.
    static func readOptions(_ bytes: [UInt8], from start: Int, to end: Int) throws(DHCPDecodeError) -> [DHCPOption] {
        var options: [DHCPOption] = []
        var index = start
        while index < end {
            let code = bytes[index]
            if code == DHCPOptionCode.pad.rawValue {
                index += 1
                continue
            }
            if code == DHCPOptionCode.end.rawValue { break }
            guard index + 1 < end else { throw .optionRunsPastEnd(code: code, offset: index) }
            let length = Int(bytes[index + 1])
            guard index + 2 + length <= end else { throw .optionRunsPastEnd(code: code, offset: index) }
            options.append(DHCPOption(code, Array(bytes[index + 2..<index + 2 + length])))
            index += 2 + length
        }
        return options
    }

    /// Four bytes at `offset`, most significant first.
    private static func word(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        bytes[offset..<offset + 4].reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// A zero-padded text field without its padding.
    private static func trimmed(_ field: [UInt8]) -> [UInt8] {
        Array(field.prefix { $0 != 0 })
    }
}
