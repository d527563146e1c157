// Lab 06: a message built from the fuzzer's bytes (names, every record type the lab knows,
// OPT, unknown types) must encode, and decode back to itself: decode(encode(x)) == x.
import Lab06DNS

/// A name of up to four labels drawn from a small alphabet, so that names share suffixes and
/// compression pointers get written.
func name(_ reader: inout FuzzReader) -> DNSName {
    let alphabet = Array("abAB-0.".utf8)
    var labels: [String] = []
    for _ in 0..<(reader.byte() % 5) {
        let length = 1 + Int(reader.byte()) % 12
        labels.append(String(decoding: (0..<length).map { _ in alphabet[Int(reader.byte()) % 6] }, as: UTF8.self))
    }
    return labels.isEmpty ? .root : DNSName(labels.joined(separator: ".")) ?? .root
}

func record(_ reader: inout FuzzReader) -> ResourceRecord {
    let owner = name(&reader)
    let ttl = reader.integer(UInt32.self)
    let data: RecordData
    var type: DNSRecordType?
    switch reader.byte() % 9 {
    case 0: data = .a((0..<4).map { _ in reader.byte() })
    case 1: data = .aaaa((0..<16).map { _ in reader.byte() })
    case 2: data = .cname(name(&reader))
    case 3: data = .ns(name(&reader))
    case 4: data = .mx(preference: reader.integer(), exchange: name(&reader))
    case 5: data = .txt((0..<(1 + reader.byte() % 3)).map { _ in reader.bytes(upTo: 255) })
    case 6:
        data = .soa(
            SOAData(
                primary: name(&reader), mailbox: name(&reader), serial: reader.integer(), refresh: reader.integer(),
                retry: reader.integer(), expire: reader.integer(), minimum: reader.integer()))
    case 7:
        data = .opt(
            (0..<(reader.byte() % 3)).map { _ in EDNSOption(code: reader.integer(), data: reader.bytes(upTo: 40)) })
    default:
        // A type the lab does not know, kept as raw bytes (RFC 3597).
        type = DNSRecordType(rawValue: 256 + UInt16(reader.byte()))
        data = .unknown(reader.bytes(upTo: 40))
    }
    return ResourceRecord(
        name: owner, type: type, recordClass: DNSClass(rawValue: reader.integer()), ttl: ttl, data: data)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var reader = FuzzReader(fuzzBytes(data, size))
    var message = DNSMessage(header: DNSHeader(id: reader.integer(), flags: reader.integer()))
    for _ in 0..<(reader.byte() % 3) {
        message.questions.append(
            DNSQuestion(
                name: name(&reader), type: DNSRecordType(rawValue: reader.integer()),
                recordClass: DNSClass(rawValue: reader.integer())))
    }
    while !reader.atEnd {
        let entry = record(&reader)
        switch reader.byte() % 3 {
        case 0: message.answers.append(entry)
        case 1: message.authorities.append(entry)
        default: message.additionals.append(entry)
        }
    }
    let encoded = message.encode()
    let decoded = try? DNSMessage.decode(encoded)
    require(decoded == message, "built \(message), encoded \(encoded), decoded \(String(describing: decoded))")
    return 0
}
