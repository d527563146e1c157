import NetLabKit
import NetLabSystem

/// A mistake in a zone file, with its line number.
public struct ZoneFileError: Error, Hashable, Sendable, CustomStringConvertible {
    public let line: Int
    public let message: String

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { line > 0 ? "zone file line \(line): \(message)" : "zone file: \(message)" }
}

/// A small subset of the RFC 1035 §5 master file format, one record per line:
///
/// ```
/// ; comments start with a semicolon
/// $TTL 300
/// example.test.        IN SOA ns1.example.test. admin.example.test. 1 3600 600 86400 60
/// www.example.test.    300 IN A     10.0.0.1
/// www.example.test.    AAAA  fd00::1
/// example.test.        MX    10 mail.example.test.
/// example.test.        TXT   "hello world" "second string"
/// alias.example.test.  CNAME www.example.test.
/// example.test.        NS    ns1.example.test.
/// ```
///
/// Each line is `NAME [TTL] [IN] TYPE DATA…`. Every name is absolute (a missing final dot is
/// added); there is no `$ORIGIN`, `@` or multi-line `( … )`.
public enum ZoneFile {
    /// Parses zone-file text into records.
    ///
    /// - Parameter defaultTTL: the TTL of lines without one (until a `$TTL` line).
    /// - Throws: `ZoneFileError` naming the first bad line.
    public static func parse(_ text: String, defaultTTL: UInt32 = 300) throws(ZoneFileError) -> [ResourceRecord] {
        var records: [ResourceRecord] = []
        var ttl = defaultTTL
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            var words = try tokens(of: String(rawLine), line: number)
            guard !words.isEmpty else { continue }
            if words[0].uppercased() == "$TTL" {
                guard words.count == 2, let value = UInt32(words[1]) else {
                    throw ZoneFileError(line: number, message: "write $TTL <seconds>")
                }
                ttl = value
                continue
            }
            guard let name = DNSName(words.removeFirst()) else {
                throw ZoneFileError(line: number, message: "bad name")
            }
            var recordTTL = ttl
            if let first = words.first, let value = UInt32(first) {
                recordTTL = value
                words.removeFirst()
            }
            if words.first?.uppercased() == "IN" { words.removeFirst() }
            guard let typeWord = words.first, let type = DNSRecordType(name: typeWord) else {
                throw ZoneFileError(line: number, message: "missing or unknown record type")
            }
            words.removeFirst()
            guard let data = parseData(type: type, words) else {
                throw ZoneFileError(line: number, message: "bad \(type) data '\(words.joined(separator: " "))'")
            }
            records.append(ResourceRecord(name: name, type: type, ttl: recordTTL, data: data))
        }
        return records
    }

    /// Reads and parses a zone file from disk.
    /// The corresponding C calls are `fopen(3)` and `fread(3)`.
    public static func load(path: String, defaultTTL: UInt32 = 300) throws(ZoneFileError) -> [ResourceRecord] {
        guard let file = fopen(path, "r") else {
            throw ZoneFileError(line: 0, message: "cannot open '\(path)': \(String(cString: strerror(errno)))")
        }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = fread(&chunk, 1, chunk.count, file)
            if count <= 0 { break }
            bytes += chunk[0..<count]
            if bytes.count > 16 << 20 { throw ZoneFileError(line: 0, message: "'\(path)' is over 16 MiB") }
        }
        return try parse(String(decoding: bytes, as: UTF8.self), defaultTTL: defaultTTL)
    }

    /// Splits a line into words; `"quoted strings"` are one word (quotes kept), and `;`
    /// outside quotes starts a comment.
    private static func tokens(of line: String, line number: Int) throws(ZoneFileError) -> [String] {
        var words: [String] = []
        var current = ""
        var quoted = false
        var escaped = false
        for character in line {
            if quoted {
                current.append(character)
                if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "\"" { quoted = false }
            } else if character == ";" {
                break
            } else if character == " " || character == "\t" || character == "\r" {
                if !current.isEmpty { words.append(current); current = "" }
            } else {
                if character == "\"" { quoted = true }
                current.append(character)
            }
        }
        if quoted { throw ZoneFileError(line: number, message: "unterminated quoted string") }
        if !current.isEmpty { words.append(current) }
        return words
    }

    private static func parseData(type: DNSRecordType, _ words: [String]) -> RecordData? {
        switch type {
        case .a, .aaaa:
            guard words.count == 1, let bytes = IPAddressText.parse(words[0]), bytes.count == (type == .a ? 4 : 16) else {
                return nil
            }
            return type == .a ? .a(bytes) : .aaaa(bytes)
        case .cname, .ns:
            guard words.count == 1, let target = DNSName(words[0]) else { return nil }
            return type == .cname ? .cname(target) : .ns(target)
        case .mx:
            guard words.count == 2, let preference = UInt16(words[0]), let exchange = DNSName(words[1]) else { return nil }
            return .mx(preference: preference, exchange: exchange)
        case .txt:
            guard !words.isEmpty else { return nil }
            return .txt(words.map(unquote))
        case .soa:
            guard words.count == 7, let primary = DNSName(words[0]), let mailbox = DNSName(words[1]) else { return nil }
            let numbers = words[2...].compactMap { UInt32($0) }
            guard numbers.count == 5 else { return nil }
            return .soa(
                SOAData(
                    primary: primary, mailbox: mailbox, serial: numbers[0], refresh: numbers[1], retry: numbers[2],
                    expire: numbers[3], minimum: numbers[4]))
        default:
            return nil
        }
    }

    /// `"a \"b\""` → `a "b"`; an unquoted word stays as it is.
    private static func unquote(_ word: String) -> [UInt8] {
        guard word.hasPrefix("\""), word.hasSuffix("\""), word.count >= 2 else { return Array(word.utf8) }
        var bytes: [UInt8] = []
        var escaped = false
        for byte in word.utf8.dropFirst().dropLast() {
            if escaped { bytes.append(byte); escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else { bytes.append(byte) }
        }
        return bytes
    }
}
