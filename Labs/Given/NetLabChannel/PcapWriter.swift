/// Records datagrams in a pcap file that Wireshark, tshark and tcpdump open.
///
/// The channel sees UDP payloads, not packets, so the writer wraps each one in a made-up
/// IPv4 (or IPv6) and UDP header with the real addresses and ports. The file's link type is
/// `LINKTYPE_RAW` (101): each record starts with an IP header, no Ethernet. Wireshark then
/// decodes UDP and hands the payload to the RUDP dissector (Handouts/rudp.lua) by port.
///
/// The channel records what it sent and what it delivered, and also what it *dropped*: a
/// dropped datagram is written with an IP TTL of 0, so `ip.ttl == 0` (or `ip.hlim == 0`)
/// shows the losses and `ip.ttl > 0` hides them.
///
/// Format: https://wiki.wireshark.org/Development/LibpcapFileFormat
import NetLabKit
import Synchronization

public final class PcapWriter: Sendable {
    /// The file, or `nil` once closed. The lock keeps two records from interleaving.
    private let file: Mutex<OpenFile?>
    private let identification = Atomic<UInt16>(0)

    /// LINKTYPE_RAW: the packet begins with an IPv4 or IPv6 header.
    static let linkTypeRaw: UInt32 = 101

    /// Creates (or truncates) the file and writes the pcap global header.
    ///
    /// - Throws: `FileError` if the file cannot be created.
    /// The corresponding C calls are `open(2)` and `write(2)`.
    public init(path: String) throws {
        let handle = try OpenFile(path, for: .writing)
        var header: [UInt8] = []
        header.appendLittleEndian(UInt32(0xA1B2_C3D4))  // magic: microsecond timestamps
        header.appendLittleEndian(UInt16(2))            // version 2.4
        header.appendLittleEndian(UInt16(4))
        header.appendLittleEndian(UInt32(0))            // time zone: UTC
        header.appendLittleEndian(UInt32(0))            // timestamp accuracy
        header.appendLittleEndian(UInt32(65_535))       // snap length
        header.appendLittleEndian(PcapWriter.linkTypeRaw)
        try handle.write(header)
        file = Mutex(handle)
    }

    deinit { close() }

    /// Appends one datagram.
    ///
    /// - Parameters:
    ///   - payload: the UDP payload.
    ///   - source: who sent it.
    ///   - destination: where it was going.
    ///   - dropped: the channel dropped it (written with TTL 0).
    /// The corresponding C call is `write(2)`.
    public func record(
        _ payload: [UInt8], from source: SocketAddress, to destination: SocketAddress, dropped: Bool
    ) {
        let id = identification.wrappingAdd(1, ordering: .relaxed).newValue
        let packet = PcapWriter.packet(
            payload, from: source, to: destination, ttl: dropped ? 0 : 64, identification: id)
        let now = SystemTime.wallClock()
        var record: [UInt8] = []
        record.appendLittleEndian(UInt32(now))
        record.appendLittleEndian(UInt32((now - Double(UInt32(now))) * 1_000_000))
        record.appendLittleEndian(UInt32(packet.count))
        record.appendLittleEndian(UInt32(packet.count))
        record += packet
        file.withLock { handle in
            // A capture is a debugging aid: a full disk must not stop the transfer.
            try? handle?.write(record)
        }
    }

    /// Closes the file. Safe to call more than once. (Every record is written at once, so
    /// a reader sees them all even before this.)
    /// The corresponding C call is `close(2)`.
    public func close() {
        file.withLock { $0 = nil }
    }

    /// Builds the IP and UDP headers around a payload. IPv4 gets a correct header checksum;
    /// the UDP checksum is 0, which IPv4 allows ("not computed").
    static func packet(
        _ payload: [UInt8], from source: SocketAddress, to destination: SocketAddress, ttl: UInt8,
        identification: UInt16
    ) -> [UInt8] {
        let udpLength = 8 + payload.count
        var udp: [UInt8] = []
        udp.appendBigEndian(source.port)
        udp.appendBigEndian(destination.port)
        udp.appendBigEndian(UInt16(truncatingIfNeeded: udpLength))
        udp.appendBigEndian(UInt16(0))
        let sourceIP = source.ipBytes
        let destinationIP = destination.ipBytes
        if sourceIP.count == 16 || destinationIP.count == 16 {
            var ip: [UInt8] = [0x60, 0, 0, 0]  // version 6, no traffic class or flow label
            ip.appendBigEndian(UInt16(truncatingIfNeeded: udpLength))
            ip += [17, ttl]                     // next header UDP, hop limit
            ip += sixteen(sourceIP) + sixteen(destinationIP)
            return ip + udp + payload
        }
        var ip: [UInt8] = [0x45, 0]             // version 4, 20-byte header, no TOS
        ip.appendBigEndian(UInt16(truncatingIfNeeded: 20 + udpLength))
        ip.appendBigEndian(identification)
        ip.appendBigEndian(UInt16(0x4000))      // don't fragment
        ip += [ttl, 17, 0, 0]                   // TTL, protocol UDP, checksum (below)
        ip += sourceIP + destinationIP
        let checksum = internetChecksum(ip)
        ip[10] = UInt8(checksum >> 8)
        ip[11] = UInt8(checksum & 0xFF)
        return ip + udp + payload
    }

    /// An IPv4 address as the IPv4-mapped IPv6 address ::ffff:a.b.c.d, for mixed records.
    private static func sixteen(_ bytes: [UInt8]) -> [UInt8] {
        bytes.count == 16 ? bytes : [UInt8](repeating: 0, count: 10) + [0xFF, 0xFF] + bytes
    }

    /// RFC 1071: the one's-complement sum of 16-bit words, complemented.
    static func internetChecksum(_ bytes: [UInt8]) -> UInt16 {
        var sum: UInt32 = 0
        var index = 0
        while index + 1 < bytes.count {
            sum += UInt32(bytes[index]) << 8 | UInt32(bytes[index + 1])
            index += 2
        }
        if index < bytes.count { sum += UInt32(bytes[index]) << 8 }
        while sum > 0xFFFF { sum = (sum & 0xFFFF) + (sum >> 16) }
        return ~UInt16(sum)
    }
}

extension [UInt8] {
    mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }

    mutating func appendBigEndian<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.bigEndian) { append(contentsOf: $0) }
    }
}
