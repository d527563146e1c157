/// One DHCP message: the fixed BOOTP header of RFC 951 and RFC 2131 §2, then options.
///
/// ```
///  0               1               2               3
///  +---------------+---------------+---------------+---------------+
///  |  op (1)       |  htype (1)    |  hlen (1)     |  hops (1)     |
///  |                          xid (4)                              |
///  |  secs (2)                     |  flags (2)                    |
///  |  ciaddr (4)  yiaddr (4)  siaddr (4)  giaddr (4)               |
///  |  chaddr (16)  sname (64)  file (128)                          |
///  |  magic cookie 99.130.83.99 (4) | options (variable), then 255 |
///  +---------------------------------------------------------------+
/// ```
///
/// The codec is `decode` (DHCPMessage+Decode.swift) and `encode` (DHCPMessage+Encode.swift).
public struct DHCPMessage: Equatable, Sendable {
    /// 1 = BOOTREQUEST (client to server), 2 = BOOTREPLY (server to client).
    public var op: UInt8 = DHCPMessage.bootRequest
    /// Hardware type: 1 is Ethernet.
    public var htype: UInt8 = 1
    /// Length of the hardware address in `chaddr` (6 for Ethernet, at most 16).
    public var hlen: UInt8 = 6
    public var hops: UInt8 = 0
    /// Transaction ID: the client picks it; every reply carries it back.
    public var xid: UInt32 = 0
    /// Seconds since the client began.
    public var secs: UInt16 = 0
    /// Bit 15 is BROADCAST (RFC 2131 §2, figure 2): "I cannot receive unicast yet".
    public var flags: UInt16 = 0
    /// The client's address, when it has one (BOUND, RENEWING, REBINDING, INFORM).
    public var ciaddr: IPv4Address = .zero
    /// "Your" address: the address the server offers or acknowledges.
    public var yiaddr: IPv4Address = .zero
    /// The next server (TFTP boot); NetLab leaves it 0.
    public var siaddr: IPv4Address = .zero
    /// The relay agent's address; 0 when no relay is involved.
    public var giaddr: IPv4Address = .zero
    /// The client's hardware address: `hlen` bytes (the rest of the 16 are zero on the wire).
    public var chaddr: [UInt8] = []
    /// Server host name (64 bytes on the wire, zero-padded). May hold options (overload).
    public var sname: [UInt8] = []
    /// Boot file name (128 bytes on the wire, zero-padded). May hold options (overload).
    public var file: [UInt8] = []
    /// Every option but pad and end, in the order they came, unknown ones included.
    public var options: [DHCPOption] = []

    public static let bootRequest: UInt8 = 1
    public static let bootReply: UInt8 = 2
    /// The four bytes after the header that say "options follow" (RFC 2131 §3).
    public static let magicCookie: [UInt8] = [99, 130, 83, 99]
    /// The fixed header's length, without the cookie.
    public static let headerLength = 236
    /// The BROADCAST bit of `flags`.
    public static let broadcastFlag: UInt16 = 0x8000

    public init() {}

    /// A request from a client, as the client state machine sends them.
    public init(type: DHCPMessageType, xid: UInt32, chaddr: [UInt8], options: [DHCPOption] = []) {
        self.xid = xid
        self.chaddr = chaddr
        hlen = UInt8(chaddr.count)
        self.options = [DHCPOption(.messageType, [type.rawValue])] + options
    }
}

/// One option: a code and its bytes (RFC 2132). Pad (0) and end (255) have no length
/// byte and never appear here: the codec adds and removes them.
public struct DHCPOption: Equatable, Sendable {
    public var code: UInt8
    public var data: [UInt8]

    public init(_ code: UInt8, _ data: [UInt8]) {
        self.code = code
        self.data = data
    }

    public init(_ code: DHCPOptionCode, _ data: [UInt8]) {
        self.init(code.rawValue, data)
    }
}

/// The option codes this lab knows (RFC 2132). Others are kept as bytes and skipped.
public enum DHCPOptionCode: UInt8, Sendable {
    case pad = 0
    case subnetMask = 1
    case router = 3
    case domainNameServer = 6
    case hostName = 12
    case domainName = 15
    case requestedAddress = 50
    case leaseTime = 51
    case overload = 52
    case messageType = 53
    case serverIdentifier = 54
    case parameterRequestList = 55
    case message = 56
    case renewalTime = 58
    case rebindingTime = 59
    case clientIdentifier = 61
    case end = 255
}

/// Option 53's values (RFC 2132 §9.6).
public enum DHCPMessageType: UInt8, Sendable, CustomStringConvertible {
    case discover = 1, offer, request, decline, ack, nak, release, inform

    public var description: String {
        switch self {
        case .discover: "DHCPDISCOVER"
        case .offer: "DHCPOFFER"
        case .request: "DHCPREQUEST"
        case .decline: "DHCPDECLINE"
        case .ack: "DHCPACK"
        case .nak: "DHCPNAK"
        case .release: "DHCPRELEASE"
        case .inform: "DHCPINFORM"
        }
    }
}
