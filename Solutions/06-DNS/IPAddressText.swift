import NetLabKit

/// Turning IP addresses between text and the bytes A and AAAA records carry. The work is
/// done by NetLabKit's `SocketAddress`, which already speaks both forms.
public enum IPAddressText {
    /// Parses `"192.0.2.1"` (4 bytes) or `"2001:db8::1"` (16 bytes); `nil` for anything else.
    public static func parse(_ text: String) -> [UInt8]? {
        try? SocketAddress(ip: text, port: 0).ipBytes
    }

    /// Formats 4 or 16 address bytes as text (IPv6 in its shortest form, as dig prints it).
    public static func format(_ bytes: [UInt8]) -> String {
        (try? SocketAddress(ipBytes: bytes, port: 0).ip) ?? bytes.map(String.init).joined(separator: ".")
    }
}
