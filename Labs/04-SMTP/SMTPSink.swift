/// A small SMTP server that takes every message it is given and stores it: the "mail
/// sink" you send your client's mail to, to watch it arrive without any internet.
///
/// ```
/// $ lab04-smtp sink --port 2525 --dir mail
/// listening on tcp://127.0.0.1:2525
/// message 1 from <ada@example.org> to <bob@example.org>: 1482 bytes, saved as mail/20261202T141503Z-1-….eml
/// ```
///
/// It is given code, not a TODO, and it is meant to be read: SMTPSink+Session.swift is the
/// server's half of the very dialogue your client speaks. One thread accepts connections;
/// each client gets a thread of its own.
import NetLabKit
import Synchronization

public final class SMTPSink: @unchecked Sendable {  // Sendable: mutable state is in `state`'s Mutex.
    public let configuration: SinkConfiguration
    /// Where each message's one line goes (standard output in the tool).
    let report: @Sendable (String) -> Void

    private struct State {
        var listener: TCPListener?
        var clients = 0
        var messages = 0
        var stopped = false
    }
    private let state = Mutex(State())
    private let stoppedSignal = Monitor()

    /// - Parameters:
    ///   - configuration: where to listen and what to do with mail.
    ///   - report: receives one line per stored message.
    public init(configuration: SinkConfiguration, report: @escaping @Sendable (String) -> Void = Console.print) {
        self.configuration = configuration
        self.report = report
    }

    /// Creates the mail folder, binds the port and starts accepting clients.
    ///
    /// - Returns: the bound address (with the real port when the configuration said 0).
    /// - Throws: `FileError` when the folder cannot be made, `SocketError` when the port
    ///   cannot be bound.
    public func start() throws -> SocketAddress {
        if let directory = configuration.directory { try FileSystem.createDirectory(directory) }
        let address = try SocketAddress.resolve(host: configuration.host, port: configuration.port)
        let listener = try TCPListener(bindingTo: address)
        state.withLock { $0.listener = listener }
        startThread { [self] in acceptClients(listener) }
        return try listener.localAddress()
    }

    /// Stops accepting clients (connected ones finish their dialogue).
    public func stop() {
        let listener = state.withLock { state -> TCPListener? in
            state.stopped = true
            return state.listener
        }
        listener?.close()
        stoppedSignal.withLock { stoppedSignal.broadcast() }
    }

    /// Blocks until `stop` is called (the tool's main thread waits here forever).
    public func waitUntilStopped() {
        stoppedSignal.withLock {
            while !state.withLock({ $0.stopped }) { stoppedSignal.wait(until: nil) }
        }
    }

    /// Numbers the messages in the order they are completed, for the report and file names.
    func nextMessageNumber() -> Int {
        state.withLock { state in
            state.messages += 1
            return state.messages
        }
    }

    private func acceptClients(_ listener: TCPListener) {
        while true {
            let client: TCPSocket
            do {
                client = try listener.accept()
            } catch {
                if state.withLock({ $0.stopped }) { return }
                // A failed accept (too many open files, say) must not end the server: wait a
                // little and take the next one.
                Console.error("sink: accept failed: \(error)")
                sleep(seconds: 0.1)
                continue
            }
            let admitted = state.withLock { state -> Bool in
                guard state.clients < configuration.maximumClients else { return false }
                state.clients += 1
                return true
            }
            guard admitted else {
                // RFC 5321 §3.1: a server that cannot take a client says 421 and closes.
                try? client.sendAll(SMTPReply(code: 421, lines: ["4.3.2 Too many clients, try later"]).encoded())
                client.close()
                continue
            }
            startThread { [self] in
                SinkSession(sink: self, socket: client).run()
                client.close()
                state.withLock { $0.clients -= 1 }
            }
        }
    }
}
