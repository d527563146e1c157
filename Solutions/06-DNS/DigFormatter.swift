/// Prints DNS messages the way dig does, so the output reads like every DNS tutorial's.
public enum DigFormatter {
    /// The whole report for one exchange: header, flags, sections, query time and size.
    public static func format(_ result: DNSQueryResult) -> String {
        let message = result.message
        let header = message.header
        var lines: [String] = []
        lines.append(";; Got answer:")
        lines.append(";; ->>HEADER<<- opcode: \(header.opcode), status: \(message.responseCode), id: \(header.id)")
        var flags: [String] = []
        if header.isResponse { flags.append("qr") }
        if header.isAuthoritative { flags.append("aa") }
        if header.isTruncated { flags.append("tc") }
        if header.recursionDesired { flags.append("rd") }
        if header.recursionAvailable { flags.append("ra") }
        if header.authenticData { flags.append("ad") }
        if header.checkingDisabled { flags.append("cd") }
        lines.append(
            ";; flags: \(flags.joined(separator: " ")); QUERY: \(message.questions.count), ANSWER: "
                + "\(message.answers.count), "
                + "AUTHORITY: \(message.authorities.count), ADDITIONAL: \(message.additionals.count)")
        lines.append("")
        if let edns = message.edns {
            lines.append(";; OPT PSEUDOSECTION:")
            lines.append(
                "; EDNS: version: \(edns.version), flags:\(edns.dnssecOK ? " do" : ""); udp: \(edns.udpPayloadSize)")
        }
        if !message.questions.isEmpty {
            lines.append(";; QUESTION SECTION:")
            for question in message.questions {
                lines.append(";\(question.name)\t\t\(question.recordClass)\t\(question.type)")
            }
            lines.append("")
        }
        let sections = [
            ("ANSWER", message.answers), ("AUTHORITY", message.authorities),
            ("ADDITIONAL", message.additionals.filter { $0.type != .opt }),
        ]
        for (title, records) in sections where !records.isEmpty {
            lines.append(";; \(title) SECTION:")
            lines += records.map { recordLine($0) }
            lines.append("")
        }
        lines.append(";; Query time: \(Int(result.milliseconds.rounded())) msec")
        lines.append(
            ";; SERVER: \(result.server.ip)#\(result.server.port)(\(result.server.ip)) "
                + "(\(result.overTCP ? "TCP" : "UDP"))"
        )
        lines.append(";; MSG SIZE  rcvd: \(result.size)")
        return lines.joined(separator: "\n")
    }

    /// One record in master-file form: `www.example.test.	300	IN	A	10.0.0.1`.
    public static func recordLine(_ record: ResourceRecord, separator: String = "\t") -> String {
        [
            record.name.description, String(record.ttl), record.recordClass.description, record.type.description,
            dataText(record.data),
        ]
        .joined(separator: separator)
    }

    /// The RDATA as dig prints it.
    public static func dataText(_ data: RecordData) -> String {
        switch data {
        case .a(let bytes), .aaaa(let bytes): return IPAddressText.format(bytes)
        case .cname(let name), .ns(let name): return name.description
        case .mx(let preference, let exchange): return "\(preference) \(exchange)"
        case .txt(let strings): return strings.map(quoted).joined(separator: " ")
        case .soa(let soa):
            return
                "\(soa.primary) \(soa.mailbox) \(soa.serial) \(soa.refresh) \(soa.retry) \(soa.expire) \(soa.minimum)"
        case .opt(let options):
            return options.map { "; option \($0.code): \($0.data.count) bytes" }.joined(separator: " ")
        case .unknown(let bytes):
            // RFC 3597 §5: unknown data as \# length hex.
            let hex = bytes.map { byte in
                let text = String(byte, radix: 16, uppercase: true)
                return text.count == 1 ? "0" + text : text
            }.joined()
            return "\\# \(bytes.count)" + (hex.isEmpty ? "" : " \(hex)")
        }
    }
}
