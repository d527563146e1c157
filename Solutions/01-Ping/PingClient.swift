import NetLabKit

/// The ping client: sends numbered pings one at a time and waits for each reply.
public struct PingClient: Sendable {
    public struct Configuration: Sendable {
        public var server: SocketAddress
        /// How many pings to send.
        public var count: Int
        /// Seconds to wait for each reply before counting the ping as lost.
        public var timeout: Double
        /// Seconds from one ping to the next.
        public var interval: Double

        public init(server: SocketAddress, count: Int = 10, timeout: Double = 1, interval: Double = 1) {
            self.server = server
            self.count = count
            self.timeout = timeout
            self.interval = interval
        }
    }

    public let configuration: Configuration
    private let clock: any TimeSource

    public init(configuration: Configuration, clock: any TimeSource = SystemTime()) {
        self.configuration = configuration
        self.clock = clock
    }

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

    /// Sends every ping, reporting each event as it happens, and returns the totals.
    ///
    /// This loop is given: it calls your steps. For each ping it sends it, waits up to
    /// `timeout` for its reply, and then keeps listening until `interval` after the ping went
    /// out, so that late replies are seen. After the last ping it does not wait any longer.
    ///
    /// - Parameter onEvent: called for every reply, timeout, late, duplicate or stray datagram.
    /// - Throws: `SocketError` if the socket itself fails (not for lost pings).
    public func run(onEvent: (PingEvent) -> Void) throws -> PingSummary {
        let socket = try UDPSocket(family: configuration.server.family)
        defer { socket.close() }
        var tally = PingTally(server: configuration.server)
        for sequence in 1...max(1, configuration.count) where configuration.count > 0 {
            let start = try sendPing(sequence, on: socket, tally: &tally)
            let deadline = start + configuration.timeout
            if try !receive(on: socket, until: deadline, waitingFor: sequence, tally: &tally, onEvent: onEvent) {
                try tally.timedOut(sequence)
                onEvent(.timeout(sequence: sequence))
            }
            if sequence < configuration.count {
                let next = start + configuration.interval
                _ = try receive(on: socket, until: next, waitingFor: nil, tally: &tally, onEvent: onEvent)
            }
        }
        return try tally.summary()
    }
}
