/// Why the boot could not go on. Given code.
public enum BootError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The lease has no option 6: nowhere to ask for names.
    case noDNSServer
    /// The DNS server says the name does not exist (RCODE 3).
    case nameNotFound(String)
    /// The DNS server answered with another error code (its text, such as `SERVFAIL`).
    case dnsError(String)
    /// The name exists but has no IPv4 address.
    case noAddress(String)
    /// The name is not a valid DNS name.
    case badName(String)

    public var description: String {
        switch self {
        case .noDNSServer: return "the lease has no DNS server (option 6)"
        case .nameNotFound(let name): return "NXDOMAIN: no such name as \(name)"
        case .dnsError(let code): return "the DNS server answered \(code)"
        case .noAddress(let name): return "\(name) has no A record"
        case .badName(let name): return "'\(name)' is not a DNS name"
        }
    }
}
