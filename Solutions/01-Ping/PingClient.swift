import NetLabKit

// The configuration and the loop that calls these steps (`run`) are given, in
// `PingClient+Run.swift`.
extension PingClient {
    /// Part 4, step 2: sends ping `sequence` to the server and records it in `tally`.
    ///
    /// The message carries the wall-clock time, for people reading a capture. The send time
    /// kept in `tally` is the monotonic `clock`'s, which is what RTTs are measured with.
    ///
    /// - Returns: the send time, by `clock`.
    /// - Throws: `SocketError` if the send fails.
    public func sendPing(_ sequence: Int, on socket: UDPSocket, tally: inout PingTally) throws -> Double {
        let start = clock.now()
        let message = PingMessage(kind: .ping, sequence: sequence, timestamp: SystemTime.wallClock())
        try tally.sent(sequence, at: start)
        try socket.send(message.encode(), to: configuration.server)
        return start
    }

    /// Part 4, step 3: receives and reports datagrams until `deadline` (by `clock`), or until
    /// the reply to ping `sequence` comes.
    ///
    /// The deadline is fixed: a stray datagram does not restart the wait.
    ///
    /// - Parameters:
    ///   - sequence: the ping whose reply ends the wait, or `nil` to wait until `deadline`.
    ///   - onEvent: called with the event of each datagram that arrives.
    /// - Returns: `true` if the reply to `sequence` came, `false` if `deadline` passed first.
    public func receive(
        on socket: UDPSocket, until deadline: Double, waitingFor sequence: Int?, tally: inout PingTally,
        onEvent: (PingEvent) -> Void
    ) throws -> Bool {
        while true {
            let remaining = deadline - clock.now()
            if remaining <= 0 { return false }
            guard try socket.waitUntilReadable(timeout: remaining) else { return false }
            let (datagram, sender) = try socket.receive()
            let event = try tally.classify(datagram, from: sender, at: clock.now())
            onEvent(event)
            if case .reply(let answered, _, _, _) = event, answered == sequence { return true }
        }
    }
}
