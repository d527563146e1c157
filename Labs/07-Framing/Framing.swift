/// The two ways this lab marks where one message ends and the next begins on a TCP stream.
///
/// TCP delivers bytes, not messages: one `send` of 1,000 bytes may arrive as 200, 500 and
/// 300. So every message goes out as a *frame*: a header that says how long the payload is,
/// then the payload. Given code: nothing to write here.
import NetLabKit

/// Which length header a frame has.
public enum Framing: String, Sendable, CaseIterable {
    /// Ten ASCII decimal digits, zero-padded: `0000000005hello`. Readable in a packet dump.
    case ascii
    /// Four bytes, an unsigned big-endian integer: `00 00 00 05 hello`. Compact and fast.
    case binary

    /// How many bytes the length header takes.
    public var headerSize: Int { self == .ascii ? 10 : 4 }

    /// The largest payload the header can describe at all.
    public var largestDescribable: Int { self == .ascii ? 9_999_999_999 : Int(UInt32.max) }

    /// Which framing a connection uses, told from its first byte. An ASCII digit (0x30–0x39)
    /// starts a 10-byte header; a binary header starting with 0x30 would announce at least
    /// 0x30000000 bytes (805 MB), far over any maximum frame size, so nothing is ambiguous.
    public static func detect(firstByte: UInt8) -> Framing {
        (0x30...0x39).contains(firstByte) ? .ascii : .binary
    }
}

/// What can be wrong with a frame.
public enum FramingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The header announces more than this side accepts. Nothing was allocated for it.
    case tooLarge(length: Int, maximum: Int)
    /// The header is not a length at all (a letter among the ASCII digits).
    case malformedHeader([UInt8])
    /// The stream ended in the middle of a frame.
    case truncated(buffered: Int)

    public var description: String {
        switch self {
        case .tooLarge(let length, let maximum): "frame of \(length) bytes is over the maximum of \(maximum)"
        case .malformedHeader(let bytes): "malformed frame header \(bytes)"
        case .truncated(let buffered): "the stream ended inside a frame (\(buffered) bytes of it had arrived)"
        }
    }
}

/// One decoded frame: its payload, and how many bytes of the input it took (header included).
public struct Frame: Equatable, Sendable {
    public let payload: [UInt8]
    public let consumed: Int

    public init(payload: [UInt8], consumed: Int) {
        self.payload = payload
        self.consumed = consumed
    }
}

/// A framing plus the largest frame this side accepts from its peer.
public struct FrameCodec: Sendable {
    /// 1 MiB: larger than any frame this lab sends, small enough that a lying peer costs little.
    public static let defaultMaximum = 1 << 20

    public let framing: Framing
    /// The largest payload `decode` accepts. `encode` is bounded only by the header itself.
    public let maximumFrameSize: Int

    public init(_ framing: Framing, maximumFrameSize: Int = FrameCodec.defaultMaximum) {
        self.framing = framing
        self.maximumFrameSize = maximumFrameSize
    }

    /// The header that announces a payload of `length` bytes.
    /// - Throws: `FramingError.tooLarge` if the header cannot describe that many.
    public func header(length: Int) throws -> [UInt8] {
        switch framing {
        case .ascii: try ASCIIFraming.header(length: length)
        case .binary: try BinaryFraming.header(length: length)
        }
    }

    /// The header and the payload in one array. (`FrameConnection.writeFrame` sends the two
    /// without joining them: for a 64 KiB payload, the join is a 64 KiB copy.)
    /// - Throws: `FramingError.tooLarge` if the header cannot describe the payload.
    public func encode(_ payload: [UInt8]) throws -> [UInt8] {
        try header(length: payload.count) + payload
    }

    /// The first whole frame at the start of `bytes`, or `nil` when more bytes are needed.
    /// - Throws: `FramingError` for a header that lies or is too large.
    public func decode(_ bytes: ArraySlice<UInt8>) throws -> Frame? {
        switch framing {
        case .ascii: try ASCIIFraming.decode(bytes, maximumFrameSize: maximumFrameSize)
        case .binary: try BinaryFraming.decode(bytes, maximumFrameSize: maximumFrameSize)
        }
    }
}
