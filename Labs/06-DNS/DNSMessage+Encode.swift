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
        // TODO: write the questions (name, type, class), then the answer, authority and
        // additional records with `writer.writeName` and `writer.writeRecord`.
        return writer.bytes
    }

    /// Encodes the message for a transport that carries at most `limit` bytes (a UDP
    /// answer: 512 bytes by RFC 1035 §2.3.4, or what the asker's OPT record offers).
    ///
    /// If the whole message does not fit, the records are left out and TC is set, so the
    /// asker knows to ask again over TCP (RFC 1035 §4.1.1, RFC 7766 §5). The question and
    /// the OPT record stay.
    public func encode(fittingIn limit: Int) -> [UInt8] {
        // TODO: if `encode()` is longer than `limit`, encode a copy with TC set and no
        // records left but the OPT record (keep the question).
        encode()
    }
}

/// Writing names (compressed) and records.
extension DNSWriter {
    /// Writes a name, pointing to an earlier copy of its longest known suffix when there is one.
    mutating func writeName(_ name: DNSName, compress: Bool = true) {
        // TODO: for each suffix of the name (www.example.com, example.com, com): if
        // `offsets` knows it, write a pointer (0xC000 | offset) and stop. Otherwise
        // remember where this suffix starts (only below 0x4000: a pointer has 14 bits),
        // write the label's length and bytes, and go on. End with the zero byte.
        // `name.canonicalLabels` gives lower-case labels for the lookup keys.
    }

    mutating func writeRecord(_ record: ResourceRecord) {
        // TODO: NAME, TYPE, CLASS, TTL, then RDLENGTH and RDATA. Write a placeholder
        // RDLENGTH, write the data, then patch the length in: with compression you only
        // know the data's size once it is written. Split TXT strings longer than 255 bytes
        // into several character-strings.
    }
}
