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
        // TODO: Read the request line (readLine). "GET name" or "TRACE name"; anything else gets
        //   "ERR bad request" (refuse). A name that resolve() rejects gets "ERR no such file
        //   'name'". Otherwise send "OK <size>\n" and the file, wait until it is acknowledged
        //   (waitUntilAcknowledged() without a timeout: under heavy loss that takes long, and the
        //   connection gives up by itself), send "END <retransmissions> <cwnd> <trace length>\n"
        //   and (for TRACE) the trace CSV, then close. The handout has the exact format.
        throw NotImplemented("FileServer.serve")
    }

    /// The file a request names, if it is a regular file inside the root (no `..`, no
    /// absolute paths, no symlinks that lead out).
    public func resolve(_ name: String) throws -> String? {
        // TODO: Return the canonical path of a regular file inside root, or nil. Refuse empty names,
        //   absolute names, ".." components; then LocalFile.canonical must still start with
        //   root + "/" (that catches symlinks leading out) and LocalFile.isRegularFile must hold.
        throw NotImplemented("FileServer.resolve")
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
