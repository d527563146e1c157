/// One TCP connection to an SMTP server, line by line: commands out, replies in.
///
/// It knows nothing of the dialogue's order (that is `SMTPSession`'s job). It sends
/// commands, each ended by CRLF, several in one write when the server allows pipelining,
/// and reads one whole reply at a time with your `SMTPReplyParser`, waiting at most
/// `timeout` seconds for each (RFC 5321 §4.5.3.2 gives every command its own timeout).
///
/// With a transcript, it shows the dialogue the way swaks does, so you can compare:
///
/// ```
/// === Trying 127.0.0.1:2525...
/// === Connected to 127.0.0.1.
/// <-  220 netlab-sink ESMTP ready
///  -> EHLO localhost
/// <-  250-netlab-sink greets localhost
/// ```
import NetLabKit

public final class SMTPConnection {
    private let socket: TCPSocket
    private let timeout: Double
    private let transcript: (@Sendable (String) -> Void)?
    /// Bytes received but not yet part of a whole reply.
    private var buffer: [UInt8] = []
    /// Where `recv` puts what arrives: allocated once, not once per reply.
    private var chunk = [UInt8](repeating: 0, count: 16_384)
    /// The receive timeout the socket has now, so that it is set only when it changes.
    private var socketTimeout: Double?
    /// Bytes held back to go out with the next write (or before the next read).
    private var held: [UInt8] = []
    /// Set once the peer closed or a send failed: nothing more can go through.
    public private(set) var isBroken = false

    /// Connects to a server.
    ///
    /// - Parameters:
    ///   - address: the server.
    ///   - timeout: seconds to wait for the connection, and then for each reply.
    ///   - transcript: where to show the dialogue (`-v`), or `nil`.
    /// - Throws: `SMTPError.network` when nothing answers there.
    public init(
        to address: SocketAddress, timeout: Double, transcript: (@Sendable (String) -> Void)? = nil
    )
        throws
    {
        self.timeout = timeout
        self.transcript = transcript
        transcript?("=== Trying \(address)...")
        do {
            socket = try TCPSocket(connectingTo: address, timeout: timeout)
            try socket.setNoDelay()
            // A server that stops reading must not hang a send forever either.
            try socket.setSendTimeout(timeout)
        } catch {
            throw SMTPError.network("cannot connect to \(address): \(error)")
        }
        transcript?("=== Connected to \(address.ip).")
    }

    /// Sends commands in one write (one command, or a pipelined group, RFC 2920).
    ///
    /// - Parameters:
    ///   - commands: each without its CRLF.
    ///   - shown: what the transcript shows instead of each command (a masked password),
    ///     or `nil` to show the commands themselves.
    public func send(_ commands: [String], shown: [String]? = nil) throws {
        for line in shown ?? commands { transcript?(" -> \(line)") }
        try write(Array(commands.map { $0 + "\r\n" }.joined().utf8))
    }

    /// Sends the message after DATA, already dot-stuffed and ended by `.` CRLF.
    ///
    /// - Parameter holding: keep the bytes until the next `send` (or read), so that they go
    ///   out in one write with the commands that follow (RFC 2920: message content may start
    ///   a pipelined group). Use it only when you will send or read next.
    public func sendMessage(_ bytes: [UInt8], holding: Bool = false) throws {
        if let transcript {
            var start = 0
            for index in bytes.indices where bytes[index] == 0x0A {
                let end = index > start && bytes[index - 1] == 0x0D ? index - 1 : index
                transcript(" -> " + String(decoding: bytes[start..<end], as: UTF8.self))
                start = index + 1
            }
        }
        if holding {
            held += bytes
        } else {
            try write(bytes)
        }
    }

    /// Reads the next whole reply.
    ///
    /// - Parameters:
    ///   - state: the dialogue's state, for the error message.
    ///   - command: the command this reply answers, for the error message.
    /// - Throws: `SMTPError.timedOut` after `timeout` seconds without a whole reply,
    ///   `.connectionClosed` if the server hangs up first, `.malformedReply` for garbage.
    public func readReply(state: SMTPState, command: String) throws -> SMTPReply {
        if !held.isEmpty { try write([]) }  // a reply may only come once what it answers went out
        let deadline = SystemTime().now() + timeout
        var firstRead = true
        while true {
            if let reply = try SMTPReplyParser.decode(&buffer) {
                if let transcript {
                    for line in reply.encoded().split(separator: 0x0A) {
                        transcript("<-  " + String(decoding: line.dropLast(), as: UTF8.self))
                    }
                }
                return reply
            }
            let remaining = deadline - SystemTime().now()
            guard remaining > 0 else { throw SMTPError.timedOut(state: state, command: command, seconds: timeout) }
            // Between replies the socket keeps the whole timeout; only a reply that comes in
            // pieces needs a shorter wait for the rest (a setsockopt per reply adds up).
            let wait = firstRead ? timeout : remaining
            firstRead = false
            let count: Int
            do {
                if wait != socketTimeout {
                    try socket.setReceiveTimeout(wait)
                    socketTimeout = wait
                }
                count = try socket.receive(into: &chunk)
            } catch .timedOut {
                throw SMTPError.timedOut(state: state, command: command, seconds: timeout)
            } catch {
                isBroken = true
                throw SMTPError.connectionClosed(state: state, command: command)
            }
            if count == 0 {
                isBroken = true
                transcript?("*** Remote host closed connection unexpectedly.")
                throw SMTPError.connectionClosed(state: state, command: command)
            }
            buffer += chunk[..<count]
        }
    }

    /// Closes the connection.
    public func close() {
        socket.close()
        transcript?("=== Connection closed with remote host.")
    }

    private func write(_ bytes: [UInt8]) throws {
        let bytes = held.isEmpty ? bytes : held + bytes
        held = []
        do {
            try socket.sendAll(bytes)
        } catch {
            isBroken = true
            throw SMTPError.network("sending to the server failed: \(error)")
        }
    }
}
