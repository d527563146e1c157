/// The bytes of each relay frame's payload (the framing header goes in front of them).
///
///     STATUS 200   01  00 c8  <length: 8 bytes, big-endian>  <content type, UTF-8>
///     STATUS other 01  <code: 2 bytes>  <reason, UTF-8>
///     DATA         02  <1 to 65,535 body bytes>
///     END          03  <total body bytes: 8 bytes, big-endian>
///     ERROR        04  <code: 2 bytes>  <reason, UTF-8>
extension RelayFrame {
    public func encode() throws -> [UInt8] {
        switch self {
        case .ok(let length, let contentType):
            [Kind.status.rawValue] + bytes(UInt64(RelayStatus.ok), 2) + bytes(length ?? Self.unknownLength, 8)
                + Array(contentType.utf8)
        case .refused(let refusal):
            [Kind.status.rawValue] + bytes(UInt64(refusal.code), 2) + Array(refusal.reason.utf8)
        case .data(let bytes):
            [Kind.data.rawValue] + bytes
        case .end(let total):
            [Kind.end.rawValue] + bytes(total, 8)
        case .failed(let refusal):
            [Kind.error.rawValue] + bytes(UInt64(refusal.code), 2) + Array(refusal.reason.utf8)
        }
    }

    /// - Throws: `RelayClientError.protocolViolation` for an unknown kind or a short frame.
    public static func decode(_ payload: [UInt8]) throws -> RelayFrame {
        guard let first = payload.first, let kind = Kind(rawValue: first) else {
            throw RelayClientError.protocolViolation("unknown frame kind \(payload.first.map { "\($0)" } ?? "(empty)")")
        }
        let rest = payload.dropFirst()
        switch kind {
        case .status, .error:
            guard rest.count >= 2 else {
                throw RelayClientError.protocolViolation("a status frame of \(payload.count) bytes")
            }
            let code = UInt16(number(rest.prefix(2)))
            if kind == .status && code == RelayStatus.ok {
                guard rest.count >= 10 else {
                    throw RelayClientError.protocolViolation("an OK frame without its length")
                }
                let length = number(rest.dropFirst(2).prefix(8))
                let type = String(decoding: rest.dropFirst(10), as: UTF8.self)
                return .ok(length: length == unknownLength ? nil : length, contentType: type)
            }
            let refusal = RelayRefusal(code, String(decoding: rest.dropFirst(2), as: UTF8.self))
            return kind == .status ? .refused(refusal) : .failed(refusal)
        case .data:
            guard !rest.isEmpty, rest.count <= largestData else {
                throw RelayClientError.protocolViolation("a DATA frame of \(rest.count) body bytes")
            }
            return .data(Array(rest))
        case .end:
            guard rest.count == 8 else {
                throw RelayClientError.protocolViolation("an END frame of \(payload.count) bytes")
            }
            return .end(total: number(rest))
        }
    }
}
