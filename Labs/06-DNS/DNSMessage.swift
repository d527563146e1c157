/// A whole DNS message, query or response: RFC 1035 §4.1.
///
/// ```
/// +---------------------+
/// |        Header       |  12 bytes: ID, flags, four counts
/// +---------------------+
/// |       Question      |  what is asked (one entry in practice)
/// +---------------------+
/// |        Answer       |  records that answer it
/// +---------------------+
/// |      Authority      |  records pointing to an authority (SOA for a negative answer)
/// +---------------------+
/// |      Additional     |  helpful extras, and the EDNS OPT pseudo-record
/// +---------------------+
/// ```
///
/// The codec is pure: `decode` turns bytes into a message or says exactly why it cannot,
/// and `encode` turns a message into bytes. No sockets here, so every rule can be tested on
/// byte arrays.
public struct DNSMessage: Hashable, Sendable {
    public var header: DNSHeader
    public var questions: [DNSQuestion]
    public var answers: [ResourceRecord]
    public var authorities: [ResourceRecord]
    public var additionals: [ResourceRecord]

    public init(
        header: DNSHeader, questions: [DNSQuestion] = [], answers: [ResourceRecord] = [],
        authorities: [ResourceRecord] = [], additionals: [ResourceRecord] = []
    ) {
        self.header = header
        self.questions = questions
        self.answers = answers
        self.authorities = authorities
        self.additionals = additionals
    }

    /// A standard query for one name and type, with RD set (ask the server to recurse).
    public static func query(
        id: UInt16, name: DNSName, type: DNSRecordType, recursionDesired: Bool = true, edns: EDNSInfo? = nil
    ) -> DNSMessage {
        DNSMessage(
            header: DNSHeader(id: id, recursionDesired: recursionDesired),
            questions: [DNSQuestion(name: name, type: type)],
            additionals: edns.map { [$0.record] } ?? [])
    }

    /// The EDNS fields, if the message carries an OPT record (RFC 6891 §6.1.1).
    public var edns: EDNSInfo? {
        additionals.first(where: { $0.type == .opt }).flatMap(EDNSInfo.init)
    }

    /// The full response code: the header's 4 bits, extended by the OPT record's upper 8
    /// bits when there is one (RFC 6891 §6.1.3).
    public var responseCode: DNSResponseCode {
        get {
            let upper = UInt16(edns?.extendedResponseCode ?? 0)
            return DNSResponseCode(rawValue: upper << 4 | UInt16(header.responseCode))
        }
        set {
            header.responseCode = UInt8(newValue.rawValue & 0x0F)
            if let index = additionals.firstIndex(where: { $0.type == .opt }), var info = EDNSInfo(additionals[index]) {
                info.extendedResponseCode = UInt8(newValue.rawValue >> 4)
                additionals[index] = info.record
            }
        }
    }
}
