import NetLabKit

/// HTTP header fields: an ordered list of name/value pairs whose names match without regard
/// to case (RFC 9110 §5.1).
///
/// Order is kept because it can matter (several `Set-Cookie` fields), and a name may appear
/// more than once. Lookups by name are case-insensitive: `headers["content-length"]` finds
/// `Content-Length`.
public struct HTTPHeaders: Sendable, Equatable, Sequence, CustomStringConvertible {
    /// One header field as it appeared on the wire (name without the colon, value trimmed).
    public struct Field: Sendable, Equatable {
        public var name: String
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    public private(set) var fields: [Field] = []

    public init() {}

    /// Makes headers from pairs, in order: `HTTPHeaders([("Host", "example.com")])`.
    public init(_ pairs: [(String, String)]) {
        fields = pairs.map { Field(name: $0.0, value: $0.1) }
    }

    /// The value of the first field with this name, or `nil`.
    public subscript(name: String) -> String? {
        fields.first { $0.name.equalsIgnoringCase(name) }?.value
    }

    /// Every value of the fields with this name, in order.
    public func values(_ name: String) -> [String] {
        fields.filter { $0.name.equalsIgnoringCase(name) }.map(\.value)
    }

    /// Whether a field with this name is present.
    public func contains(_ name: String) -> Bool {
        fields.contains { $0.name.equalsIgnoringCase(name) }
    }

    /// Adds a field at the end, keeping any others with the same name.
    public mutating func add(_ name: String, _ value: String) {
        fields.append(Field(name: name, value: value))
    }

    /// Replaces every field with this name by one field (added at the end if it was absent).
    public mutating func set(_ name: String, _ value: String) {
        if let index = fields.firstIndex(where: { $0.name.equalsIgnoringCase(name) }) {
            fields[index].value = value
            var seen = false
            fields.removeAll { field in
                guard field.name.equalsIgnoringCase(name) else { return false }
                defer { seen = true }
                return seen
            }
        } else {
            add(name, value)
        }
    }

    /// Removes every field with this name.
    public mutating func remove(_ name: String) {
        fields.removeAll { $0.name.equalsIgnoringCase(name) }
    }

    /// Whether a comma-separated header (such as `Connection: keep-alive, Upgrade`) lists
    /// `token`, ignoring case (RFC 9110 §5.6.1).
    public func hasToken(_ token: String, in name: String) -> Bool {
        values(name).contains { value in
            value.split(separator: ",").contains {
                String($0).trimmingSpaces().equalsIgnoringCase(token)
            }
        }
    }

    public var count: Int { fields.count }

    public func makeIterator() -> IndexingIterator<[Field]> { fields.makeIterator() }

    public var description: String {
        fields.map { "\($0.name): \($0.value)" }.joined(separator: "\n")
    }
}

/// An HTTP version such as `HTTP/1.1`.
public struct HTTPVersion: Sendable, Equatable, Comparable, CustomStringConvertible {
    public var major: Int
    public var minor: Int

    public init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }

    public static let http10 = HTTPVersion(major: 1, minor: 0)
    public static let http11 = HTTPVersion(major: 1, minor: 1)

    public var description: String { "HTTP/\(major).\(minor)" }

    public static func < (lhs: HTTPVersion, rhs: HTTPVersion) -> Bool {
        (lhs.major, lhs.minor) < (rhs.major, rhs.minor)
    }
}

extension String {
    /// ASCII case-insensitive comparison, which is what HTTP names and tokens use.
    func equalsIgnoringCase(_ other: String) -> Bool {
        let a = utf8, b = other.utf8
        guard a.count == b.count else { return false }
        return zip(a, b).allSatisfy { asciiLower($0) == asciiLower($1) }
    }

    /// The string without leading and trailing spaces and tabs (HTTP's OWS).
    func trimmingSpaces() -> String {
        let bytes = Array(utf8)
        var start = 0, end = bytes.count
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// The string with ASCII letters lower-cased.
    var asciiLowercased: String {
        String(decoding: utf8.map(asciiLower), as: UTF8.self)
    }
}

@inline(__always) func asciiLower(_ byte: UInt8) -> UInt8 {
    byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
}
