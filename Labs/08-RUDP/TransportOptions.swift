/// The knobs of an RUDP connection. The defaults suit a loopback or LAN path.
public struct TransportOptions: Sendable {
    /// The largest payload in one segment. With the 24-byte header and 28 bytes of IPv4 and
    /// UDP headers, 1400 fits an Ethernet frame; anything up to 65,483 fits one datagram.
    public var maximumSegmentSize = 1400
    /// How many segments this side buffers for the application (the advertised window).
    public var receiveWindow = 512
    /// How many bytes `send` may queue before it waits for acknowledgements.
    public var sendBufferSize = 1 << 20
    /// RTO before the first RTT sample, and its bounds (seconds).
    public var initialRTO = 0.1
    public var minimumRTO = 0.002
    public var maximumRTO = 1.0
    /// Timeouts in a row without progress before the connection is declared dead.
    public var maximumRetries = 12
    /// Congestion window at the start (segments), the first ssthresh, and the cap.
    public var initialWindow = 2.0
    public var initialThreshold = 64.0
    public var maximumWindow = 1024.0
    /// How long a closed connection lingers to acknowledge the peer's FIN again (TIME-WAIT).
    public var timeWait = 2.0
    /// The longest `close()` may take, whatever the peer does.
    public var closeTimeout = 10.0
    /// The initial sequence number, or `nil` for a random one. Tests fix it.
    public var initialSequence: UInt32? = nil
    /// Whether each connection records its congestion window over time
    /// (`RUDPConnection.trace`), for `--trace` and `--plot`.
    public var recordsTrace = false

    public init() {}
}
