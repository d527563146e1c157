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
        //  1. `DNSHeader.decode(bytes)` (given) reads the header and the four counts. Pass the
        //     counts to `DNSReader.checkCounts` (Part 2) before reading anything else.
        //  2. With a `DNSReader` starting at offset 12, read the questions (name, type,
        //     class), then the answer, authority and additional records (`readRecord`).
        //     Reaching the end where a question or record should start is
        //     `.countsExceedPacket(section:promised:)` (the sections' names are in
        //     `DNSReader.sections`).
        //  3. Then `reader.checkEnd()` (Part 2): nothing may be left over.
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
        // TODO: Read labels until the zero byte (RFC 1035 §4.1.4). Keep two positions:
        // `cursor`, which jumps when you follow a pointer, and where the caller goes on,
        // which is just after the FIRST pointer (or after the zero byte if there is none).
        // Look at each length byte's top two bits:
        //   11: a pointer; the other 14 bits are an offset from the start of the message.
        //       Call `checkPointer` (Part 2), then jump there.
        //   00 with length 0: the end. Build the name with `DNSName(checkedLabels:)`.
        //   Otherwise a label of that many bytes: add 1 + length to a running wire length
        //       (which starts at 1, for the final zero), call `checkLabel` (Part 2), then
        //       read the label's bytes.
        // Remember the offset of every pointer and label you read in a `visited` array:
        // `checkPointer` needs it to see a loop. Running off the end is `.truncated(offset:)`.
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
