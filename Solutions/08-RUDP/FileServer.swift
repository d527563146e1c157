/// `lab08-rudp server`: serves the files under a folder to any number of clients at once.
///
/// The protocol on top of the RUDP stream, one request per connection:
///
/// ```
/// client: GET notes.txt\n          (or TRACE notes.txt\n to get the server's cwnd trace too)
/// server: OK 1234\n                then exactly 1234 bytes of the file,
///         END 3 17.5 0\n           retransmissions, final cwnd, length of the trace CSV,
///         <the trace CSV>          then FIN
///     or: ERR no such file 'notes.txt'\n, then FIN
/// ```
///
/// The sender is where congestion control happens, so the server reports its own
/// retransmissions and window to the client.
import NetLabKit
import NetLabSystem

public final class FileServer: Sendable {
    public let listener: RUDPListener
    public let root: String

    /// - Parameters:
    ///   - listener: a bound listener (give it `options.recordsTrace = true` to answer TRACE).
    ///   - root: the folder to serve; nothing outside it is ever sent.
    /// - Throws: `FileTransferError.localFile` if the folder does not exist.
    public init(listener: RUDPListener, root: String) throws {
        guard let canonical = LocalFile.canonical(root) else { throw FileTransferError.localFile(root, ENOENT) }
        self.listener = listener
        self.root = canonical
    }

    /// Accepts clients until the listener closes, each on a thread of its own.
    public func run() throws {
        while true {
            let connection = try listener.accept()
            startThread { [self] in
                do {
                    try serve(connection)
                } catch {
                    Console.error("\(connection.peer): \(error)")
                    try? connection.close()
                }
            }
        }
    }

    /// Answers one client, then closes the connection.
    ///
    /// - Throws: the connection's errors; `run` logs them and closes the connection.
    public func serve(_ connection: RUDPConnection) throws {
        let request = try readLine(from: connection)
        let parts = request.split(separator: " ", maxSplits: 1).map(String.init)
        guard parts.count == 2, parts[0] == "GET" || parts[0] == "TRACE" else {
            try refuse(connection, "bad request; send GET <name>")
            return
        }
        let name = parts[1]
        let who = connection.peer.description
        guard let path = resolve(name) else {
            Console.error("\(who): no such file '\(name)'")
            try refuse(connection, "no such file '\(name)'")
            return
        }
        let bytes = try LocalFile.read(path)
        try connection.send(Array("OK \(bytes.count)\n".utf8))
        try connection.send(bytes)
        // Report the sender's statistics once every byte has arrived. No deadline of our own:
        // under heavy loss that may take long, and the connection fails by itself once its
        // retry budget runs out (then this throws).
        _ = try connection.waitUntilAcknowledged()
        let stats = connection.stats
        let csv = parts[0] == "TRACE" ? Array((connection.trace?.csv ?? "").utf8) : []
        try connection.send(
            Array("END \(stats.retransmissions) \(fixed(stats.cwnd, decimals: 3)) \(csv.count)\n".utf8) + csv)
        try connection.close()
        Console.error(
            "\(who): sent \(name), \(bytes.count) bytes, \(stats.retransmissions) retransmissions, final cwnd "
                + "\(fixed(stats.cwnd, decimals: 1))"
        )
    }

    /// The file a request names, if it is a regular file inside the root (no `..`, no
    /// absolute paths, no symlinks that lead out).
    public func resolve(_ name: String) -> String? {
        guard !name.isEmpty, !name.contains("\0"), !name.hasPrefix("/"),
            !name.split(separator: "/").contains("..")
        else { return nil }
        guard let path = LocalFile.canonical(root + "/" + name), path.hasPrefix(root + "/"),
            LocalFile.isRegularFile(path)
        else { return nil }
        return path
    }

    private func refuse(_ connection: RUDPConnection, _ message: String) throws {
        try connection.send(Array("ERR \(message)\n".utf8))
        try connection.close()
    }

    /// Reads up to a newline: at most 1 KiB, within 10 seconds.
    private func readLine(from connection: RUDPConnection) throws -> String {
        var line: [UInt8] = []
        while !line.contains(10) && line.count < 1024 {
            let chunk = try connection.receive(maximumLength: 1024 - line.count, timeout: 10)
            if chunk.isEmpty { break }
            line += chunk
        }
        let text = line.split(separator: 10, maxSplits: 1, omittingEmptySubsequences: false).first ?? []
        return String(decoding: text, as: UTF8.self)
    }
}
