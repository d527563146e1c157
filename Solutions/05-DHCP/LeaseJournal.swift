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
        var leases: [Lease] = []
        if FileSystem.info(path) != nil {
            leases = try parse(String(decoding: try FileSystem.readAll(path), as: UTF8.self))
        }
        try FileSystem.writeAtomically(Array(try leases.map(line).joined().utf8), to: path)
        return (LeaseJournal(path: path, file: try OpenFile(path, for: .appending)), leases)
    }

    /// Appends one lease and waits until it is on the disk.
    ///
    /// - Throws: `FileError` if the write or the flush fails.
    public func record(_ lease: Lease) throws {
        try file.write(Array(try LeaseJournal.line(lease).utf8))
        try file.flushToDisk()
    }

    /// One journal line, newline included.
    public static func line(_ lease: Lease) throws -> String {
        "lease \(lease.address) \(lease.state.rawValue) \(lease.expires) \(lease.client)\n"
    }

    /// Every complete, well-formed line; the last one about each address wins.
    ///
    /// - Returns: one lease per address, in address order.
    public static func parse(_ text: String) throws -> [Lease] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        lines.removeLast()  // After the last newline: empty, or a line a crash cut short.
        var latest: [IPv4Address: Lease] = [:]
        for line in lines {
            let fields = line.split(separator: " ")
            guard fields.count == 5, fields[0] == "lease", let address = IPv4Address(String(fields[1])),
                let state = Lease.State(rawValue: String(fields[2])), let expires = Double(fields[3]),
                expires.isFinite
            else { continue }
            latest[address] = Lease(
                address: address, client: ClientKey(String(fields[4])), state: state, expires: expires)
        }
        return latest.values.sorted { $0.address < $1.address }
    }
}
