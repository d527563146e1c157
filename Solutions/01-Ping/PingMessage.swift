import NetLabKit

// The message's fields are given, in `PingMessage+Fields.swift`; its error in
// `PingMessageError.swift`.
extension PingMessage {
    /// The datagram's bytes: `Ping 3 1732190000.125000` (six decimals, like Python's
    /// `time.time()` prints).
    public func encode() -> [UInt8] {
        Array("\(kind.rawValue) \(sequence) \(fixed(timestamp, decimals: 6))".utf8)
    }

    /// Parses a datagram.
    ///
    /// - Parameter bytes: the whole datagram.
    /// - Returns: the message.
    /// - Throws: `PingMessageError` saying what is wrong: too long, not ASCII text, not
    ///   three words, an unknown keyword, or a bad sequence number or timestamp.
    public static func decode(_ bytes: [UInt8]) throws -> PingMessage {
        guard !bytes.isEmpty else { throw PingMessageError.malformed("empty datagram") }
        guard bytes.count <= maximumLength else {
            throw PingMessageError.malformed("\(bytes.count) bytes is longer than a ping message can be")
        }
        guard bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else {
            throw PingMessageError.malformed("not printable ASCII text")
        }
        let words = String(decoding: bytes, as: UTF8.self).split(separator: " ", omittingEmptySubsequences: false)
        guard words.count == 3 else {
            throw PingMessageError.malformed("expected 3 words, found \(words.count)")
        }
        let keyword = words[0].lowercased()
        guard let kind = [Kind.ping, .heartbeat].first(where: { $0.rawValue.lowercased() == keyword }) else {
            throw PingMessageError.malformed("unknown keyword '\(words[0])'")
        }
        guard let sequence = Int(words[1]), sequence >= 0 else {
            throw PingMessageError.malformed("'\(words[1])' is not a sequence number")
        }
        guard let timestamp = Double(words[2]), timestamp.isFinite, timestamp >= 0 else {
            throw PingMessageError.malformed("'\(words[2])' is not a timestamp")
        }
        return PingMessage(kind: kind, sequence: sequence, timestamp: timestamp)
    }
}
