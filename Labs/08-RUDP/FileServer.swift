/// `lab08-rudp server`: answers each request (the protocol is in `FileServer+Accept.swift`).
import NetLabKit

// The server, its accept loop, `refuse` and `readLine` are given, in `FileServer+Accept.swift`.
extension FileServer {
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
}
