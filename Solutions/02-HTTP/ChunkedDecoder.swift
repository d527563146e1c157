import NetLabKit

/// Decodes a `Transfer-Encoding: chunked` body incrementally (RFC 9112 §7.1).
///
/// ```
/// 5\r\nhello\r\n      a chunk: size in hex, CRLF, that many bytes, CRLF
/// 0\r\n\r\n            the last chunk (size 0), optional trailer fields, a blank line
/// ```
///
/// Feed it bytes as they arrive; it returns the body bytes it could decode and how many
/// input bytes it used. Once `isFinished`, the bytes it did not use belong to whatever
/// follows on the connection.
public struct ChunkedDecoder: Sendable {
    private enum State: Sendable {
        case size, data(remaining: Int), dataEnd, trailer, finished
    }

    private var state = State.size
    private var line: [UInt8] = []
    private var trailerBytes = 0
    private var total = 0
    private let maxBodyBytes: Int

    /// - Parameter maxBodyBytes: the decoded size beyond which `feed` throws `.contentTooLarge`.
    public init(maxBodyBytes: Int = Int.max) {
        self.maxBodyBytes = maxBodyBytes
    }

    /// Whether the last chunk and the trailer section have been read.
    public var isFinished: Bool {
        if case .finished = state { return true }
        return false
    }

    /// Decodes as much of `input` as possible.
    ///
    /// - Returns: the decoded body bytes, and how many bytes of `input` were used (all of
    ///   them unless the body finished inside `input`).
    /// - Throws: `HTTPError.badRequest` for a malformed chunk, `.contentTooLarge` past the limit.
    public mutating func feed(_ input: ArraySlice<UInt8>) throws -> (data: [UInt8], used: Int) {
        try feedTyped(input)
    }

    mutating func feedTyped(_ input: ArraySlice<UInt8>) throws(HTTPError) -> (data: [UInt8], used: Int) {
        var output: [UInt8] = []
        var position = input.startIndex
        while position < input.endIndex {
            switch state {
            case .finished:
                return (output, position - input.startIndex)
            case .data(let remaining):
                let take = min(remaining, input.endIndex - position)
                output += input[position..<(position + take)]
                position += take
                state = remaining == take ? .dataEnd : .data(remaining: remaining - take)
            case .size, .dataEnd, .trailer:
                let byte = input[position]
                position += 1
                if byte != lf {
                    line.append(byte)
                    if line.count > 4_096 { throw .badRequest("chunk line too long") }
                    continue
                }
                if line.last == cr { line.removeLast() }
                try finishLine()
                line.removeAll(keepingCapacity: true)
            }
        }
        return (output, position - input.startIndex)
    }

    private mutating func finishLine() throws(HTTPError) {
        switch state {
        case .size:
            // chunk-size [ ";" chunk-ext ]
            let sizeText = line.prefix { $0 != UInt8(ascii: ";") }.filter { $0 != 0x20 && $0 != 0x09 }
            // Hex digits only: Int(_:radix:) would also take "-1" and "+5" (RFC 9112 §7.1).
            let isHexDigit = { (byte: UInt8) in
                (0x30...0x39).contains(byte) || (0x41...0x46).contains(byte) || (0x61...0x66).contains(byte)
            }
            guard !sizeText.isEmpty, sizeText.count <= 15, sizeText.allSatisfy(isHexDigit),
                let size = Int(String(decoding: sizeText, as: UTF8.self), radix: 16)
            else { throw .badRequest("invalid chunk size") }
            total += size
            if total > maxBodyBytes { throw .contentTooLarge }
            state = size == 0 ? .trailer : .data(remaining: size)
        case .dataEnd:
            guard line.isEmpty else { throw .badRequest("chunk data longer than its size") }
            state = .size
        case .trailer:
            trailerBytes += line.count + 2
            if trailerBytes > 16_384 { throw .headersTooLarge }
            if line.isEmpty { state = .finished }
        case .data, .finished:
            break
        }
    }
}
