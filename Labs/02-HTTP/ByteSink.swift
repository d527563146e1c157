import NetLabKit

/// Where the client's body bytes go: standard output or a file.
public final class ByteSink {
    private let file: OpenFile

    /// Standard output.
    public init() {
        file = .standardOutput
    }

    /// A file, created or truncated.
    /// - Throws: `FileError` naming the path if it cannot be opened.
    /// The corresponding C call is `open(2)`.
    public init(path: String) throws {
        file = try OpenFile(path, for: .writing)
    }

    /// Writes every byte. The corresponding C call is `write(2)`.
    public func write(_ bytes: ArraySlice<UInt8>) throws {
        try file.write(bytes)
    }
}
