/// The fixed 12-byte header that starts every DNS message: RFC 1035 §4.1.1.
///
/// ```
///                                 1  1  1  1  1  1
///   0  1  2  3  4  5  6  7  8  9  0  1  2  3  4  5
/// +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
/// |                      ID                       |
/// +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
/// |QR|   Opcode  |AA|TC|RD|RA| Z|AD|CD|   RCODE   |
/// +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
/// |                    QDCOUNT                    |
/// |                    ANCOUNT                    |
/// |                    NSCOUNT                    |
/// |                    ARCOUNT                    |
/// +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
/// ```
///
/// The four counts are not stored here: `DNSMessage` derives them from its sections when it
/// encodes, and checks them against the packet when it decodes.
public struct DNSHeader: Hashable, Sendable {
    /// Chosen by the asker, copied into the answer, so the asker can match them up.
    public var id: UInt16
    /// QR: false in a query, true in a response.
    public var isResponse: Bool
    public var opcode: DNSOpcode
    /// AA: the answer comes from a server that owns the name, not from a cache.
    public var isAuthoritative: Bool
    /// TC: the answer did not fit in the datagram; ask again over TCP.
    public var isTruncated: Bool
    /// RD: the asker wants the server to chase the answer for it.
    public var recursionDesired: Bool
    /// RA: the server does chase answers (it has an upstream).
    public var recursionAvailable: Bool
    /// AD: the data is authenticated (DNSSEC, RFC 4035 §3.2.3). dig sets it in queries.
    public var authenticData: Bool
    /// CD: the asker does its own DNSSEC checking (RFC 4035 §3.2.2).
    public var checkingDisabled: Bool
    /// The low 4 bits of the response code (EDNS carries the upper 8 in the OPT record).
    public var responseCode: UInt8

    /// The size of the header on the wire.
    public static let length = 12

    public init(
        id: UInt16, isResponse: Bool = false, opcode: DNSOpcode = .query, isAuthoritative: Bool = false,
        isTruncated: Bool = false, recursionDesired: Bool = false, recursionAvailable: Bool = false,
        authenticData: Bool = false, checkingDisabled: Bool = false, responseCode: UInt8 = 0
    ) {
        self.id = id
        self.isResponse = isResponse
        self.opcode = opcode
        self.isAuthoritative = isAuthoritative
        self.isTruncated = isTruncated
        self.recursionDesired = recursionDesired
        self.recursionAvailable = recursionAvailable
        self.authenticData = authenticData
        self.checkingDisabled = checkingDisabled
        self.responseCode = responseCode & 0x0F
    }

    /// The second 16-bit word: every flag, the opcode and the rcode.
    public var flags: UInt16 {
        var word = UInt16(opcode.rawValue) << 11 | UInt16(responseCode & 0x0F)
        if isResponse { word |= 0x8000 }
        if isAuthoritative { word |= 0x0400 }
        if isTruncated { word |= 0x0200 }
        if recursionDesired { word |= 0x0100 }
        if recursionAvailable { word |= 0x0080 }
        if authenticData { word |= 0x0020 }
        if checkingDisabled { word |= 0x0010 }
        return word
    }

    /// Builds a header from its ID and flags word (the Z bit, 0x0040, is dropped).
    public init(id: UInt16, flags: UInt16) {
        self.init(
            id: id, isResponse: flags & 0x8000 != 0, opcode: DNSOpcode(rawValue: UInt8((flags >> 11) & 0x0F)),
            isAuthoritative: flags & 0x0400 != 0, isTruncated: flags & 0x0200 != 0,
            recursionDesired: flags & 0x0100 != 0, recursionAvailable: flags & 0x0080 != 0,
            authenticData: flags & 0x0020 != 0, checkingDisabled: flags & 0x0010 != 0,
            responseCode: UInt8(flags & 0x000F))
    }

    /// Reads just the header from the start of a packet, for a server that must answer
    /// FORMERR to a query it cannot otherwise parse (it needs the ID to address the answer).
    ///
    /// - Returns: the header and the four counts (QD, AN, NS, AR).
    /// - Throws: `DNSDecodeError.truncatedHeader` if there are fewer than 12 bytes.
    public static func decode(_ bytes: [UInt8]) throws(DNSDecodeError) -> (header: DNSHeader, counts: [Int]) {
        guard bytes.count >= length else { throw .truncatedHeader(length: bytes.count) }
        func word(_ at: Int) -> UInt16 { UInt16(bytes[at]) << 8 | UInt16(bytes[at + 1]) }
        let header = DNSHeader(id: word(0), flags: word(2))
        return (header, [Int(word(4)), Int(word(6)), Int(word(8)), Int(word(10))])
    }
}
