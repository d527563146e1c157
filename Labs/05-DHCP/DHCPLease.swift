/// A lease as the client got it: what `--json` prints and `--save` writes.
///
/// `json()` is the one object the capstone (lab 09) reads, with exactly these keys:
/// `address`, `subnet_mask`, `router`, `dns`, `domain`, `lease_seconds`, `t1`, `t2`,
/// `server_id`. A saved file adds `mac`, `client_id` and `server`, which `renew` needs.
public struct DHCPLease: Equatable, Sendable {
    public var address: IPv4Address
    public var subnetMask: IPv4Address?
    public var router: IPv4Address?
    public var dns: [IPv4Address] = []
    public var domain: String?
    public var leaseSeconds: UInt32
    public var t1: UInt32
    public var t2: UInt32
    public var serverID: IPv4Address
    /// The client's hardware address, for a later renew or release.
    public var mac: HardwareAddress
    /// The `--client-id` text, if one was sent.
    public var clientID: String?
    /// Where the server was reached (`HOST:PORT`), for a later renew.
    public var server: String

    /// The lease an ACK grants. T1 and T2 default to RFC 2131 §4.4.5's 0.5 and 0.875.
    public init(ack: DHCPMessage, mac: HardwareAddress, clientID: String?, server: String) {
        address = ack.yiaddr == .zero ? ack.ciaddr : ack.yiaddr
        subnetMask = ack.subnetMask
        router = ack.router
        dns = ack.dnsServers
        domain = ack.domainName
        leaseSeconds = ack.leaseTime ?? 0
        t1 = ack.renewalTime ?? leaseSeconds / 2
        t2 = ack.rebindingTime ?? UInt32(UInt64(leaseSeconds) * 7 / 8)
        serverID = ack.serverIdentifier ?? .zero
        self.mac = mac
        self.clientID = clientID
        self.server = server
    }

    /// The `--json` object, on one line.
    public func json() -> String {
        "{" + fields.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}"
    }

    /// What `--save` writes: the same object, plus what `renew` needs.
    public func savedJSON() -> String {
        let extra = [
            ("mac", quoted(mac.description)), ("client_id", clientID.map(quoted) ?? "null"),
            ("server", quoted(server)),
        ]
        return "{\n" + (fields + extra).map { "  \"\($0.0)\": \($0.1)" }.joined(separator: ",\n") + "\n}\n"
    }

    private var fields: [(String, String)] {
        [
            ("address", quoted(address.description)),
            ("subnet_mask", subnetMask.map { quoted($0.description) } ?? "null"),
            ("router", router.map { quoted($0.description) } ?? "null"),
            ("dns", "[" + dns.map { quoted($0.description) }.joined(separator: ", ") + "]"),
            ("domain", domain.map(quoted) ?? "null"),
            ("lease_seconds", "\(leaseSeconds)"),
            ("t1", "\(t1)"),
            ("t2", "\(t2)"),
            ("server_id", quoted(serverID.description)),
        ]
    }

    /// The human-readable summary the client prints.
    public func summary() -> [String] {
        [
            "address      \(address)",
            "subnet mask  \(subnetMask?.description ?? "-")",
            "router       \(router?.description ?? "-")",
            "dns          \(dns.isEmpty ? "-" : dns.map(\.description).joined(separator: ", "))",
            "domain       \(domain ?? "-")",
            "lease        \(leaseSeconds) s (renew at \(t1) s, rebind at \(t2) s)",
            "server       \(serverID)",
        ]
    }
}

/// A JSON string literal.
func quoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case _ where scalar.value < 0x20: out += "\\u00" + hex([UInt8(scalar.value)])
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out + "\""
}
