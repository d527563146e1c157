import NetLabKit

// The message's fields are given, in `PingMessage+Fields.swift`; its error in
// `PingMessageError.swift`.
extension PingMessage {
    /// The datagram's bytes: `Ping 3 1732190000.125000`.
    ///
    /// TODO: build the text from `kind.rawValue`, `sequence` and `timestamp` (six decimals:
    /// `fixed(timestamp, decimals: 6)` from NetLabKit does that), then return its UTF-8 bytes.
    public func encode() -> [UInt8] {
        []
    }

    /// Parses a datagram.
    ///
    /// TODO: reject (throw `PingMessageError.malformed("why")`) anything that is empty,
    /// longer than `maximumLength`, not printable ASCII (bytes 0x20...0x7E), not exactly
    /// three words separated by single spaces, or has an unknown keyword (compare without
    /// case), a sequence that is not a whole number >= 0, or a timestamp that is not a
    /// finite number >= 0.
    public static func decode(_ bytes: [UInt8]) throws -> PingMessage {
        throw NotImplemented("PingMessage.decode")
    }
}
