// lab04-smtp: an SMTP client that sends MIME mail with attachments, and a mail sink.
//
//   lab04-smtp sink --port 2525 --dir mail                     catch mail, store each as .eml
//   lab04-smtp send --server 127.0.0.1:2525 --from a@x --to b@y --subject Hi --body Hello
//   lab04-smtp compose --from a@x --to b@y --subject Hi --body Hello > hi.eml
//
// Argument parsing and wiring only: the logic lives in the Lab04SMTP module.
import Lab04SMTP
import NetLabKit

/// The options that say what the message is: `send` and `compose` share them.
let messageOptions: [Option] = [
    .value("--from", "addr", "The sender: 'Ada Lovelace <ada@example.org>' or ada@example.org."),
    .value("--to", "addr", "A recipient, in the To header. Repeat for more.", repeatable: true),
    .value("--cc", "addr", "A recipient, in the Cc header. Repeat for more.", repeatable: true),
    .value("--bcc", "addr", "A hidden recipient: in the envelope only. Repeat for more.", repeatable: true),
    .value("--subject", "text", "The subject."),
    .value("--body", "text", "The plain-text body."),
    .value("--body-file", "file", "Read the plain-text body from a file instead."),
    .value("--html", "file", "An HTML version of the body (multipart/alternative)."),
    .value("--attach", "file", "Attach a file. Repeat for more.", repeatable: true),
]

/// Reads a file named on the command line; a missing one is a usage error (exit 2).
func readFile(_ path: String, for option: String) throws -> [UInt8] {
    do {
        return try FileSystem.readAll(path)
    } catch {
        throw UsageError("\(option): cannot read '\(path)': \(error)")
    }
}

/// The message the user asked for, checked before anything is sent.
func messageSpec(_ args: ParsedArguments) throws -> MessageSpec {
    func addresses(_ option: String) throws -> [MailAddress] {
        try args.strings(option).map { text in
            do {
                return try MailAddress.parse(text)
            } catch let error as MessageInputError {
                throw UsageError("\(option): \(error)")
            }
        }
    }
    guard let fromText = args.string("--from") else { throw UsageError("say who it is from with --from ADDR") }
    let from = try addresses("--from").first ?? MailAddress(address: fromText)
    let (to, cc, bcc) = (try addresses("--to"), try addresses("--cc"), try addresses("--bcc"))
    guard !(to + cc + bcc).isEmpty else { throw UsageError("give at least one recipient with --to, --cc or --bcc") }
    guard let subject = args.string("--subject") else { throw UsageError("give a subject with --subject TEXT") }
    let text: String
    switch (args.string("--body"), args.string("--body-file")) {
    case (let body?, nil): text = body
    case (nil, let path?): text = String(decoding: try readFile(path, for: "--body-file"), as: UTF8.self)
    case (nil, nil): throw UsageError("give the body with --body TEXT or --body-file FILE")
    default: throw UsageError("give --body or --body-file, not both")
    }
    let html = try args.string("--html").map { String(decoding: try readFile($0, for: "--html"), as: UTF8.self) }
    let attachments = try args.strings("--attach").map { path in
        let name = String(path.split(separator: "/").last ?? Substring(path))
        return Attachment(filename: name, bytes: try readFile(path, for: "--attach"))
    }
    let date = Int(SystemTime.wallClock())
    var random = SystemRandomNumberGenerator()
    let domain = from.address.split(separator: "@").last.map(String.init) ?? "localhost"
    return MessageSpec(
        from: from, to: to, cc: cc, bcc: bcc, subject: subject, text: text, html: html, attachments: attachments,
        date: date, messageID: MessageSpec.makeMessageID(date: date, domain: domain, using: &random))
}

/// Composes the message; a subject or file name with a line break is a usage error.
func compose(_ spec: MessageSpec) throws -> [UInt8] {
    var random = SystemRandomNumberGenerator()
    do {
        return try MessageComposer.compose(spec, using: &random)
    } catch let error as MessageInputError {
        throw UsageError(error.message)
    }
}

CommandLineTool(
    name: "lab04-smtp", abstract: "An SMTP client that sends MIME mail with attachments, and a mail sink.",
    subcommands: [
        Subcommand(
            name: "send", abstract: "Compose a message and deliver it to an SMTP server.",
            options: [.value("--server", "host:port", "The SMTP server, such as 127.0.0.1:2525.")] + messageOptions + [
                .value("--user", "name", "Log in (AUTH PLAIN or LOGIN) as this user."),
                .value("--password-file", "file", "The password for --user, on the file's first line."),
                .value("--helo", "name", "The name to give in EHLO/HELO.", default: "localhost"),
                .value("--timeout", "seconds", "The longest wait for each reply.", default: "30"),
                .value("--count", "n", "Send the message n times over one connection (RSET between).", default: "1"),
                .flag("-v", "Show the dialogue, swaks style (passwords masked)."),
            ]
        ) { args in
            guard let serverText = args.string("--server") else {
                throw UsageError("say where with --server HOST:PORT")
            }
            let server: SocketAddress
            do { server = try SocketAddress.parse(serverText) } catch { throw UsageError("--server: \(error)") }
            let spec = try messageSpec(args)
            let message = try compose(spec)
            var options = SMTPClientOptions()
            options.heloName = args.string("--helo")!
            do {
                try HeaderSafety.refuseLineBreaks(in: options.heloName, what: "--helo")
            } catch let error as MessageInputError {
                throw UsageError(error.message)
            }
            options.timeout = try args.double("--timeout", in: 0.01...86_400)!
            options.count = try args.int("--count", in: 1...10_000_000)!
            switch (args.string("--user"), args.string("--password-file")) {
            case (let user?, let path?):
                let line =
                    String(decoding: try readFile(path, for: "--password-file"), as: UTF8.self)
                    .split(separator: "\n", omittingEmptySubsequences: false).first ?? ""
                let password = line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
                options.credentials = Credentials(user: user, password: password)
            case (nil, nil): break
            default: throw UsageError("--user and --password-file go together")
            }
            if args.flag("-v") { options.transcript = { Console.error($0) } }
            let report = try SMTPClient.send(message, envelope: spec.envelope, to: server, options: options)
            let times = options.count == 1 ? "" : " \(report.messagesDelivered) times"
            Console.print("delivered\(times) to " + report.accepted.map { "<\($0)>" }.joined(separator: ", "))
            for refused in report.rejected {
                Console.error("error: <\(refused.address)> was refused: \(refused.reply)")
            }
            return report.rejected.isEmpty ? 0 : 1
        },
        Subcommand(
            name: "compose", abstract: "Write the message send would deliver to stdout, as an .eml file.",
            options: messageOptions
        ) { args in
            try OpenFile.standardOutput.write(try compose(try messageSpec(args)))
            return 0
        },
        Subcommand(
            name: "sink", abstract: "Run a mail sink: an SMTP server that stores every message it gets.",
            options: [
                .value("--host", "host", "Address to bind (0.0.0.0 for the whole network).", default: "127.0.0.1"),
                .value("--port", "port", "Port to bind (0 picks a free one).", default: "2525"),
                .value("--dir", "dir", "Store each message here as an .eml file (created if needed)."),
                .value("--auth", "user:pass", "Offer AUTH PLAIN and LOGIN, and require this login."),
                .value("--reject", "addr", "Refuse this recipient with 550. Repeat for more.", repeatable: true),
            ]
        ) { args in
            var configuration = SinkConfiguration()
            configuration.host = args.string("--host")!
            configuration.port = try args.port("--port")!
            _ = try args.address(host: configuration.host, port: configuration.port)
            configuration.directory = args.string("--dir")
            if let auth = args.string("--auth") {
                guard let colon = auth.firstIndex(of: ":"), colon != auth.startIndex else {
                    throw UsageError("--auth takes USER:PASS, not '\(auth)'")
                }
                configuration.credentials = Credentials(
                    user: String(auth[..<colon]), password: String(auth[auth.index(after: colon)...]))
            }
            configuration.rejected = args.strings("--reject")
            let sink = SMTPSink(configuration: configuration)
            let address = try sink.start()
            Console.announceListening(scheme: "tcp", on: address)
            sink.waitUntilStopped()
            return 0
        },
    ]
).run()
