import NetLabKit

/// The ping client: sends numbered pings one at a time and waits for each reply.
///
/// This file is given: the configuration and `run`, which calls your steps `sendPing` and
/// `receive`, in `PingClient.swift`.
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
    let clock: any TimeSource

    public init(configuration: Configuration, clock: any TimeSource = SystemTime()) {
        self.configuration = configuration
        self.clock = clock
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
