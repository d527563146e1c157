import NetLabKit

extension DHCPMessage {
    /// The smallest message BOOTP relays and old clients accept (RFC 951 §3): shorter
    /// messages are padded with zeros after the end option.
    public static let minimumLength = 300

    /// The message as bytes on the wire: the header, the magic cookie, each option as
    /// code, length, data (an option over 255 bytes is split in pieces, RFC 3396), then end
    /// (255), then zeros up to 300 bytes.
    public func encode() -> [UInt8] {
        // TODO: Part 1. The mirror of `decode`: the 236-byte header (chaddr zero-padded to 16
        // bytes, sname to 64, file to 128), the magic cookie, every option, end, padding.
        // `UInt32.bigEndianBytes` and `IPv4Address.bytes` give you four bytes.
        []
    }
}
