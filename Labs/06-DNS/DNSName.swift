/// A domain name as DNS carries it: a list of labels, each 1 to 63 bytes.
///
/// Names compare and hash without regard to ASCII case (RFC 1035 §2.3.3: "Name servers and
/// resolvers must compare [labels] in a case-insensitive manner"), but keep the case they
/// were written in, so an answer echoes the question exactly as it was asked.
public struct DNSName: Hashable, Sendable, CustomStringConvertible {
    /// The labels, most specific first: `www.example.com` is `["www", "example", "com"]`.
    /// The root name has no labels.
    public let labels: [[UInt8]]

    /// The longest label: RFC 1035 §2.3.4.
    public static let maximumLabelLength = 63
    /// The longest name on the wire, length bytes and final zero included: RFC 1035 §2.3.4.
    public static let maximumWireLength = 255

    /// The root name, `.`.
    public static let root = DNSName(checkedLabels: [])

    /// Builds a name from labels that the caller has already checked.
    init(checkedLabels: [[UInt8]]) {
        labels = checkedLabels
    }

    /// Parses a name written as text: `"www.example.com"` or `"www.example.com."`.
    ///
    /// Returns `nil` if a label is empty (`"a..b"`) or longer than 63 bytes, or the whole
    /// name would take more than 255 bytes on the wire. `"."` is the root.
    public init?(_ text: String) {
        var text = Substring(text)
        if text == "." { self = .root; return }
        if text.hasSuffix(".") { text = text.dropLast() }
        guard !text.isEmpty else { return nil }
        var labels: [[UInt8]] = []
        for part in text.split(separator: ".", omittingEmptySubsequences: false) {
            let bytes = Array(part.utf8)
            guard !bytes.isEmpty, bytes.count <= DNSName.maximumLabelLength else { return nil }
            labels.append(bytes)
        }
        self.init(checkedLabels: labels)
        guard wireLength <= DNSName.maximumWireLength else { return nil }
    }

    /// How many bytes the name takes uncompressed: one length byte per label, the labels,
    /// and the root's zero byte.
    public var wireLength: Int {
        labels.reduce(1) { $0 + 1 + $1.count }
    }

    /// The name with a trailing dot, as dig prints it: `www.example.com.`, or `.` for the root.
    public var description: String {
        if labels.isEmpty { return "." }
        return labels.map(DNSName.escape).joined(separator: ".") + "."
    }

    /// True if this name is `other` or lies below it (`a.b.example` is under `example`).
    public func isSubdomain(of other: DNSName) -> Bool {
        guard labels.count >= other.labels.count else { return false }
        return DNSName(checkedLabels: Array(labels.suffix(other.labels.count))) == other
    }

    /// The name with its first label removed (`www.example.com` → `example.com`), or `nil`
    /// for the root.
    public var parent: DNSName? {
        labels.isEmpty ? nil : DNSName(checkedLabels: Array(labels.dropFirst()))
    }

    /// The labels in lower case: what equality and hashing use.
    var canonicalLabels: [[UInt8]] {
        labels.map { $0.map(DNSName.lowercase) }
    }

    public static func == (lhs: DNSName, rhs: DNSName) -> Bool {
        guard lhs.labels.count == rhs.labels.count else { return false }
        for (left, right) in zip(lhs.labels, rhs.labels) {
            guard left.count == right.count else { return false }
            for (a, b) in zip(left, right) where lowercase(a) != lowercase(b) { return false }
        }
        return true
    }

    public func hash(into hasher: inout Hasher) {
        for label in labels {
            hasher.combine(label.count)
            for byte in label { hasher.combine(DNSName.lowercase(byte)) }
        }
    }

    static func lowercase(_ byte: UInt8) -> UInt8 {
        (byte >= 65 && byte <= 90) ? byte + 32 : byte
    }

    /// Writes a label as dig does: dots and backslashes escaped, unprintable bytes as `\DDD`.
    static func escape(_ label: [UInt8]) -> String {
        var text = ""
        for byte in label {
            switch byte {
            case UInt8(ascii: "."), UInt8(ascii: "\\"), UInt8(ascii: "\""), UInt8(ascii: ";"),
                UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "@"), UInt8(ascii: "$"):
                text += "\\" + String(UnicodeScalar(byte))
            case 33...126:
                text.append(Character(UnicodeScalar(byte)))
            default:
                let digits = String(byte)
                text += "\\" + String(repeating: "0", count: 3 - digits.count) + digits
            }
        }
        return text
    }
}
