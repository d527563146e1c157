import NetLabKit

/// Something that happened during a ping run, in the order it happened.
public enum PingEvent: Equatable, Sendable {
    /// The reply to a ping arrived after `milliseconds`.
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

    /// Lost pings as a percentage of those sent (0 when nothing was sent).
    public var lossPercent: Double {
        0  // TODO
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

    /// Sends every ping, reporting each event as it happens, and returns the totals.
    ///
    /// TODO, for sequence numbers 1...count:
    /// - send `PingMessage(kind: .ping, sequence:, timestamp: SystemTime.wallClock())` and
    ///   remember when you sent it, by `clock.now()` (a monotonic clock: measure RTTs with it);
    /// - wait for datagrams until the reply to THIS ping comes or `timeout` passes
    ///   (`socket.waitUntilReadable(timeout:)` tells you when one is there). Every datagram
    ///   gets exactly one event: `.reply` for the first answer to a ping still waiting,
    ///   `.late` for an answer to a ping already timed out, `.duplicate` for a second
    ///   answer, `.stray` for anything from another address, with an unknown sequence
    ///   number, or not a ping at all;
    /// - on timeout, report `.timeout`;
    /// - then keep receiving (and reporting) until `interval` after this ping's send time.
    /// A ping is counted received once at most, and never after it timed out.
    public func run(onEvent: (PingEvent) -> Void) throws -> PingSummary {
        throw NotImplemented("PingClient.run")
    }
}
