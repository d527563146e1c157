import NetLabKit

extension DHCPMessage {
    /// The smallest message BOOTP relays and old clients accept (RFC 951 §3): shorter
    /// messages are padded with zeros after the end option.
    public static let minimumLength = 300

    /// The message as bytes on the wire: the header, the magic cookie, each option as
    /// code, length, data (an option over 255 bytes is split in pieces, RFC 3396), then end
    /// (255), then zeros up to 300 bytes.
    public func encode() -> [UInt8] {
        var bytes: [UInt8] = [op, htype, hlen, hops]
        bytes += xid.bigEndianBytes
        bytes += [UInt8(secs >> 8), UInt8(secs & 0xFF), UInt8(flags >> 8), UInt8(flags & 0xFF)]
        bytes += ciaddr.bytes + yiaddr.bytes + siaddr.bytes + giaddr.bytes
        bytes += padded(chaddr, to: 16)
        bytes += padded(sname, to: 64)
        bytes += padded(file, to: 128)
        bytes += DHCPMessage.magicCookie
        for option in options {
            var data = option.data[...]
            repeat {
                let piece = data.prefix(255)
                bytes += [option.code, UInt8(piece.count)] + piece
                data = data.dropFirst(piece.count)
            } while !data.isEmpty
        }
        bytes.append(DHCPOptionCode.end.rawValue)
        if bytes.count < DHCPMessage.minimumLength {
            bytes += [UInt8](repeating: 0, count: DHCPMessage.minimumLength - bytes.count)
        }
        return bytes
    }

    /// `field` cut or zero-padded to exactly `length` bytes.
    private func padded(_ field: [UInt8], to length: Int) -> [UInt8] {
        Array(field.prefix(length)) + [UInt8](repeating: 0, count: max(0, length - field.count))
    }
}
