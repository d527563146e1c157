import NetLabKit

/// The knobs of an RUDP connection. The defaults suit a loopback or LAN path.
public struct TransportOptions: Sendable {
    /// The largest payload in one segment. With the 24-byte header and 28 bytes of IPv4 and
    /// UDP headers, 1400 fits an Ethernet frame; anything up to 65,483 fits one datagram.
    ///
    /// Until you set it, a connection picks the size from its path, as TCP does: to a
    /// loopback address (whose "link" carries 64 KiB frames) it uses `loopbackSegmentSize`,
    /// elsewhere 1400. Fewer, larger datagrams cost fewer system calls per byte, and a loss
    /// costs one datagram's worth whatever its size.
    public var maximumSegmentSize = 1400 {
        didSet { segmentSizeIsAutomatic = false }
    }
    /// True until `maximumSegmentSize` is set by hand. A connection may shrink an automatic
    /// size; one set by hand is kept.
    public private(set) var segmentSizeIsAutomatic = true
    /// The segment size used on loopback when `maximumSegmentSize` was not set.
    public static let loopbackSegmentSize = 16_384
    /// The size a connection falls back to when large segments never get through (a relay
    /// or link that cuts datagrams short): it fits any Ethernet path.
    public static let fallbackSegmentSize = 1400
    /// How many segments this side buffers for the application (the advertised window).
    public var receiveWindow = 512
    /// How many bytes `send` may queue before it waits for acknowledgements.
    public var sendBufferSize = 1 << 20
    /// RTO before the first RTT sample, and its bounds (seconds).
    public var initialRTO = 0.1
    public var minimumRTO = 0.002
    public var maximumRTO = 1.0
    /// Timeouts in a row without progress before the connection is declared dead.
    ///
    /// Each timeout waits one (backed-off) RTO, so the time this budget lasts follows the
    /// path: a few tenths of a second on a fast loopback, up to `giveUpAfter` on a slow path.
    /// It must be large. At 30% loss in each direction a resent segment and its ACK both get
    /// through only 49% of the time, so a timeout is followed by another one time in two:
    /// 12 in a row happen once in about 6,000 tries, 40 in a row practically never.
    public var maximumRetries = 40
    /// The longest a connection keeps retrying without any progress (seconds), however many
    /// retries are left: the bound on the whole budget.
    public var giveUpAfter = 30.0
    /// Congestion window at the start (segments), the first ssthresh, and the cap.
    public var initialWindow = 2.0
    public var initialThreshold = 64.0
    public var maximumWindow = 1024.0
    /// How long a closed connection lingers to acknowledge the peer's FIN again (TIME-WAIT).
    public var timeWait = 2.0
    /// The longest `close()` waits without any progress (no new byte acknowledged), whatever
    /// the peer does. A close that is still delivering queued bytes keeps waiting.
    public var closeTimeout = 10.0
    /// The initial sequence number, or `nil` for a random one. Tests fix it.
    public var initialSequence: UInt32? = nil
    /// Whether each connection records its congestion window over time
    /// (`RUDPConnection.trace`), for `--trace` and `--plot`.
    public var recordsTrace = false

    public init() {}

    /// These options for a connection to `peer`: the segment size settled (see
    /// `maximumSegmentSize`).
    public func resolved(for peer: SocketAddress) -> TransportOptions {
        var options = self
        if segmentSizeIsAutomatic && peer.isLoopback {
            options.maximumSegmentSize = Self.loopbackSegmentSize
            options.segmentSizeIsAutomatic = true  // still ours to change, not the user's
        }
        return options
    }
}
