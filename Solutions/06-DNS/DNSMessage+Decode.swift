/// Decoding: bytes to `DNSMessage`, trusting nothing the packet says about itself.
/// `DNSReader`'s fixed-size reads are given, in `DNSReader.swift`.
extension DNSMessage {
    /// Decodes one whole DNS message (a UDP datagram, or one TCP frame without its length).
    ///
    /// Every length is checked before it is used, every compression pointer is followed with
    /// loop detection, and the counts in the header must match the packet exactly: fewer
    /// bytes than promised, or bytes left over, are both errors.
    ///
    /// - Parameter bytes: the message.
    /// - Returns: the message.
    /// - Throws: the `DNSDecodeError` that names the first thing wrong.
    public static func decode(_ bytes: [UInt8]) throws(DNSDecodeError) -> DNSMessage {
        let (header, counts) = try DNSHeader.decode(bytes)
        try DNSReader.checkCounts(counts, packetLength: bytes.count)
        var reader = DNSReader(bytes: bytes, position: DNSHeader.length)
        var message = DNSMessage(header: header)
        message.questions.reserveCapacity(counts[0])
        for _ in 0..<counts[0] {
            if reader.atEnd { throw .countsExceedPacket(section: "question", promised: counts[0]) }
            let name = try reader.readName()
            let type = DNSRecordType(rawValue: try reader.readUInt16())
            let recordClass = DNSClass(rawValue: try reader.readUInt16())
            message.questions.append(DNSQuestion(name: name, type: type, recordClass: recordClass))
        }
        for section in 1...3 {
            var records: [ResourceRecord] = []
            records.reserveCapacity(counts[section])
            for _ in 0..<counts[section] {
                if reader.atEnd {
                    throw .countsExceedPacket(section: DNSReader.sections[section], promised: counts[section])
                }
                records.append(try reader.readRecord())
            }
            switch section {
            case 1: message.answers = records
            case 2: message.authorities = records
            default: message.additionals = records
            }
        }
        try reader.checkEnd()
        return message
    }
}

/// Reading names and records, the parts of a packet that can lie.
extension DNSReader {
    /// Reads a possibly compressed name and leaves the cursor just after it (after the first
    /// pointer, if it had one): RFC 1035 §4.1.4.
    ///
    /// A pointer is two bytes whose top two bits are 11; the other 14 bits are an offset
    /// from the start of the message. A pointer is accepted only if it lands inside the
    /// packet (not the header), before the name that uses it, and somewhere this name has
    /// not already been: so a hostile packet cannot make the loop run forever.
    mutating func readName() throws(DNSDecodeError) -> DNSName {
        let start = position
        var cursor = position
        var resumeAt: Int?  // where the caller continues: just after the first pointer.
        var visited: [Int] = []  // offsets of every label and pointer read for this name.
        var labels: [[UInt8]] = []
        var wireLength = 1  // the final zero byte.
        while true {
            guard cursor < bytes.count else { throw .truncated(offset: cursor) }
            let length = Int(bytes[cursor])
            if length & 0xC0 == 0xC0 {
                guard cursor + 1 < bytes.count else { throw .truncated(offset: cursor) }
                let target = (length & 0x3F) << 8 | Int(bytes[cursor + 1])
                try checkPointer(at: cursor, target: target, nameStart: start, visited: visited)
                visited.append(cursor)
                if resumeAt == nil { resumeAt = cursor + 2 }
                cursor = target
            } else if length == 0 {
                position = resumeAt ?? cursor + 1
                return DNSName(checkedLabels: labels)
            } else {
                wireLength += 1 + length
                try checkLabel(at: cursor, length: length, nameStart: start, wireLength: wireLength)
                visited.append(cursor)
                guard cursor + 1 + length <= bytes.count else { throw .truncated(offset: cursor) }
                labels.append(Array(bytes[cursor + 1...cursor + length]))
                cursor += 1 + length
            }
        }
    }

    /// Reads one resource record, its RDATA decoded by type (RFC 1035 §3.3).
    mutating func readRecord() throws(DNSDecodeError) -> ResourceRecord {
        let name = try readName()
        let type = DNSRecordType(rawValue: try readUInt16())
        let recordClass = DNSClass(rawValue: try readUInt16())
        let ttl = try readUInt32()
        let length = Int(try readUInt16())
        let dataStart = position
        let dataEnd = dataStart + length
        guard dataEnd <= bytes.count else { throw .truncated(offset: dataStart) }
        let data: RecordData
        do {
            data = try readData(type: type, end: dataEnd)
        } catch .truncated {
            throw .badRecordData(type: type, offset: dataStart)
        }
        // Too little data (an A record of 3 bytes) or too much, a name or a string that runs
        // past RDLENGTH: each leaves the reader somewhere other than the end of the data.
        guard position == dataEnd else { throw .badRecordData(type: type, offset: dataStart) }
        return ResourceRecord(name: name, type: type, recordClass: recordClass, ttl: ttl, data: data)
    }

    /// Reads RDATA that should end at `end`; `readRecord` checks that it did.
    private mutating func readData(type: DNSRecordType, end: Int) throws(DNSDecodeError) -> RecordData {
        switch type {
        case .a:
            return .a(try readBytes(4))
        case .aaaa:
            return .aaaa(try readBytes(16))
        case .cname:
            return .cname(try readName())
        case .ns:
            return .ns(try readName())
        case .mx:
            let preference = try readUInt16()
            return .mx(preference: preference, exchange: try readName())
        case .txt:
            var strings: [[UInt8]] = []
            while position < end {
                let count = Int(try readUInt8())
                strings.append(try readBytes(count))
            }
            return .txt(strings)
        case .soa:
            let primary = try readName()
            let mailbox = try readName()
            return .soa(
                SOAData(
                    primary: primary, mailbox: mailbox, serial: try readUInt32(), refresh: try readUInt32(),
                    retry: try readUInt32(), expire: try readUInt32(), minimum: try readUInt32()))
        case .opt:
            var options: [EDNSOption] = []
            while position < end {
                let code = try readUInt16()
                let count = Int(try readUInt16())
                options.append(EDNSOption(code: code, data: try readBytes(count)))
            }
            return .opt(options)
        default:
            return .unknown(try readBytes(end - position))
        }
    }
}
