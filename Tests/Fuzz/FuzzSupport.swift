// Shared by every harness in Tests/Fuzz/NN/ (linked into each one).

/// The input libFuzzer hands a harness, as the byte array NetLab's codecs take.
func fuzzBytes(_ data: UnsafePointer<UInt8>, _ size: Int) -> [UInt8] {
    Array(UnsafeBufferPointer(start: data, count: size))
}

/// Stops the run with a message when a property the harness checks does not hold. libFuzzer
/// sees the trap as a crash and saves the input that caused it.
func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError("fuzz property failed: \(String(message().prefix(600)))") }
}

/// Takes typed values off the front of the fuzzer's bytes, for harnesses that build a value
/// (a message, a segment) instead of parsing the bytes. Past the end it gives zeros.
struct FuzzReader {
    var bytes: [UInt8]
    var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { position >= bytes.count }

    mutating func byte() -> UInt8 {
        defer { position += 1 }
        return position < bytes.count ? bytes[position] : 0
    }

    mutating func integer<T: FixedWidthInteger>(_ type: T.Type = T.self) -> T {
        var value: T = 0
        for _ in 0..<MemoryLayout<T>.size { value = value << 8 | T(truncatingIfNeeded: byte()) }
        return value
    }

    /// Up to `limit` bytes (how many comes from the input too).
    mutating func bytes(upTo limit: Int) -> [UInt8] {
        let wanted = Int(byte()) % (limit + 1)
        guard position < bytes.count else { return [] }
        let count = min(wanted, bytes.count - position)
        defer { position += count }
        return Array(bytes[position..<position + count])
    }

    /// The rest of the input.
    mutating func rest() -> [UInt8] {
        defer { position = bytes.count }
        return position < bytes.count ? Array(bytes[position...]) : []
    }
}
