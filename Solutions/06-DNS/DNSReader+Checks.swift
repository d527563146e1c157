/// Part 2: the checks that refuse hostile packets. `decode` and `readName` (Part 1) call
/// them at each place a packet can lie about itself; each lie gets its own error.
extension DNSReader {
    /// Before any entry is read: can the header's counts possibly fit in the packet?
    ///
    /// A question takes at least 5 bytes (the root name, type, class) and a record at least
    /// 11, so a header that promises 65535 answers in a 40-byte packet is refused here,
    /// before anything is allocated.
    ///
    /// - Parameters:
    ///   - counts: QDCOUNT, ANCOUNT, NSCOUNT and ARCOUNT.
    ///   - packetLength: the whole packet's size in bytes.
    /// - Throws: `.countsExceedPacket(section:promised:)` for the first section that cannot fit.
    static func checkCounts(_ counts: [Int], packetLength: Int) throws(DNSDecodeError) {
        var needed = DNSHeader.length
        for (index, count) in counts.enumerated() {
            needed += count * (index == 0 ? 5 : 11)
            if needed > packetLength { throw .countsExceedPacket(section: Self.sections[index], promised: count) }
        }
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
        if target < DNSHeader.length || target >= bytes.count {
            throw .pointerOutOfRange(offset: offset, target: target)
        }
        if target == offset || visited.contains(target) { throw .pointerLoop(offset: offset) }
        if target >= nameStart { throw .pointerForward(offset: offset, target: target) }
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
        // 01 and 10 are not lengths of at most 63 but reserved label types (RFC 6891 §5).
        if length > DNSName.maximumLabelLength { throw .labelTooLong(offset: offset, length: length) }
        if wireLength > DNSName.maximumWireLength { throw .nameTooLong(offset: nameStart) }
    }

    /// After the last record the counts announce: the packet must end there.
    ///
    /// - Throws: `.trailingBytes(count:)` if bytes are left.
    func checkEnd() throws(DNSDecodeError) {
        if !atEnd { throw .trailingBytes(count: bytes.count - position) }
    }
}
