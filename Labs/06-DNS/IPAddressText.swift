import NetLabKit

/// Turning IP addresses between text and the bytes A and AAAA records carry.
public enum IPAddressText {
    /// Parses `"192.0.2.1"` (4 bytes) or `"2001:db8::1"` (16 bytes); `nil` for anything else.
    /// The corresponding C call is `inet_pton(3)`.
    public static func parse(_ text: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 { return withUnsafeBytes(of: &v6) { Array($0) } }
        return nil
    }

    /// Formats 4 or 16 address bytes as text (IPv6 in its shortest form, as dig prints it).
    /// The corresponding C call is `inet_ntop(3)`.
    public static func format(_ bytes: [UInt8]) -> String {
        guard bytes.count == 4 || bytes.count == 16 else { return bytes.map(String.init).joined(separator: ".") }
        let family = bytes.count == 4 ? AF_INET : AF_INET6
        var buffer = [CChar](repeating: 0, count: 64)
        bytes.withUnsafeBytes { raw in
            _ = inet_ntop(family, raw.baseAddress, &buffer, socklen_t(buffer.count))
        }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
