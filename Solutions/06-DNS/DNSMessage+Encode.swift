/// Encoding: `DNSMessage` to bytes, with name compression.
/// `DNSWriter`'s storage, number writers and `writeHeader` are given, in `DNSWriter.swift`.
extension DNSMessage {
    /// Encodes the message. The header's counts come from the sections.
    ///
    /// Names are compressed (RFC 1035 §4.1.4): the first time a name, or any of its
    /// suffixes, is written, its offset is remembered; later names that end the same way
    /// write a 2-byte pointer there instead of the labels. Names inside CNAME, NS, MX and
    /// SOA data are compressed too (RFC 3597 §4 allows it for these well-known types only).
    public func encode() -> [UInt8] {
        var writer = DNSWriter()
        writer.bytes.reserveCapacity(512)
        writer.writeHeader(header, counts: [questions.count, answers.count, authorities.count, additionals.count])
        for question in questions {
            writer.writeName(question.name)
            writer.writeUInt16(question.type.rawValue)
            writer.writeUInt16(question.recordClass.rawValue)
        }
        for record in answers { writer.writeRecord(record) }
        for record in authorities { writer.writeRecord(record) }
        for record in additionals { writer.writeRecord(record) }
        return writer.bytes
    }

    /// Encodes the message for a transport that carries at most `limit` bytes (a UDP
    /// answer: 512 bytes by RFC 1035 §2.3.4, or what the asker's OPT record offers).
    ///
    /// If the whole message does not fit, the records are left out and TC is set, so the
    /// asker knows to ask again over TCP (RFC 1035 §4.1.1, RFC 7766 §5). The question and
    /// the OPT record stay.
    public func encode(fittingIn limit: Int) -> [UInt8] {
        let full = encode()
        if full.count <= limit { return full }
        var truncated = self
        truncated.header.isTruncated = true
        truncated.answers = []
        truncated.authorities = []
        truncated.additionals = additionals.filter { $0.type == .opt }
        return truncated.encode()
    }
}

/// Writing names (compressed) and records.
extension DNSWriter {
    /// Writes a name, pointing to an earlier copy of its longest known suffix when there is one.
    mutating func writeName(_ name: DNSName, compress: Bool = true) {
        let canonical = name.canonicalLabels
        for index in canonical.indices {
            let suffix = Array(canonical[index...])
            if compress, let offset = offsets[suffix] {
                writeUInt16(0xC000 | UInt16(offset))
                return
            }
            if bytes.count < 0x4000 && offsets[suffix] == nil { offsets[suffix] = bytes.count }
            let label = name.labels[index]
            bytes.append(UInt8(label.count))
            bytes.append(contentsOf: label)
        }
        bytes.append(0)
    }

    mutating func writeRecord(_ record: ResourceRecord) {
        writeName(record.name)
        writeUInt16(record.type.rawValue)
        writeUInt16(record.recordClass.rawValue)
        writeUInt32(record.ttl)
        let lengthAt = bytes.count
        writeUInt16(0)  // RDLENGTH, filled in below once the data is written.
        switch record.data {
        case .a(let address), .aaaa(let address):
            bytes.append(contentsOf: address)
        case .cname(let target), .ns(let target):
            writeName(target)
        case .mx(let preference, let exchange):
            writeUInt16(preference)
            writeName(exchange)
        case .txt(let strings):
            for string in strings {
                // A character-string holds at most 255 bytes; longer text becomes several.
                var rest = string[...]
                repeat {
                    let chunk = rest.prefix(255)
                    bytes.append(UInt8(chunk.count))
                    bytes.append(contentsOf: chunk)
                    rest = rest.dropFirst(chunk.count)
                } while !rest.isEmpty
            }
        case .soa(let soa):
            writeName(soa.primary)
            writeName(soa.mailbox)
            for value in [soa.serial, soa.refresh, soa.retry, soa.expire, soa.minimum] { writeUInt32(value) }
        case .opt(let options):
            for option in options {
                writeUInt16(option.code)
                writeUInt16(UInt16(truncatingIfNeeded: option.data.count))
                bytes.append(contentsOf: option.data)
            }
        case .unknown(let raw):
            bytes.append(contentsOf: raw)
        }
        let length = bytes.count - lengthAt - 2
        bytes[lengthAt] = UInt8((length >> 8) & 0xFF)
        bytes[lengthAt + 1] = UInt8(length & 0xFF)
    }
}
