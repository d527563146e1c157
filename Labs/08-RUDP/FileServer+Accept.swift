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
///
/// This file is given: the server, its accept loop and two helpers. Answering a request is
/// `serve` and `resolve`, in `FileServer.swift`: you write them.
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

    /// Sends `ERR message` and closes the connection.
    func refuse(_ connection: RUDPConnection, _ message: String) throws {
        try connection.send(Array("ERR \(message)\n".utf8))
        try connection.close()
    }

    /// Reads up to a newline: at most 1 KiB, within 10 seconds.
    func readLine(from connection: RUDPConnection) throws -> String {
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
