/// One entry of the question section: RFC 1035 §4.1.2.
public struct DNSQuestion: Hashable, Sendable, CustomStringConvertible {
    public var name: DNSName
    public var type: DNSRecordType
    public var recordClass: DNSClass

    public init(name: DNSName, type: DNSRecordType, recordClass: DNSClass = .internet) {
        self.name = name
        self.type = type
        self.recordClass = recordClass
    }

    /// `www.example.com. IN A`.
    public var description: String { "\(name) \(recordClass) \(type)" }
}

/// The fields of an SOA record: RFC 1035 §3.3.13.
public struct SOAData: Hashable, Sendable {
    /// The zone's primary name server.
    public var primary: DNSName
    /// The mailbox of the person in charge, with its `@` written as a dot.
    public var mailbox: DNSName
    public var serial: UInt32
    public var refresh: UInt32
    public var retry: UInt32
    public var expire: UInt32
    /// Since RFC 2308 §4: how long a resolver may cache a negative answer from this zone.
    public var minimum: UInt32

    public init(
        primary: DNSName, mailbox: DNSName, serial: UInt32, refresh: UInt32, retry: UInt32, expire: UInt32,
        minimum: UInt32
    ) {
        self.primary = primary
        self.mailbox = mailbox
        self.serial = serial
        self.refresh = refresh
        self.retry = retry
        self.expire = expire
        self.minimum = minimum
    }
}

/// One option inside an OPT record (RFC 6891 §6.1.2), such as the cookie (code 10) dig sends.
public struct EDNSOption: Hashable, Sendable {
    public var code: UInt16
    public var data: [UInt8]

    public init(code: UInt16, data: [UInt8]) {
        self.code = code
        self.data = data
    }
}

/// What a resource record says, by type: RFC 1035 §3.3 and §3.4, RFC 3596 §2.2.
public enum RecordData: Hashable, Sendable {
    /// Four bytes of IPv4 address (RFC 1035 §3.4.1).
    case a([UInt8])
    /// Sixteen bytes of IPv6 address (RFC 3596 §2.2).
    case aaaa([UInt8])
    /// The name this one is an alias for (RFC 1035 §3.3.1).
    case cname(DNSName)
    /// A name server for the owner's zone (RFC 1035 §3.3.11).
    case ns(DNSName)
    /// A mail exchanger and its preference, lower first (RFC 1035 §3.3.9).
    case mx(preference: UInt16, exchange: DNSName)
    /// One or more character-strings of up to 255 bytes each (RFC 1035 §3.3.14).
    case txt([[UInt8]])
    case soa(SOAData)
    /// The options of an OPT pseudo-record (RFC 6891 §6.1.2).
    case opt([EDNSOption])
    /// Any other type, kept as raw bytes (RFC 3597).
    case unknown([UInt8])

    /// The type these data belong to, or `nil` for `.unknown` (which can be any).
    public var type: DNSRecordType? {
        switch self {
        case .a: return .a
        case .aaaa: return .aaaa
        case .cname: return .cname
        case .ns: return .ns
        case .mx: return .mx
        case .txt: return .txt
        case .soa: return .soa
        case .opt: return .opt
        case .unknown: return nil
        }
    }
}

/// A resource record: RFC 1035 §4.1.3.
///
/// ```
/// NAME | TYPE (16) | CLASS (16) | TTL (32) | RDLENGTH (16) | RDATA (RDLENGTH bytes)
/// ```
///
/// The OPT pseudo-record (RFC 6891 §6.1.2) reuses the fields: CLASS is the sender's UDP
/// payload size and TTL holds the extended RCODE, the EDNS version and the DO flag.
public struct ResourceRecord: Hashable, Sendable {
    public var name: DNSName
    public var type: DNSRecordType
    public var recordClass: DNSClass
    /// Seconds the record may be cached.
    public var ttl: UInt32
    public var data: RecordData

    /// - Parameter type: needed only for `.unknown` data; otherwise it comes from `data`.
    public init(
        name: DNSName, type: DNSRecordType? = nil, recordClass: DNSClass = .internet, ttl: UInt32,
        data: RecordData
    ) {
        self.name = name
        self.type = type ?? data.type ?? DNSRecordType(rawValue: 0)
        self.recordClass = recordClass
        self.ttl = ttl
        self.data = data
    }

    /// An A record for an IPv4 address or an AAAA record for an IPv6 one, from text.
    ///
    /// - Returns: `nil` if `ip` is neither kind of address.
    public static func address(name: DNSName, ip: String, ttl: UInt32) -> ResourceRecord? {
        guard let bytes = IPAddressText.parse(ip) else { return nil }
        return ResourceRecord(name: name, ttl: ttl, data: bytes.count == 4 ? .a(bytes) : .aaaa(bytes))
    }

    /// The record with a different TTL.
    public func with(ttl: UInt32) -> ResourceRecord {
        var copy = self
        copy.ttl = ttl
        return copy
    }
}

/// What the OPT record of a message says (RFC 6891 §6.1.3), read from its odd field layout.
public struct EDNSInfo: Hashable, Sendable {
    /// The largest UDP answer the sender can take (OPT's CLASS field).
    public var udpPayloadSize: UInt16
    /// The upper 8 bits of the 12-bit response code.
    public var extendedResponseCode: UInt8
    public var version: UInt8
    /// DO: the sender wants DNSSEC records.
    public var dnssecOK: Bool
    public var options: [EDNSOption]

    public init(
        udpPayloadSize: UInt16 = 1232, extendedResponseCode: UInt8 = 0, version: UInt8 = 0, dnssecOK: Bool = false,
        options: [EDNSOption] = []
    ) {
        self.udpPayloadSize = udpPayloadSize
        self.extendedResponseCode = extendedResponseCode
        self.version = version
        self.dnssecOK = dnssecOK
        self.options = options
    }

    /// Reads an OPT record's fields; `nil` if the record is not OPT.
    public init?(_ record: ResourceRecord) {
        guard record.type == .opt else { return nil }
        udpPayloadSize = record.recordClass.rawValue
        extendedResponseCode = UInt8(record.ttl >> 24)
        version = UInt8((record.ttl >> 16) & 0xFF)
        dnssecOK = record.ttl & 0x8000 != 0
        if case .opt(let list) = record.data { options = list } else { options = [] }
    }

    /// The OPT record that carries these fields. Its owner is always the root.
    public var record: ResourceRecord {
        let ttl = UInt32(extendedResponseCode) << 24 | UInt32(version) << 16 | (dnssecOK ? 0x8000 : 0)
        return ResourceRecord(
            name: .root, type: .opt, recordClass: DNSClass(rawValue: udpPayloadSize), ttl: ttl, data: .opt(options))
    }
}
