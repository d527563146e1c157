/// An IPv4 address as DHCP carries it: four bytes, most significant first.
///
/// DHCP does arithmetic on addresses (a pool is a range, the next free address is one up),
/// so the address is a `UInt32` inside, and `10.0.0.1` is `0x0A00_0001`.
public struct IPv4Address: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var value: UInt32

    /// `0.0.0.0`: "no address", as in a client's `ciaddr` before it has one.
    public static let zero = IPv4Address(0)
    /// `255.255.255.255`: the limited broadcast address (RFC 2131 §4.1).
    public static let broadcast = IPv4Address(0xFFFF_FFFF)

    public init(_ value: UInt32) { self.value = value }

    /// Four bytes in network order.
    public init?(bytes: some Collection<UInt8>) {
        guard bytes.count == 4 else { return nil }
        value = bytes.reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// Parses dotted-quad text such as `"10.0.0.1"`, or gives `nil`.
    public init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var value: UInt32 = 0
        for part in parts {
            guard part.count <= 3, let byte = UInt8(part) else { return nil }
            value = value << 8 | UInt32(byte)
        }
        self.value = value
    }

    /// The four bytes, most significant first.
    public var bytes: [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    public var description: String { bytes.map(String.init).joined(separator: ".") }

    public static func < (lhs: IPv4Address, rhs: IPv4Address) -> Bool { lhs.value < rhs.value }
}

/// A hardware (MAC) address: the `chaddr` a client sends, `02:00:00:00:00:01` as text.
public struct HardwareAddress: Hashable, Sendable, CustomStringConvertible {
    public var bytes: [UInt8]

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Parses six hexadecimal bytes separated by colons (or dashes), or gives `nil`.
    public init?(_ text: String) {
        let parts = text.split(whereSeparator: { $0 == ":" || $0 == "-" })
        guard parts.count == 6, parts.allSatisfy({ $0.count == 2 }) else { return nil }
        var bytes: [UInt8] = []
        for part in parts {
            guard let byte = UInt8(part, radix: 16) else { return nil }
            bytes.append(byte)
        }
        self.bytes = bytes
    }

    public var description: String { hex(bytes, separator: ":") }
}

/// Bytes as lowercase hexadecimal, such as `"02:00:5e"` with `":"` between them.
public func hex(_ bytes: some Sequence<UInt8>, separator: String = "") -> String {
    let digits = Array("0123456789abcdef")
    return bytes.map { String([digits[Int($0 >> 4)], digits[Int($0 & 0xF)]]) }.joined(separator: separator)
}
