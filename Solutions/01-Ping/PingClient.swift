import NetLabKit

/// Something that happened during a ping run, in the order it happened.
public enum PingEvent: Equatable, Sendable {
    /// The reply to the ping just sent arrived after `milliseconds`.
    case reply(sequence: Int, milliseconds: Double, bytes: Int, from: SocketAddress)
    /// No reply came within the timeout: this ping counts as lost.
    case timeout(sequence: Int)
    /// A reply to a ping that was already counted as lost. It stays lost.
    case late(sequence: Int)
    /// A second reply to a ping that was already answered. It is not counted again.
    case duplicate(sequence: Int)
    /// A datagram that answers nothing we sent: wrong sender, unknown sequence number,
    /// or not a ping message at all.
    case stray(bytes: Int, from: SocketAddress)
}

/// The totals of a ping run.
public struct PingSummary: Equatable, Sendable {
    public var transmitted: Int
    public var received: Int
    /// `nil` when no reply came.
    public var rtt: RTTSummary?

    public init(transmitted: Int, received: Int, rtt: RTTSummary?) {
        self.transmitted = transmitted
        self.received = received
        self.rtt = rtt
    }

    /// Lost pings as a percentage of those sent.
    public var lossPercent: Double {
        transmitted == 0 ? 0 : Double(transmitted - received) * 100 / Double(transmitted)
    }
}

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

    /// Sends every ping, reporting each event as it happens.
    ///
    /// Replies are matched by sequence number and sender, so a late reply is never mistaken
    /// for the current one, and no ping is counted twice.
    ///
    /// - Parameter onEvent: called for every reply, timeout, late, duplicate or stray datagram.
    /// - Returns: the totals.
    /// - Throws: `SocketError` if the socket itself fails (not for lost pings).
    public func run(onEvent: (PingEvent) -> Void) throws -> PingSummary {
        let server = configuration.server
        let socket = try UDPSocket(family: server.family)
        defer { socket.close() }
        var statistics = RTTStatistics()
        var sentAt: [Int: Double] = [:]  // sequence → monotonic send time
        var answered: Set<Int> = []
        var timedOut: Set<Int> = []

        /// Handles one incoming datagram; returns true if it answered `current`.
        func handle(_ datagram: [UInt8], from sender: SocketAddress, current: Int?) throws -> Bool {
            let receivedAt = clock.now()
            guard sender == server, let message = try? PingMessage.decode(datagram),
                  message.kind == .ping, let sent = sentAt[message.sequence]
            else {
                onEvent(.stray(bytes: datagram.count, from: sender))
                return false
            }
            let sequence = message.sequence
            if answered.contains(sequence) {
                onEvent(.duplicate(sequence: sequence))
                return false
            }
            if timedOut.contains(sequence) {
                onEvent(.late(sequence: sequence))
                return false
            }
            let milliseconds = (receivedAt - sent) * 1000
            answered.insert(sequence)
            try statistics.add(milliseconds)
            onEvent(.reply(sequence: sequence, milliseconds: milliseconds, bytes: datagram.count, from: sender))
            return sequence == current
        }

        /// Receives until `deadline`, or until the reply to `current` arrives.
        func receive(until deadline: Double, current: Int?) throws -> Bool {
            while true {
                let remaining = deadline - clock.now()
                if remaining <= 0 { return false }
                guard try socket.waitUntilReadable(timeout: remaining) else { return false }
                let (datagram, sender) = try socket.receive(maximumLength: 2048)
                if try handle(datagram, from: sender, current: current) { return true }
            }
        }

        for sequence in 1...max(1, configuration.count) where configuration.count > 0 {
            let start = clock.now()
            let message = PingMessage(kind: .ping, sequence: sequence, timestamp: SystemTime.wallClock())
            sentAt[sequence] = start
            try socket.send(message.encode(), to: server)
            if try !receive(until: start + configuration.timeout, current: sequence) {
                timedOut.insert(sequence)
                onEvent(.timeout(sequence: sequence))
            }
            if sequence < configuration.count {
                // Keep listening while waiting for the next turn, so late replies are seen.
                _ = try receive(until: start + configuration.interval, current: nil)
            }
        }
        return PingSummary(transmitted: sentAt.count, received: answered.count, rtt: try statistics.summary())
    }
}
