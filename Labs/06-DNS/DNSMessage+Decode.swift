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
        // TODO: Decode a whole message (RFC 1035 §4.1).
        //  1. `DNSHeader.decode(bytes)` (given) reads the header and the four counts.
        //  2. Before looping, check that the counts can possibly fit: a question takes at
        //     least 5 bytes, a record at least 11. Throw `.countsExceedPacket` if not, so a
        //     header promising 65535 answers costs nothing.
        //  3. With a `DNSReader` starting at offset 12, read the questions (name, type,
        //     class), then the answer, authority and additional records (`readRecord`).
        //     Reaching the end where a question or record should start is
        //     `.countsExceedPacket(section:promised:)` (sections: "question", "answer",
        //     "authority", "additional").
        //  4. Bytes left over at the end are `.trailingBytes(count:)`.
        throw .notImplemented("DNSMessage.decode")
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
        // TODO: Read labels until the zero byte (RFC 1035 §4.1.4). Look at each length
        // byte's top two bits:
        //   00: a label of that many bytes (0 ends the name). Keep a running wire length:
        //       one byte per label plus the labels plus the final zero; over 255 is
        //       `.nameTooLong(offset:)` (the offset where the name started).
        //   11: a pointer; the other 14 bits are an offset from the start of the message.
        //       Check in this order: inside the packet and not into the header, else
        //       `.pointerOutOfRange`; not a place this name has already visited (itself
        //       included), else `.pointerLoop(offset:)`; before where the name started,
        //       else `.pointerForward`. Then jump there.
        //   01, 10: not lengths: `.labelTooLong(offset:length:)`.
        // Running off the end is `.truncated(offset:)`. When done, leave `position` just
        // after the name, or just after the FIRST pointer if there was one. Build the
        // result with `DNSName(checkedLabels:)`.
        throw .notImplemented("DNSReader.readName")
    }

    /// Reads one resource record, its RDATA decoded by type (RFC 1035 §3.3).
    mutating func readRecord() throws(DNSDecodeError) -> ResourceRecord {
        // TODO: NAME, TYPE, CLASS, TTL, RDLENGTH, then RDATA (RFC 1035 §4.1.3).
        // RDLENGTH bytes must be there (else `.truncated(offset:)` at the start of the data).
        // Decode the data by type (RFC 1035 §3.3; AAAA is RFC 3596 §2.2; OPT options are
        // code, length, data, RFC 6891 §6.1.2); a type you do not know stays raw bytes in
        // `.unknown`. Data that does not fill exactly RDLENGTH (an A record of 3 bytes, a
        // name or a TXT string running past the end of the data) is
        // `.badRecordData(type:offset:)` with the offset where the data starts.
        throw .notImplemented("DNSReader.readRecord")
    }
}
