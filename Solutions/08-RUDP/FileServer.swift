/// `lab08-rudp server`: answers each request (the protocol is in `FileServer+Accept.swift`).
import NetLabKit

// The server, its accept loop, `refuse` and `readLine` are given, in `FileServer+Accept.swift`.
extension FileServer {
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
        guard let path = try resolve(name) else {
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
    public func resolve(_ name: String) throws -> String? {
        guard !name.isEmpty, !name.contains("\0"), !name.hasPrefix("/"),
            !name.split(separator: "/").contains("..")
        else { return nil }
        guard let path = LocalFile.canonical(root + "/" + name), path.hasPrefix(root + "/"),
            LocalFile.isRegularFile(path)
        else { return nil }
        return path
    }
}
