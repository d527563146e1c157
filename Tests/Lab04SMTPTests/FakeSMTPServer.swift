// A scripted SMTP server for the tests: it answers each command the way a test says, so a
// test can make any step fail, go silent or hang up, and then look at exactly what your
// client sent. It runs on a thread (never a Task) and every read has a timeout.
import Foundation
import Lab04SMTP
import NetLabKit
import Synchronization

/// What the fake server does with one command.
enum FakeAction: Sendable {
    /// Send these reply lines (CRLF is added to each).
    case reply([String])
    /// Hang up at once.
    case close
    /// Say nothing more, but keep the connection open until the client leaves.
    case silence
}

final class FakeSMTPServer: @unchecked Sendable {  // Sendable: `log` is a Mutex; the rest is constant.
    /// What the server saw: command lines, and each message after DATA (still dot-stuffed).
    struct Log {
        var commands: [String] = []
        var messages: [[UInt8]] = []
        /// For each MAIL command, the bytes that had already arrived behind it (pipelining).
        var afterMail: [String] = []
        var connections = 0
    }

    let address: SocketAddress
    private let listener: TCPListener
    /// The log, in a box of its own so the server's threads can share it without keeping
    /// the server alive.
    final class Box: Sendable {
        let log = Mutex(Log())
    }
    private let box = Box()

    /// - Parameters:
    ///   - greeting: the reply lines sent on connect.
    ///   - respond: the answer to each command line; `"."` stands for the end of a message.
    init(greeting: [String] = ["220 fake.test ESMTP"], respond: @escaping @Sendable (String) -> FakeAction) throws {
        listener = try TCPListener(bindingTo: SocketAddress(ip: "127.0.0.1", port: 0))
        address = try listener.localAddress()
        startThread { [listener, box] in
            while let client = try? listener.accept() {
                box.log.withLock { $0.connections += 1 }
                startThread { FakeSMTPServer.serve(client, greeting: greeting, respond: respond, box: box) }
            }
        }
    }

    deinit { listener.close() }

    var log: Log { box.log.withLock { $0 } }

    /// Waits (up to 10 s) until the client has sent `count` commands or closed; for checks
    /// of what came last (QUIT), which the client sends just before returning.
    func waitForCommands(_ predicate: (Log) -> Bool) -> Log {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            let log = self.log
            if predicate(log) { return log }
            Thread.sleep(forTimeInterval: 0.01)
        }
        return log
    }

    private static func serve(
        _ client: TCPSocket, greeting: [String], respond: @Sendable (String) -> FakeAction, box: Box
    ) {
        defer { client.close() }
        var buffer: [UInt8] = []
        func send(_ lines: [String]) -> Bool {
            (try? client.sendAll(Array(lines.map { $0 + "\r\n" }.joined().utf8))) != nil
        }
        func readLine() -> String? {
            while true {
                if let newline = buffer.firstIndex(of: 0x0A) {
                    var line = Array(buffer[..<newline])
                    buffer.removeSubrange(...newline)
                    if line.last == 0x0D { line.removeLast() }
                    return String(decoding: line, as: UTF8.self)
                }
                try? client.setReceiveTimeout(20)
                guard let chunk = try? client.receive(), !chunk.isEmpty else { return nil }
                buffer += chunk
            }
        }
        func perform(_ action: FakeAction) -> Bool {
            switch action {
            case .reply(let lines): return send(lines)
            case .close: return false
            case .silence:
                while readLine() != nil {}
                return false
            }
        }
        guard send(greeting) else { return }
        while let line = readLine() {
            box.log.withLock { $0.commands.append(line) }
            if line.uppercased().hasPrefix("MAIL") {
                let pending = String(decoding: buffer, as: UTF8.self)
                box.log.withLock { $0.afterMail.append(pending) }
            }
            let action = respond(line)
            guard perform(action) else { return }
            if line.uppercased() == "DATA", case .reply(let lines) = action, lines.last?.hasPrefix("354") == true {
                var message: [UInt8] = []
                while true {
                    guard let dataLine = readLine() else { return }
                    if dataLine == "." { break }
                    message += Array(dataLine.utf8) + [0x0D, 0x0A]
                }
                box.log.withLock { $0.messages.append(message) }
                guard perform(respond(".")) else { return }
            }
            if line.uppercased() == "QUIT" { return }
        }
    }
}

/// The usual answers of a friendly ESMTP server; `override` answers first where it wants to.
func esmtp(
    ehlo: [String] = ["250-fake.test greets you", "250-SIZE 1000000", "250 8BITMIME"],
    _ override: @escaping @Sendable (String) -> FakeAction? = { _ in nil }
) -> @Sendable (String) -> FakeAction {
    { line in
        if let answer = override(line) { return answer }
        let verb = line.split(separator: " ").first.map { $0.uppercased() } ?? line.uppercased()
        switch verb {
        case "EHLO": return .reply(ehlo)
        case "HELO": return .reply(["250 fake.test"])
        case "MAIL": return .reply(["250 2.1.0 OK"])
        case "RCPT": return .reply(["250 2.1.5 OK"])
        case "DATA": return .reply(["354 Go ahead"])
        case ".": return .reply(["250 2.0.0 Queued"])
        case "RSET": return .reply(["250 2.0.0 Reset"])
        case "QUIT": return .reply(["221 2.0.0 Bye"])
        default: return .reply(["500 5.5.2 What?"])
        }
    }
}

/// Collects a transcript (`-v`) in memory.
final class Transcript: @unchecked Sendable {  // Sendable: `lines` is a Mutex.
    private let storage = Mutex([String]())
    var lines: [String] { storage.withLock { $0 } }
    var sink: @Sendable (String) -> Void { { line in self.storage.withLock { $0.append(line) } } }
}

/// Sends a message with your client; returns the report or the error.
func deliver(
    _ message: String, from sender: String = "ada@example.org", to recipients: [String] = ["bob@example.org"],
    server: SocketAddress, options: SMTPClientOptions = SMTPClientOptions(timeout: 10)
) -> Result<DeliveryReport, Error> {
    Result {
        try SMTPClient.send(
            Array(message.utf8), envelope: Envelope(sender: sender, recipients: recipients),
            to: server, options: options)
    }
}

/// A small message, CRLF throughout.
let smallMessage = "From: ada@example.org\r\nTo: bob@example.org\r\nSubject: Hi\r\n\r\nHello, Bob.\r\n"

/// Whether an error is the starter's "not implemented yet".
func isNotImplemented(_ error: Error) -> Bool { error is NotImplemented }
