/// Reading and writing options by meaning instead of by code.
extension DHCPMessage {
    /// The first option with this code, or `nil`.
    public func option(_ code: DHCPOptionCode) -> [UInt8]? {
        options.first { $0.code == code.rawValue }?.data
    }

    /// Replaces (or adds) an option.
    public mutating func setOption(_ code: DHCPOptionCode, _ data: [UInt8]) {
        options.removeAll { $0.code == code.rawValue }
        options.append(DHCPOption(code, data))
    }

    /// Option 53, or `nil` if it is missing or unknown (then it is plain BOOTP).
    public var messageType: DHCPMessageType? {
        guard let data = option(.messageType), data.count == 1 else { return nil }
        return DHCPMessageType(rawValue: data[0])
    }

    /// Option 50: the address a client asks for.
    public var requestedAddress: IPv4Address? { option(.requestedAddress).flatMap { IPv4Address(bytes: $0) } }

    /// Option 54: which server the message is for (or from).
    public var serverIdentifier: IPv4Address? { option(.serverIdentifier).flatMap { IPv4Address(bytes: $0) } }

    /// Option 1.
    public var subnetMask: IPv4Address? { option(.subnetMask).flatMap { IPv4Address(bytes: $0) } }

    /// Option 3: the first router.
    public var router: IPv4Address? { option(.router).flatMap { IPv4Address(bytes: $0.prefix(4)) } }

    /// Option 6: every DNS server, in order.
    public var dnsServers: [IPv4Address] { addresses(option(.domainNameServer) ?? []) }

    /// Option 15, as text.
    public var domainName: String? { option(.domainName).map { String(decoding: $0, as: UTF8.self) } }

    /// Option 51, 58 and 59: seconds.
    public var leaseTime: UInt32? { option(.leaseTime).flatMap(seconds) }
    public var renewalTime: UInt32? { option(.renewalTime).flatMap(seconds) }
    public var rebindingTime: UInt32? { option(.rebindingTime).flatMap(seconds) }

    /// Option 55: the option codes the client wants, in the order it wants them.
    public var parameterRequestList: [UInt8] { option(.parameterRequestList) ?? [] }

    /// Option 61, the client identifier, if the client sent one.
    public var clientIdentifier: [UInt8]? { option(.clientIdentifier) }

    /// How the server knows a client: its client identifier, else its hardware address
    /// (RFC 2131 §4.2).
    public var clientKey: ClientKey {
        if let id = clientIdentifier, !id.isEmpty { return ClientKey("id:" + hex(id)) }
        return ClientKey("hw:" + hex(chaddr))
    }

    private func seconds(_ bytes: [UInt8]) -> UInt32? {
        bytes.count == 4 ? bytes.reduce(0) { $0 << 8 | UInt32($1) } : nil
    }

    private func addresses(_ bytes: [UInt8]) -> [IPv4Address] {
        stride(from: 0, to: bytes.count - bytes.count % 4, by: 4).compactMap {
            IPv4Address(bytes: bytes[$0..<$0 + 4])
        }
    }
}

extension UInt32 {
    /// Four bytes, most significant first, as options 51, 58 and 59 carry seconds.
    public var bigEndianBytes: [UInt8] { IPv4Address(self).bytes }
}
