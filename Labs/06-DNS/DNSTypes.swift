/// The small numbered vocabularies of DNS: record types, classes, opcodes and response codes.
///
/// Each is a struct around its wire number rather than an enum, so a number this server
/// does not know (a type 99 record, opcode 6) still decodes, travels and prints.

/// A record type (RFC 1035 §3.2.2), such as A or MX.
public struct DNSRecordType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public static let a = DNSRecordType(rawValue: 1)
    public static let ns = DNSRecordType(rawValue: 2)
    public static let cname = DNSRecordType(rawValue: 5)
    public static let soa = DNSRecordType(rawValue: 6)
    public static let mx = DNSRecordType(rawValue: 15)
    public static let txt = DNSRecordType(rawValue: 16)
    /// RFC 3596 §2.1.
    public static let aaaa = DNSRecordType(rawValue: 28)
    /// The EDNS(0) pseudo-record: RFC 6891 §6.1.1.
    public static let opt = DNSRecordType(rawValue: 41)
    /// A query for every type (RFC 1035 §3.2.3 QTYPE `*`).
    public static let any = DNSRecordType(rawValue: 255)

    private static let names: [(DNSRecordType, String)] = [
        (.a, "A"), (.ns, "NS"), (.cname, "CNAME"), (.soa, "SOA"), (.mx, "MX"), (.txt, "TXT"),
        (.aaaa, "AAAA"), (.opt, "OPT"), (.any, "ANY"),
    ]

    /// Parses `"A"`, `"mx"`, or RFC 3597's `"TYPE99"`.
    public init?(name: String) {
        let upper = name.uppercased()
        if let known = DNSRecordType.names.first(where: { $0.1 == upper }) {
            self = known.0
        } else if upper.hasPrefix("TYPE"), let number = UInt16(upper.dropFirst(4)) {
            self.init(rawValue: number)
        } else {
            return nil
        }
    }

    /// `"A"`, `"MX"`, or `"TYPE99"` for a type without a name (RFC 3597 §5).
    public var description: String {
        DNSRecordType.names.first(where: { $0.0 == self })?.1 ?? "TYPE\(rawValue)"
    }
}

/// A record class (RFC 1035 §3.2.4). Only IN matters today.
public struct DNSClass: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public static let internet = DNSClass(rawValue: 1)
    public static let chaos = DNSClass(rawValue: 3)
    public static let any = DNSClass(rawValue: 255)

    public var description: String {
        switch self {
        case .internet: return "IN"
        case .chaos: return "CH"
        case .any: return "ANY"
        default: return "CLASS\(rawValue)"
        }
    }
}

/// The kind of request (RFC 1035 §4.1.1 OPCODE, 4 bits).
public struct DNSOpcode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue & 0x0F }

    public static let query = DNSOpcode(rawValue: 0)
    public static let inverseQuery = DNSOpcode(rawValue: 1)
    public static let status = DNSOpcode(rawValue: 2)
    /// RFC 1996.
    public static let notify = DNSOpcode(rawValue: 4)
    /// RFC 2136.
    public static let update = DNSOpcode(rawValue: 5)

    public var description: String {
        switch self {
        case .query: return "QUERY"
        case .inverseQuery: return "IQUERY"
        case .status: return "STATUS"
        case .notify: return "NOTIFY"
        case .update: return "UPDATE"
        default: return "RESERVED\(rawValue)"
        }
    }
}

/// The outcome of a request (RFC 1035 §4.1.1 RCODE), including EDNS's extended codes
/// (RFC 6891 §6.1.3), which is why it holds 12 bits rather than 4.
public struct DNSResponseCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue & 0x0FFF }

    public static let noError = DNSResponseCode(rawValue: 0)
    /// The server could not understand the query.
    public static let formatError = DNSResponseCode(rawValue: 1)
    /// The server failed (here: the upstream did not answer).
    public static let serverFailure = DNSResponseCode(rawValue: 2)
    /// The name does not exist.
    public static let nameError = DNSResponseCode(rawValue: 3)
    /// The server does not do this kind of request.
    public static let notImplemented = DNSResponseCode(rawValue: 4)
    /// The server will not do it (here: a name it neither holds nor may forward).
    public static let refused = DNSResponseCode(rawValue: 5)
    /// The query's EDNS version is one the server does not speak: RFC 6891 §6.1.3.
    public static let badVersion = DNSResponseCode(rawValue: 16)

    public var description: String {
        switch self {
        case .noError: return "NOERROR"
        case .formatError: return "FORMERR"
        case .serverFailure: return "SERVFAIL"
        case .nameError: return "NXDOMAIN"
        case .notImplemented: return "NOTIMP"
        case .refused: return "REFUSED"
        case .badVersion: return "BADVERS"
        default: return "RCODE\(rawValue)"
        }
    }
}
