/// The sink's side of one SMTP dialogue (RFC 5321 §4.1 and §4.3.2).
///
/// It reads one command line at a time and answers each with a reply. Replies wait in
/// `pending` until no further command has already arrived, so a client that pipelines
/// (RFC 2920) gets all its answers in one write, and one that does not gets each at once.
import NetLabKit

final class SinkSession {
    let sink: SMTPSink
    private let socket: TCPSocket
    var configuration: SinkConfiguration { sink.configuration }
    var reader: SinkLineReader
    private var pending: [UInt8] = []

    /// Where the dialogue is: said hello yet? logged in? which envelope so far?
    var greeted = false
    var authenticated = false
    var sender: String?
    private var recipients: [String] = []
    private var badCommands = 0

    init(sink: SMTPSink, socket: TCPSocket) {
        self.sink = sink
        self.socket = socket
        reader = SinkLineReader(socket: socket, timeout: sink.configuration.idleTimeout)
    }

    /// Talks to the client until it says QUIT, hangs up, breaks the rules too often or is
    /// silent too long.
    func run() {
        reply(220, "\(configuration.hostname) ESMTP NetLab mail sink ready")
        do {
            while true {
                try flushIfCaughtUp()
                guard let line = try reader.readLine(limit: 512) else { return }  // RFC 5321 §4.5.3.1.4
                guard try handle(String(decoding: line, as: UTF8.self)) else { break }
            }
            try flush()
        } catch SinkLineReader.Failure.lineTooLong {
            reply(500, "5.5.6 Line too long (the limit is 512 octets)")
            try? flush()
        } catch SinkLineReader.Failure.timedOut {
            reply(421, "4.4.2 \(configuration.hostname) Idle for too long, closing")
            try? flush()
        } catch {
            // The client hung up or the connection broke: nothing left to say to anyone.
        }
    }

    /// Answers one command line. Returns `false` when the connection should close.
    private func handle(_ line: String) throws -> Bool {
        let verb = String(line.prefix { $0 != " " }).uppercased()
        let argument = String(line.dropFirst(verb.count).drop { $0 == " " })
        switch verb {
        case "EHLO", "HELO":
            guard !argument.isEmpty else { return refuse(501, "5.5.4 Say \(verb) and your host name") }
            greeted = true
            resetTransaction()
            if verb == "HELO" {
                reply(250, "\(configuration.hostname) greets \(argument)")
            } else {
                var lines = ["\(configuration.hostname) greets \(argument)", "SIZE \(configuration.maximumSize)"]
                lines += ["8BITMIME", "PIPELINING", "ENHANCEDSTATUSCODES"]
                if configuration.credentials != nil { lines.append("AUTH PLAIN LOGIN") }
                reply(SMTPReply(code: 250, lines: lines))
            }
        case "AUTH": try authenticate(argument)
        case "MAIL": mail(argument)
        case "RCPT": recipient(argument)
        case "DATA": try data()
        case "RSET":
            resetTransaction()
            reply(250, "2.0.0 Reset")
        case "NOOP": reply(250, "2.0.0 OK")
        case "VRFY": reply(252, "2.5.2 Cannot verify the user, but will take the message")
        case "HELP": reply(214, "2.0.0 Commands: EHLO HELO AUTH MAIL RCPT DATA RSET NOOP VRFY QUIT")
        case "STARTTLS": return refuse(502, "5.5.1 No TLS here: this sink speaks plain SMTP only")
        case "QUIT":
            reply(221, "2.0.0 \(configuration.hostname) Bye")
            return false
        default: return refuse(500, "5.5.2 Command not recognized: \(verb.prefix(20))")
        }
        return true
    }

    // MARK: The envelope

    private func mail(_ argument: String) {
        guard greeted else { return reply(503, "5.5.1 Say EHLO first") }
        guard configuration.credentials == nil || authenticated else {
            return reply(530, "5.7.0 Authentication required")
        }
        guard sender == nil else { return reply(503, "5.5.1 Sender already given (RSET to start over)") }
        guard let (path, parameters) = Self.path(after: "FROM:", in: argument) else {
            return reply(501, "5.5.4 Syntax: MAIL FROM:<address>")
        }
        for parameter in parameters {
            let (name, value) = Self.split(parameter)
            switch name {
            case "SIZE":
                guard let size = Int(value ?? ""), size >= 0 else { return reply(501, "5.5.4 Bad SIZE") }
                if size > configuration.maximumSize {
                    return reply(552, "5.3.4 Message size exceeds fixed limit of \(configuration.maximumSize) bytes")
                }
            case "BODY":
                guard value == "7BIT" || value == "8BITMIME" else { return reply(501, "5.5.4 Bad BODY") }
            case "AUTH": break  // RFC 4954 §5: who submitted it first; a sink has no use for it.
            default: return reply(555, "5.5.4 Unsupported parameter \(name.prefix(20))")
            }
        }
        sender = path
        reply(250, "2.1.0 Sender <\(path)> OK")
    }

    private func recipient(_ argument: String) {
        guard sender != nil else { return reply(503, "5.5.1 Say MAIL FROM first") }
        guard let (path, _) = Self.path(after: "TO:", in: argument), !path.isEmpty else {
            return reply(501, "5.5.4 Syntax: RCPT TO:<address>")
        }
        if configuration.rejected.contains(where: { $0.lowercased() == path.lowercased() }) {
            return reply(550, "5.1.1 <\(path)>: Recipient address rejected: no such user here")
        }
        guard recipients.count < configuration.maximumRecipients else {
            return reply(452, "4.5.3 Too many recipients")
        }
        recipients.append(path)
        reply(250, "2.1.5 Recipient <\(path)> OK")
    }

    // MARK: The message

    private func data() throws {
        guard sender != nil else { return reply(503, "5.5.1 Say MAIL FROM first") }
        guard !recipients.isEmpty else { return reply(554, "5.5.1 No valid recipients") }
        reply(354, "End data with <CR><LF>.<CR><LF>")
        try flush()
        var message: [UInt8] = []
        var tooBig = false
        while true {
            // A message line may be longer than a command (RFC 5321 allows 1000 octets; the
            // sink is lenient) but never more than the whole size limit.
            guard let line = try reader.readLine(limit: configuration.maximumSize, keepingEnd: true) else {
                // Cut off before the final dot: the message is incomplete, store nothing.
                throw SinkLineReader.Failure.closed
            }
            if line == [0x2E, 0x0D, 0x0A] || line == [0x2E, 0x0A] { break }
            // RFC 5321 §4.5.2: the client doubled every dot that starts a line; undo it.
            let unstuffed = line.first == 0x2E ? line.dropFirst() : line[...]
            if message.count + unstuffed.count > configuration.maximumSize {
                tooBig = true
                message = []
            }
            if !tooBig { message += unstuffed }
        }
        defer { resetTransaction() }
        guard !tooBig else {
            return reply(552, "5.3.4 Message size exceeds fixed limit of \(configuration.maximumSize) bytes")
        }
        let number = sink.nextMessageNumber()
        var where_ = "not saved (no --dir)"
        if let directory = configuration.directory {
            let path = SinkMailbox.path(in: directory, number: number, message: message)
            do {
                try FileSystem.writeAtomically(message, to: path)
                where_ = "saved as \(path)"
            } catch {
                Console.error("sink: \(error)")
                return reply(451, "4.3.0 Could not store the message: \(error)")
            }
        }
        let to = recipients.map { "<\($0)>" }.joined(separator: " ")
        sink.report("message \(number) from <\(sender ?? "")> to \(to): \(message.count) bytes, \(where_)")
        reply(250, "2.0.0 OK: queued as \(number)")
    }

    private func resetTransaction() {
        sender = nil
        recipients = []
    }

    // MARK: Replies

    func reply(_ code: Int, _ text: String) {
        reply(SMTPReply(code: code, lines: [text]))
    }

    func reply(_ reply: SMTPReply) {
        pending += reply.encoded()
    }

    /// A refused command. After 20 of them the client is probably not speaking SMTP at all.
    func refuse(_ code: Int, _ text: String) -> Bool {
        badCommands += 1
        guard badCommands < 20 else {
            reply(421, "4.7.0 Too many bad commands, closing")
            return false
        }
        reply(code, text)
        return true
    }

    /// Sends the pending replies if the client has sent nothing more yet.
    private func flushIfCaughtUp() throws {
        if !reader.hasWholeLine { try flush() }
    }

    func flush() throws {
        guard !pending.isEmpty else { return }
        try socket.sendAll(pending)
        pending = []
    }

    // MARK: Parsing command arguments

    /// The address in `FROM:<a@b> SIZE=10` and the parameters after it.
    /// `FROM:<>` (the null sender of bounces) gives an empty address.
    static func path(after keyword: String, in argument: String) -> (String, [String])? {
        guard argument.uppercased().hasPrefix(keyword) else { return nil }
        let rest = argument.dropFirst(keyword.count).drop { $0 == " " }
        guard rest.hasPrefix("<"), let close = rest.firstIndex(of: ">") else { return nil }
        let path = String(rest[rest.index(after: rest.startIndex)..<close])
        guard !path.contains(" ") else { return nil }
        let parameters = rest[rest.index(after: close)...].split(separator: " ").map { String($0).uppercased() }
        return (path, parameters)
    }

    /// `SIZE=10` as ("SIZE", "10"); `SMTPUTF8` as ("SMTPUTF8", nil).
    static func split(_ parameter: String) -> (String, String?) {
        guard let equals = parameter.firstIndex(of: "=") else { return (parameter, nil) }
        return (String(parameter[..<equals]), String(parameter[parameter.index(after: equals)...]))
    }
}
