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

/// The RFC 1035 §5.1 master file format, the way BIND and NSD read it:
///
/// ```
/// ; comments start with a semicolon
/// $ORIGIN example.test.          ; names without a final dot end in this one
/// $TTL 300                       ; the TTL of records that give none (RFC 2308 §4)
/// @        IN SOA ns1 admin (    ; @ is the origin; ( … ) lets a record span lines
///                 1              ; serial
///                 3600 600 86400 ; refresh, retry, expire
///                 60 )           ; minimum: how long a "no such name" may be cached
///          NS    ns1             ; a blank owner: the same owner as the record above
///          MX    10 mail
///          TXT   "hello world" "second string"
/// www      120 IN A 10.0.0.1     ; www.example.test.
///          AAAA  fd00::1
/// alias    CNAME www
/// ```
///
/// A record is `[OWNER] [TTL] [IN] TYPE DATA…` (TTL and IN in either order). A name with a
/// final dot is absolute; one without gets the origin appended (the root until a `$ORIGIN`,
/// so `www.example.test` alone means `www.example.test.`). Only class IN, and the types A,
/// AAAA, CNAME, NS, MX, TXT and SOA. `$INCLUDE` is not supported. An error names the line
/// its record starts on.
public enum ZoneFile {
    /// Parses zone-file text into records.
    ///
    /// - Parameters:
    ///   - origin: the origin until a `$ORIGIN` line (the root by default).
    ///   - defaultTTL: the TTL of records without one, until a `$TTL` line.
    /// - Throws: `ZoneFileError` naming the first bad line.
    public static func parse(
        _ text: String, origin: DNSName = .root, defaultTTL: UInt32 = 300
    ) throws(ZoneFileError) -> [ResourceRecord] {
        var records: [ResourceRecord] = []
        var origin = origin
        var ttl = defaultTTL
        var previousOwner: DNSName?
        for entry in try entries(of: text) {
            let number = entry.line
            var words = entry.words
            let first = words[0].uppercased()
            if first.hasPrefix("$") {
                switch first {
                case "$TTL":
                    guard words.count == 2, let value = timeToLive(words[1]) else {
                        throw ZoneFileError(line: number, message: "write $TTL <seconds>, such as $TTL 300")
                    }
                    ttl = value
                case "$ORIGIN":
                    guard words.count == 2, let name = name(words[1], origin: origin) else {
                        throw ZoneFileError(
                            line: number, message: "write $ORIGIN <name>, such as $ORIGIN example.test.")
                    }
                    origin = name
                case "$INCLUDE":
                    throw ZoneFileError(
                        line: number, message: "$INCLUDE is not supported: copy the included records into this file")
                default:
                    throw ZoneFileError(line: number, message: "unknown directive '\(words[0])' (use $ORIGIN or $TTL)")
                }
                continue
            }
            let owner: DNSName
            if entry.sameOwner {
                guard let previousOwner else {
                    throw ZoneFileError(
                        line: number,
                        message: "a line that starts with a space takes the owner of the record "
                            + "above it, and there is none: start the line with the owner's name")
                }
                owner = previousOwner
            } else {
                let word = words.removeFirst()
                guard let parsed = name(word, origin: origin) else {
                    throw ZoneFileError(line: number, message: "bad name '\(word)'")
                }
                owner = parsed
            }
            previousOwner = owner
            var recordTTL: UInt32?
            var sawClass = false
            // RFC 1035 §5.1: `[<TTL>] [<class>]` or `[<class>] [<TTL>]`.
            while let word = words.first {
                if recordTTL == nil, let value = timeToLive(word) {
                    recordTTL = value
                } else if !sawClass, word.uppercased() == "IN" {
                    sawClass = true
                } else if !sawClass, ["CH", "CS", "HS", "ANY", "NONE"].contains(word.uppercased()) {
                    throw ZoneFileError(line: number, message: "class \(word) is not supported: only IN")
                } else {
                    break
                }
                words.removeFirst()
            }
            guard let typeWord = words.first, let type = DNSRecordType(name: typeWord) else {
                let found = words.first.map { " '\($0)'" } ?? ""
                throw ZoneFileError(line: number, message: "missing or unknown record type\(found)")
            }
            words.removeFirst()
            guard supportedTypes.contains(type) else {
                throw ZoneFileError(
                    line: number, message: "\(type) records are not supported (A, AAAA, CNAME, NS, MX, TXT, SOA)")
            }
            guard let data = parseData(type: type, words, origin: origin) else {
                throw ZoneFileError(line: number, message: "bad \(type) data '\(words.joined(separator: " "))'")
            }
            records.append(ResourceRecord(name: owner, type: type, ttl: recordTTL ?? ttl, data: data))
        }
        return records
    }

    /// Reads and parses a zone file from disk.
    /// The corresponding C calls are `fopen(3)` and `fread(3)`.
    ///
    /// - Throws: `ZoneFileError` with line 0 if the file cannot be read.
    public static func load(
        path: String, origin: DNSName = .root, defaultTTL: UInt32 = 300
    ) throws(ZoneFileError) -> [ResourceRecord] {
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
        if ferror(file) != 0 {
            throw ZoneFileError(line: 0, message: "cannot read '\(path)': \(String(cString: strerror(errno)))")
        }
        return try parse(String(decoding: bytes, as: UTF8.self), origin: origin, defaultTTL: defaultTTL)
    }

    private static let supportedTypes: Set<DNSRecordType> = [.a, .aaaa, .cname, .ns, .mx, .txt, .soa]

    /// One record or directive: its words, with `( … )` already joined across lines.
    private struct Entry {
        /// Where it starts.
        let line: Int
        /// The line started with a space or tab: the owner is left out (RFC 1035 §5.1).
        let sameOwner: Bool
        var words: [String]
    }

    /// Splits the text into entries. `"quoted strings"` are one word (quotes kept), `;`
    /// outside quotes starts a comment, and inside parentheses a line break is just a space.
    private static func entries(of text: String) throws(ZoneFileError) -> [Entry] {
        var entries: [Entry] = []
        var current: Entry?
        var openedOn = 0  // the line of the open `(`, or 0 outside parentheses.
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            var words: [String] = []
            var word = ""
            var quoted = false
            var escaped = false
            func endWord() {
                if !word.isEmpty { words.append(word) }
                word = ""
            }
            for character in rawLine {
                if quoted {
                    word.append(character)
                    if escaped {
                        escaped = false
                    } else if character == "\\" {
                        escaped = true
                    } else if character == "\"" {
                        quoted = false
                    }
                } else if character == ";" {
                    break
                } else if character == " " || character == "\t" || character == "\r" {
                    endWord()
                } else if character == "(" {
                    endWord()
                    guard openedOn == 0 else { throw ZoneFileError(line: number, message: "'(' inside '( … )'") }
                    openedOn = number
                } else if character == ")" {
                    endWord()
                    guard openedOn != 0 else { throw ZoneFileError(line: number, message: "')' without '('") }
                    openedOn = 0
                } else {
                    if character == "\"" { quoted = true }
                    word.append(character)
                }
            }
            if quoted { throw ZoneFileError(line: number, message: "unterminated quoted string") }
            endWord()
            if var entry = current {
                entry.words += words
                current = entry
            } else if !words.isEmpty {
                let first = rawLine.first
                current = Entry(line: number, sameOwner: first == " " || first == "\t", words: words)
            }
            if openedOn == 0, let entry = current {
                entries.append(entry)
                current = nil
            }
        }
        if openedOn != 0 { throw ZoneFileError(line: openedOn, message: "'(' is never closed by ')'") }
        return entries
    }

    /// A name as the zone file writes it: `@` is the origin, a name with a final dot is
    /// absolute, any other gets the origin appended.
    private static func name(_ word: String, origin: DNSName) -> DNSName? {
        if word == "@" { return origin }
        guard let parsed = DNSName(word) else { return nil }
        if word.hasSuffix(".") { return parsed }
        let joined = DNSName(checkedLabels: parsed.labels + origin.labels)
        return joined.wireLength <= DNSName.maximumWireLength ? joined : nil
    }

    /// A TTL in seconds, at most 2^31 - 1 (RFC 2181 §8).
    private static func timeToLive(_ word: String) -> UInt32? {
        guard let value = UInt32(word), value <= 0x7FFF_FFFF else { return nil }
        return value
    }

    private static func parseData(type: DNSRecordType, _ words: [String], origin: DNSName) -> RecordData? {
        switch type {
        case .a, .aaaa:
            guard words.count == 1, let bytes = IPAddressText.parse(words[0]), bytes.count == (type == .a ? 4 : 16)
            else { return nil }
            return type == .a ? .a(bytes) : .aaaa(bytes)
        case .cname, .ns:
            guard words.count == 1, let target = name(words[0], origin: origin) else { return nil }
            return type == .cname ? .cname(target) : .ns(target)
        case .mx:
            guard words.count == 2, let preference = UInt16(words[0]), let exchange = name(words[1], origin: origin)
            else { return nil }
            return .mx(preference: preference, exchange: exchange)
        case .txt:
            // A character-string holds at most 255 bytes (RFC 1035 §3.3): refuse a longer one
            // rather than let the encoder split it into two strings nobody wrote.
            let strings = words.map(unquote)
            guard !strings.isEmpty, strings.allSatisfy({ $0.count <= 255 }) else { return nil }
            return .txt(strings)
        case .soa:
            guard words.count == 7, let primary = name(words[0], origin: origin),
                let mailbox = name(words[1], origin: origin)
            else { return nil }
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
            if escaped {
                bytes.append(byte); escaped = false
            } else if byte == UInt8(ascii: "\\") {
                escaped = true
            } else {
                bytes.append(byte)
            }
        }
        return bytes
    }
}
