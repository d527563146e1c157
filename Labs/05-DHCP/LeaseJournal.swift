import NetLabKit

/// The lease file: an append-only journal, one line per change, flushed to the disk
/// (`fsync`) before the server replies.
///
/// ```
/// lease 10.0.0.10 bound 1764681600.5 hw:020000000001
/// lease 10.0.0.10 released 1764681700.0 hw:020000000001
/// ```
///
/// A crash can cut only the last line short (everything before it was flushed), so a line
/// without its newline, or one that does not parse, is skipped. The last line about an
/// address wins. At start the journal is read and rewritten with one line per address
/// (compaction) into a temporary file that is renamed over the old one: a crash during
/// compaction leaves the old file or the new one, both whole.
public final class LeaseJournal: Sendable {
    public let path: String
    private let file: OpenFile

    private init(path: String, file: OpenFile) {
        self.path = path
        self.file = file
    }

    /// Reads the leases in `path` (none if it does not exist yet), compacts the file, and
    /// opens it for appending.
    ///
    /// - Returns: the journal, and the last known lease of each address.
    /// - Throws: `FileError` if the file cannot be read, rewritten or opened.
    public static func open(_ path: String) throws -> (LeaseJournal, [Lease]) {
        // TODO: Part 4. `FileSystem.info`, `FileSystem.readAll`, `parse`; then
        // `FileSystem.writeAtomically` one line per lease; then `OpenFile(path, for: .appending)`.
        throw NotImplemented("LeaseJournal.open")
    }

    /// Appends one lease and waits until it is on the disk.
    ///
    /// - Throws: `FileError` if the write or the flush fails.
    public func record(_ lease: Lease) throws {
        // TODO: Part 4. One `write` of the whole line, then `flushToDisk()`.
        throw NotImplemented("LeaseJournal.record")
    }

    /// One journal line, newline included.
    public static func line(_ lease: Lease) throws -> String {
        // TODO: Part 4. The format above: `lease ADDRESS STATE EXPIRES CLIENT` and a newline.
        throw NotImplemented("LeaseJournal.line")
    }

    /// Every complete, well-formed line; the last one about each address wins.
    ///
    /// - Returns: one lease per address, in address order.
    public static func parse(_ text: String) throws -> [Lease] {
        // TODO: Part 4. Only lines that end with a newline count. Skip a line with the
        // wrong number of fields, an unknown state, or a number that does not parse.
        throw NotImplemented("LeaseJournal.parse")
    }
}
