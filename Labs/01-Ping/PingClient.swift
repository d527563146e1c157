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
    /// TODO: note the send time with `clock.now()` (a monotonic clock: RTTs are measured with
    /// it) and record it with `tally.sent(_:at:)`. Send the bytes of
    /// `PingMessage(kind: .ping, sequence: sequence, timestamp: SystemTime.wallClock())` to
    /// `configuration.server`. The wall-clock timestamp is only for people reading a capture.
    ///
    /// - Returns: the send time, by `clock`.
    public func sendPing(_ sequence: Int, on socket: UDPSocket, tally: inout PingTally) throws -> Double {
        throw NotImplemented("PingClient.sendPing")
    }

    /// Part 4, step 3: receives and reports datagrams until `deadline` (by `clock`), or until
    /// the reply to ping `sequence` comes.
    ///
    /// TODO: loop. Each time round, compute what is left: `deadline - clock.now()`. If nothing
    /// is left, return `false`. Otherwise wait that long with `socket.waitUntilReadable`
    /// (`false` means the time ran out), then take one datagram with `socket.receive()` (all
    /// of it: a stray of 3000 bytes is reported as 3000 bytes), let `tally.classify` say what
    /// it is (at `clock.now()`), and pass the event to `onEvent`. Return `true` once the event
    /// is the `.reply` to `sequence`. With `sequence` `nil`, nothing ends the wait but the
    /// deadline. Do not use `setReceiveTimeout` for this: each stray would restart the wait.
    ///
    /// - Returns: `true` if the reply to `sequence` came, `false` if `deadline` passed first.
    public func receive(
        on socket: UDPSocket, until deadline: Double, waitingFor sequence: Int?, tally: inout PingTally,
        onEvent: (PingEvent) -> Void
    ) throws -> Bool {
        throw NotImplemented("PingClient.receive")
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
