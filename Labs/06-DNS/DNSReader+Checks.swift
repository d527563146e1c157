/// Part 2: the checks that refuse hostile packets. `decode` and `readName` (Part 1) call
/// them at each place a packet can lie about itself; each lie gets its own error.
///
/// Until you write them, each has a stand-in that keeps Part 1 safe but names no lie: it
/// throws `.notImplemented`, or lets the packet through.
extension DNSReader {
    /// Before any entry is read: can the header's counts possibly fit in the packet?
    ///
    /// - Parameters:
    ///   - counts: QDCOUNT, ANCOUNT, NSCOUNT and ARCOUNT.
    ///   - packetLength: the whole packet's size in bytes.
    /// - Throws: `.countsExceedPacket(section:promised:)` for the first section that cannot fit.
    static func checkCounts(_ counts: [Int], packetLength: Int) throws(DNSDecodeError) {
        // TODO: a question takes at least 5 bytes (root name, type, class), a record at
        // least 11. Add up what the counts need after the 12-byte header, section by
        // section; the first section that takes it past `packetLength` is
        // `.countsExceedPacket(section: Self.sections[index], promised: count)`. Then a
        // header promising 65535 answers in a 40-byte packet costs nothing.
    }

    /// Before a pointer is followed (RFC 1035 §4.1.4): it must land inside the packet but not
    /// in the header, somewhere this name has not been, and before the name's start.
    ///
    /// - Parameters:
    ///   - offset: where the pointer is.
    ///   - target: where it points.
    ///   - nameStart: where the name being read began.
    ///   - visited: the offsets of every label and pointer this name has read so far.
    /// - Throws: the first that applies: `.pointerOutOfRange`, `.pointerLoop`, `.pointerForward`.
    func checkPointer(at offset: Int, target: Int, nameStart: Int, visited: [Int]) throws(DNSDecodeError) {
        // TODO: in this order:
        //  - into the header (below 12) or past the end: `.pointerOutOfRange(offset:target:)`;
        //  - to itself or to any offset in `visited`: `.pointerLoop(offset:)`;
        //  - to `nameStart` or later: `.pointerForward(offset:target:)`.
        // The stand-in below only stops a name that never ends.
        if visited.count > DNSName.maximumWireLength { throw .notImplemented("DNSReader.checkPointer") }
    }

    /// Before a label is read: its length byte must be a length (top bits 00, at most 63),
    /// and the name may not grow past 255 bytes on the wire (RFC 1035 §2.3.4).
    ///
    /// - Parameters:
    ///   - offset: where the length byte is.
    ///   - length: the length byte.
    ///   - nameStart: where the name being read began.
    ///   - wireLength: the name's length so far, this label and the final zero byte included.
    /// - Throws: `.labelTooLong(offset:length:)`, or `.nameTooLong(offset:)` at the name's start.
    func checkLabel(at offset: Int, length: Int, nameStart: Int, wireLength: Int) throws(DNSDecodeError) {
        // TODO: a length over 63 (top bits 01 or 10: reserved label types, RFC 6891 §5) is
        // `.labelTooLong(offset:length:)`; a `wireLength` over 255 is
        // `.nameTooLong(offset: nameStart)`.
        if length > DNSName.maximumLabelLength || wireLength > DNSName.maximumWireLength {
            throw .notImplemented("DNSReader.checkLabel")
        }
    }

    /// After the last record the counts announce: the packet must end there.
    ///
    /// - Throws: `.trailingBytes(count:)` if bytes are left.
    func checkEnd() throws(DNSDecodeError) {
        // TODO: bytes left after `position` are `.trailingBytes(count:)`.
    }
}
