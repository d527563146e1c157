import Lab05DHCP
import NetLabKit
import Testing

/// A message with every header field set and every option the lab knows, plus two it
/// does not (43, vendor-specific, and 224, site-specific).
func sampleMessage() -> DHCPMessage {
    var message = DHCPMessage()
    message.op = DHCPMessage.bootReply
    message.hops = 1
    message.xid = 0xDEAD_BEEF
    message.secs = 0x0102
    message.flags = DHCPMessage.broadcastFlag
    message.ciaddr = ip("10.0.0.7")
    message.yiaddr = ip("10.0.0.10")
    message.siaddr = ip("10.0.0.2")
    message.giaddr = ip("10.0.0.3")
    message.chaddr = [2, 0, 0x5E, 0, 0x53, 0xAF]
    message.sname = Array("boot.lab.test".utf8)
    message.file = Array("pxelinux.0".utf8)
    message.options = [
        DHCPOption(.messageType, [DHCPMessageType.ack.rawValue]),
        DHCPOption(.serverIdentifier, [10, 0, 0, 1]),
        DHCPOption(.leaseTime, UInt32(3600).bigEndianBytes),
        DHCPOption(.renewalTime, UInt32(1800).bigEndianBytes),
        DHCPOption(.rebindingTime, UInt32(3150).bigEndianBytes),
        DHCPOption(.subnetMask, [255, 255, 255, 0]),
        DHCPOption(.router, [10, 0, 0, 1]),
        DHCPOption(.domainNameServer, [10, 0, 0, 53, 1, 1, 1, 1]),
        DHCPOption(.hostName, Array("alice".utf8)),
        DHCPOption(.domainName, Array("lab.test".utf8)),
        DHCPOption(.requestedAddress, [10, 0, 0, 10]),
        DHCPOption(.parameterRequestList, [1, 3, 6, 15]),
        DHCPOption(.clientIdentifier, [0] + Array("alice".utf8)),
        DHCPOption(43, [1, 2, 3]),
        DHCPOption(224, []),
    ]
    return message
}

/// A DISCOVER's bytes written by hand, field by field, as RFC 2131 §2 lays them out.
func handBuiltDiscover() -> [UInt8] {
    var bytes: [UInt8] = [1, 1, 6, 0, 0x39, 0x03, 0xF3, 0x26, 0, 0, 0x80, 0]
    bytes += [UInt8](repeating: 0, count: 16)  // ciaddr, yiaddr, siaddr, giaddr
    bytes += [0x02, 0x00, 0x00, 0x00, 0x00, 0x01] + [UInt8](repeating: 0, count: 10)  // chaddr
    bytes += [UInt8](repeating: 0, count: 64 + 128)  // sname, file
    bytes += [99, 130, 83, 99]
    bytes += [53, 1, 1]  // DHCPDISCOVER
    bytes += [0, 0]  // two pads
    bytes += [50, 4, 10, 0, 0, 42]  // requested address
    bytes += [55, 3, 1, 3, 6]  // parameter request list
    bytes += [255]
    return bytes
}

@Suite("Codec: BOOTP header, magic cookie and options")
struct DHCPCodecTests {
    @Test("a DISCOVER is laid out byte by byte as RFC 2131 says, padded to 300 bytes")
    func encodesTheLayout() throws {
        let message = DHCPMessage(type: .discover, xid: 0x3903_F326, chaddr: [2, 0, 0, 0, 0, 1])
        let bytes = message.encode()
        // Required, not expected: the checks below read bytes at fixed offsets.
        try #require(bytes.count == 300, "a DISCOVER with one option is 300 bytes, got \(bytes.count)")
        #expect(Array(bytes.prefix(4)) == [1, 1, 6, 0])
        #expect(Array(bytes[4..<8]) == [0x39, 0x03, 0xF3, 0x26])
        #expect(Array(bytes[28..<34]) == [2, 0, 0, 0, 0, 1])
        #expect(Array(bytes[34..<44]) == [UInt8](repeating: 0, count: 10))
        #expect(Array(bytes[236..<240]) == [99, 130, 83, 99])
        #expect(Array(bytes[240..<244]) == [53, 1, 1, 255])
    }

    @Test("the header fields land at their offsets")
    func encodesEveryField() throws {
        let bytes = sampleMessage().encode()
        try #require(bytes.count >= 300, "a message is at least 300 bytes, got \(bytes.count)")
        #expect(Array(bytes[0..<12]) == [2, 1, 6, 1, 0xDE, 0xAD, 0xBE, 0xEF, 1, 2, 0x80, 0])
        #expect(Array(bytes[12..<28]) == [10, 0, 0, 7, 10, 0, 0, 10, 10, 0, 0, 2, 10, 0, 0, 3])
        #expect(Array(bytes[44..<57]) == Array("boot.lab.test".utf8))
        #expect(bytes[57] == 0)
        #expect(Array(bytes[108..<118]) == Array("pxelinux.0".utf8))
        #expect(Array(bytes[240..<246]) == [53, 1, 5, 54, 4, 10])
    }

    @Test("a hand-built DISCOVER decodes: pads skipped, options in order")
    func decodesHandBuiltBytes() throws {
        let message = try DHCPMessage.decode(handBuiltDiscover())
        #expect(message.op == 1)
        #expect(message.xid == 0x3903_F326)
        #expect(message.flags == 0x8000)
        #expect(message.chaddr == [2, 0, 0, 0, 0, 1])
        #expect(message.messageType == .discover)
        #expect(message.requestedAddress == ip("10.0.0.42"))
        #expect(message.parameterRequestList == [1, 3, 6])
        #expect(message.options.map(\.code) == [53, 50, 55])
        #expect(message.sname.isEmpty && message.file.isEmpty)
    }

    @Test("an option longer than 255 bytes goes out as pieces of 255 bytes, then the rest (RFC 3396)")
    func splitsLongOptions() throws {
        var message = DHCPMessage(type: .discover, xid: 1, chaddr: [2, 0, 0, 0, 0, 1])
        message.options.append(DHCPOption(224, [UInt8](repeating: 7, count: 300)))
        let bytes = message.encode()
        try #require(bytes.count >= 548, "300 bytes of option 224 make a packet of 548 bytes, got \(bytes.count)")
        #expect(Array(bytes[240..<245]) == [53, 1, 1, 224, 255])
        #expect(Array(bytes[500..<502]) == [224, 45])
        #expect(bytes[547] == 255)
    }

    @Test("options that run to the packet's last byte, with no end option, decode")
    func optionsToTheLastByte() throws {
        let decoded = try DHCPMessage.decode(Array(handBuiltDiscover().dropLast()))
        #expect(decoded.options.last == DHCPOption(55, [1, 3, 6]))
    }

    @Test("every field and option survives encode then decode, unknown options included")
    func roundTrips() throws {
        let message = sampleMessage()
        let decoded = try DHCPMessage.decode(message.encode())
        #expect(decoded == message)
        #expect(decoded.options.last == DHCPOption(224, []))
        #expect(decoded.dnsServers == [ip("10.0.0.53"), ip("1.1.1.1")])
        #expect(decoded.leaseTime == 3600)
    }

    @Test("a chaddr of 16 bytes (hlen 16) round-trips; bytes past hlen are not chaddr")
    func hardwareAddressLength() throws {
        var message = DHCPMessage(type: .discover, xid: 1, chaddr: Array(1...16))
        let decoded = try DHCPMessage.decode(message.encode())
        #expect(decoded.chaddr == Array(1...16))
        message = DHCPMessage(type: .discover, xid: 1, chaddr: [9, 9])
        var bytes = message.encode()
        bytes[30] = 7  // junk after the two bytes hlen counts
        let short = try DHCPMessage.decode(bytes)
        #expect(short.chaddr == [9, 9])
    }

    @Test("option overload (52) reads options from file, then sname")
    func readsOverload() throws {
        var bytes = handBuiltDiscover()
        bytes.removeLast()  // end
        bytes += [52, 1, 3, 255]
        bytes.replaceSubrange(108..<115, with: [12, 5] + Array("alice".utf8))  // file: host name
        bytes[115] = 255
        bytes.replaceSubrange(44..<54, with: [15, 8] + Array("lab.test".utf8))  // sname: domain
        bytes[54] = 255
        let message = try DHCPMessage.decode(bytes)
        #expect(message.options.map(\.code) == [53, 50, 55, 12, 15])
        #expect(message.domainName == "lab.test")
        #expect(message.file.isEmpty && message.sname.isEmpty)
    }

    @Test("overloaded fields start exactly at their offsets: a full chaddr and a full sname are not options")
    func overloadOffsets() throws {
        var message = DHCPMessage(type: .discover, xid: 7, chaddr: [UInt8](repeating: 0xAB, count: 16))
        message.options.append(DHCPOption(.overload, [2]))
        var bytes = message.encode()
        try #require(bytes.count >= 300, "a message is at least 300 bytes, got \(bytes.count)")
        bytes.replaceSubrange(44..<50, with: [12, 3] + Array("bob".utf8) + [255])  // sname: host name
        let fromSname = try DHCPMessage.decode(bytes)
        #expect(fromSname.chaddr == [UInt8](repeating: 0xAB, count: 16))
        #expect(fromSname.option(.hostName) == Array("bob".utf8))
        var second = DHCPMessage(type: .discover, xid: 8, chaddr: [2, 0, 0, 0, 0, 1])
        second.sname = [UInt8](repeating: 0x78, count: 64)  // a full sname, not overloaded
        second.options.append(DHCPOption(.overload, [1]))
        bytes = second.encode()
        try #require(bytes.count >= 300, "a message is at least 300 bytes, got \(bytes.count)")
        bytes.replaceSubrange(108..<114, with: [12, 3] + Array("eve".utf8) + [255])  // file: host name
        let fromFile = try DHCPMessage.decode(bytes)
        #expect(fromFile.sname == [UInt8](repeating: 0x78, count: 64))
        #expect(fromFile.options.map(\.code) == [53, 12])
    }

    @Test("an overloaded file field that runs past its 128 bytes is an error")
    func overloadIsBounded() {
        var bytes = handBuiltDiscover()
        bytes.removeLast()
        bytes += [52, 1, 1, 255]
        bytes[234] = 12
        bytes[235] = 10  // 10 bytes of host name promised, 0 left in the file field
        #expect(throws: DHCPDecodeError.optionRunsPastEnd(code: 12, offset: 234)) {
            try DHCPMessage.decode(bytes)
        }
    }

    /// A valid DISCOVER broken in one way, and the error that must come back.
    static let hostile: [(String, [UInt8], DHCPDecodeError)] = {
        let good = handBuiltDiscover()
        var cookie = good
        cookie[239] = 98
        var hlen = good
        hlen[2] = 17
        var op = good
        op[0] = 3
        var overload = good
        overload.removeLast()
        overload += [52, 1, 4, 255]
        return [
            ("empty", [], .truncated(length: 0)),
            ("one byte short of the cookie", Array(good.prefix(239)), .truncated(length: 239)),
            ("a wrong magic cookie", cookie, .badMagicCookie([99, 130, 83, 98])),
            ("hlen 17", hlen, .hardwareAddressTooLong(17)),
            ("op 3", op, .badOperation(3)),
            (
                "an option whose length runs past the end", Array(good.prefix(251)) + [12, 200, 1],
                .optionRunsPastEnd(code: 12, offset: 251)
            ),
            (
                "an option code with no length byte", Array(good.prefix(245)) + [61],
                .optionRunsPastEnd(code: 61, offset: 245)
            ),
            ("overload 4", overload, .badOverload([4])),
        ]
    }()

    @Test("hostile packets are refused with an error that says what is wrong", arguments: 0..<8)
    func refusesHostilePackets(index: Int) {
        let (what, bytes, expected) = Self.hostile[index]
        var caught: DHCPDecodeError?
        do {
            _ = try DHCPMessage.decode(bytes)
        } catch {
            caught = error
        }
        #expect(caught == expected, "\(what)")
        #expect(
            caught.map { !"\($0)".contains("not implemented") } ?? false, "\(what): \(caught.map { "\($0)" } ?? "")")
    }

    @Test("the decoder never crashes on 3,000 randomly damaged packets")
    func survivesRandomDamage() throws {
        let seed: UInt64 = 0x5EED_0005
        var random = SeededRandom(seed: seed)
        let good = sampleMessage().encode()
        try #require(good.count >= 300, "the packet to damage comes from encode, which gave \(good.count) bytes")
        var decoded = 0
        for _ in 0..<3000 {
            var bytes = good
            for _ in 0..<Int(random.next() % 8 + 1) {
                bytes[Int(random.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: random.next())
            }
            bytes = Array(bytes.prefix(Int(random.next() % UInt64(bytes.count + 1))))
            do {
                _ = try DHCPMessage.decode(bytes)
                decoded += 1
            } catch {
                if case .notImplemented = error { break }
            }
        }
        #expect(decoded > 0, "seed \(seed): no damaged packet decoded at all, even those cut after the options")
    }
}
