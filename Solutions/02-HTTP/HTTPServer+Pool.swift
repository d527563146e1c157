import NetLabKit
import NetLabSystem
import Synchronization

extension HTTPServer {
    /// Binds the listening socket and starts the acceptor, the workers and the idle set.
    ///
    /// - Returns: the bound address (with the real port when the configuration said 0).
    /// - Throws: `SocketError` if the address cannot be bound.
    public func start() throws -> SocketAddress {
        let address = try SocketAddress.resolve(host: configuration.host, port: configuration.port)
        let listener = try TCPListener(bindingTo: address, backlog: 1_024)
        let bound = try listener.localAddress()
        self.listener.withLock { $0 = listener }
        for slot in slots {
            startThread { [self] in workerLoop(slot) }
        }
        idle.start()
        startThread { [self] in acceptLoop(listener) }
        return bound
    }

    /// Stops accepting, closes every open connection, and lets the workers end.
    public func stop() {
        guard !stopped.exchange(true, ordering: .acquiringAndReleasing) else { return }
        listener.withLock { $0 }?.close()
        queue.close()
        idle.stop()
        // A worker puts a connection in its slot before it checks `stopped`, and this
        // looks at the slots after setting it: each connection is closed by one or the other.
        for slot in slots { slot.connection.withLock { $0 }?.close() }
        wakeWaitersForStop()
    }

    // MARK: - Acceptor

    private func acceptLoop(_ listener: TCPListener) {
        while true {
            let connection: TCPSocket
            do {
                connection = try listener.accept()
            } catch {
                if isStopped { return }
                sleep(seconds: 0.01)  // Out of descriptors (EMFILE): let workers close some.
                continue
            }
            if isStopped {
                connection.close()
                return
            }
            try? connection.setNoDelay()  // The head and a small body go out at once.
            try? connection.setSendTimeout(configuration.sendTimeout)
            let queued = (try? queue.offer(connection)) ?? false
            if !queued {
                // Full: answer 503 here (part 3); until `reject` is written, just close.
                do { try reject(connection) } catch { connection.close() }
            }
        }
    }

    // MARK: - Workers

    private func workerLoop(_ slot: WorkerSlot) {
        while let connection = try? queue.take() {
            slot.connection.withLock { $0 = connection }
            if isStopped {
                connection.close()
                return
            }
            busyWorkers.add(1, ordering: .relaxed)
            let after = (try? serve(connection)) ?? .closing
            busyWorkers.subtract(1, ordering: .relaxed)
            slot.connection.withLock { $0 = nil }
            // A connection between requests waits in the idle set, not on this worker.
            switch after {
            case .idle: idle.park(connection, idleTimeout: configuration.idleTimeout)
            case .closing: connection.close()
            }
        }
    }

    /// Writes one access-log line, if there is a log.
    func log(client: String, time: Int, requestLine: String, status: Int, bytes: Int) {
        guard let accessLog = configuration.accessLog else { return }
        if let line = try? AccessLog.commonLogLine(
            client: client, time: time, requestLine: requestLine, status: status, bytes: bytes,
            active: openConnections)
        {
            accessLog.write(line)
        }
    }
}
