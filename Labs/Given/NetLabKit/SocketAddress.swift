/// An IPv4 or IPv6 address with a port: what `bind`, `connect` and `sendto` take.
///
/// It wraps a `sockaddr_storage`, which is big enough for either family, so one type serves
/// both. Ports are stored in network byte order (big-endian) inside; the `port` property
/// converts for you, which is the mistake everyone makes once: `sin_port = 9999` binds 3879.
internal import NetLabSystem

public struct SocketAddress: Sendable, Hashable, CustomStringConvertible {
    var storage: sockaddr_storage
    var length: socklen_t

    /// The address families, as the C calls number them.
    public enum Family {
        /// IPv4 (`AF_INET`).
        public static let ipv4 = AF_INET
        /// IPv6 (`AF_INET6`).
        public static let ipv6 = AF_INET6
    }

    /// The address family: `Family.ipv4` (`AF_INET`) or `Family.ipv6` (`AF_INET6`).
    public var family: Int32 { Int32(storage.ss_family) }

    /// True for an IPv6 address.
    public var isIPv6: Bool { family == AF_INET6 }

    /// Parses a numeric IPv4 address (`"127.0.0.1"`) or IPv6 address (`"::1"`).
    ///
    /// - Parameters:
    ///   - ip: the address in dotted-quad or IPv6 text form. No DNS lookup is done.
    ///   - port: the port number, in ordinary (host) byte order.
    /// - Throws: `SocketError.badAddress` if `ip` is not a numeric address.
    /// The corresponding C call is `inet_pton(3)`.
    public init(ip: String, port: UInt16) throws(SocketError) {
        var ipv4 = in_addr()
        var ipv6 = in6_addr()
        if inet_pton(AF_INET, ip, &ipv4) == 1 {
            try self.init(ipBytes: withUnsafeBytes(of: &ipv4) { Array($0) }, port: port)
        } else if inet_pton(AF_INET6, ip, &ipv6) == 1 {
            try self.init(ipBytes: withUnsafeBytes(of: &ipv6) { Array($0) }, port: port)
        } else {
            throw .badAddress("'\(ip)' is not an IPv4 or IPv6 address")
        }
    }

    /// Makes an address from raw address bytes, as DNS A and AAAA records carry them.
    ///
    /// - Parameters:
    ///   - ipBytes: 4 bytes (IPv4) or 16 bytes (IPv6), in network order.
    ///   - port: the port number, in ordinary (host) byte order.
    /// - Throws: `SocketError.badAddress` for any other length.
    public init(ipBytes: [UInt8], port: UInt16) throws(SocketError) {
        var storage = sockaddr_storage()
        let length: socklen_t
        switch ipBytes.count {
        case 4:
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = port.bigEndian
            withUnsafeMutableBytes(of: &address.sin_addr) { $0.copyBytes(from: ipBytes) }
            withUnsafeBytes(of: &address) { source in
                withUnsafeMutableBytes(of: &storage) { $0.copyMemory(from: source) }
            }
            length = socklen_t(MemoryLayout<sockaddr_in>.size)
        case 16:
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_port = port.bigEndian
            withUnsafeMutableBytes(of: &address.sin6_addr) { $0.copyBytes(from: ipBytes) }
            withUnsafeBytes(of: &address) { source in
                withUnsafeMutableBytes(of: &storage) { $0.copyMemory(from: source) }
            }
            length = socklen_t(MemoryLayout<sockaddr_in6>.size)
        default:
            throw .badAddress("\(ipBytes.count) address bytes: an IP address has 4 (IPv4) or 16 (IPv6)")
        }
        self.init(storage: storage, length: length)
    }

    init(storage: sockaddr_storage, length: socklen_t) {
        var storage = storage
        Platform.setLength(&storage, length)
        self.storage = storage
        self.length = length
    }

    /// Looks up a host name (or numeric address) and returns its first address.
    ///
    /// - Parameters:
    ///   - host: a name such as `"localhost"` or a numeric address.
    ///   - port: the port number to put in the address.
    /// - Throws: `SocketError.badAddress` with the resolver's own message.
    /// The corresponding C call is `getaddrinfo(3)`.
    public static func resolve(host: String, port: UInt16) throws(SocketError) -> SocketAddress {
        if let numeric = try? SocketAddress(ip: host, port: port) { return numeric }
        // Refuse what cannot be a host name before asking the resolver (RFC 1123 §2.1),
        // so a typo fails at once with a clear message instead of a network lookup.
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        let allowed = host.utf8.allSatisfy { byte in
            byte == 0x2D || byte == 0x2E || byte == 0x5F || (0x30...0x39).contains(byte)
                || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
        }
        guard allowed, host.utf8.count <= 253, !labels.contains(where: { $0.isEmpty || $0.utf8.count > 63 }) else {
            throw .badAddress("'\(host)' is not a valid host name or IP address")
        }
        var hints = addrinfo()
        hints.ai_socktype = Platform.datagram
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, nil, &hints, &list)
        // getaddrinfo reports failures in its return value, not in errno.
        guard status == 0, let first = list else {
            throw .badAddress("cannot resolve host '\(host)': \(Platform.describe(addressInfoError: status))")
        }
        defer { freeaddrinfo(list) }
        // Prefer IPv4: it is what the labs' servers bind by default.
        var chosen = first
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let entry = cursor {
            if entry.pointee.ai_family == AF_INET { chosen = entry; break }
            cursor = entry.pointee.ai_next
        }
        var storage = sockaddr_storage()
        let length = chosen.pointee.ai_addrlen
        withUnsafeMutableBytes(of: &storage) { destination in
            destination.copyMemory(from: UnsafeRawBufferPointer(start: chosen.pointee.ai_addr, count: Int(length)))
        }
        var address = SocketAddress(storage: storage, length: length)
        address.port = port
        return address
    }

    /// Parses `"HOST:PORT"`, `"[IPv6]:PORT"`, or just `"HOST"` with a default port.
    ///
    /// - Throws: `SocketError.badAddress` saying what part is wrong.
    public static func parse(_ text: String, defaultPort: UInt16? = nil) throws(SocketError) -> SocketAddress {
        var host = text
        var portText: String?
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            host = String(text[text.index(after: text.startIndex)..<close])
            let rest = text[text.index(after: close)...]
            if rest.hasPrefix(":") {
                portText = String(rest.dropFirst())
            } else if !rest.isEmpty {
                throw .badAddress("'\(text)' is not HOST:PORT")
            }
        } else if text.filter({ $0 == ":" }).count == 1, let colon = text.firstIndex(of: ":") {
            host = String(text[..<colon])
            portText = String(text[text.index(after: colon)...])
        }
        let port: UInt16
        if let portText {
            guard let parsed = UInt16(portText) else {
                throw .badAddress("'\(portText)' is not a port number (0-65535)")
            }
            port = parsed
        } else if let defaultPort {
            port = defaultPort
        } else {
            throw .badAddress("'\(text)' has no port: write HOST:PORT")
        }
        guard !host.isEmpty else { throw .badAddress("'\(text)' has no host") }
        return try resolve(host: host, port: port)
    }

    /// The port, in ordinary byte order.
    public var port: UInt16 {
        get {
            withUnsafeBytes(of: storage) { raw in
                family == AF_INET6
                    ? UInt16(bigEndian: raw.load(as: sockaddr_in6.self).sin6_port)
                    : UInt16(bigEndian: raw.load(as: sockaddr_in.self).sin_port)
            }
        }
        set {
            let isIPv6 = family == AF_INET6
            withUnsafeMutableBytes(of: &storage) { raw in
                if isIPv6 {
                    raw.withMemoryRebound(to: sockaddr_in6.self) { $0[0].sin6_port = newValue.bigEndian }
                } else {
                    raw.withMemoryRebound(to: sockaddr_in.self) { $0[0].sin_port = newValue.bigEndian }
                }
            }
        }
    }

    /// The address without the port, as text: `"127.0.0.1"` or `"::1"`.
    /// The corresponding C call is `inet_ntop(3)`.
    public var ip: String {
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        withUnsafeBytes(of: storage) { raw in
            if family == AF_INET6 {
                var address = raw.load(as: sockaddr_in6.self).sin6_addr
                _ = inet_ntop(AF_INET6, &address, &buffer, socklen_t(buffer.count))
            } else {
                var address = raw.load(as: sockaddr_in.self).sin_addr
                _ = inet_ntop(AF_INET, &address, &buffer, socklen_t(buffer.count))
            }
        }
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The raw address bytes: 4 for IPv4, 16 for IPv6 (network order).
    public var ipBytes: [UInt8] {
        withUnsafeBytes(of: storage) { raw in
            if family == AF_INET6 {
                return withUnsafeBytes(of: raw.load(as: sockaddr_in6.self).sin6_addr) { Array($0) }
            }
            return withUnsafeBytes(of: raw.load(as: sockaddr_in.self).sin_addr) { Array($0) }
        }
    }

    /// True for 127.0.0.0/8 and ::1.
    public var isLoopback: Bool {
        let bytes = ipBytes
        if bytes.count == 4 { return bytes[0] == 127 }
        return bytes == [UInt8](repeating: 0, count: 15) + [1]
    }

    /// `"127.0.0.1:5353"`, or `"[::1]:5353"` for IPv6.
    public var description: String {
        family == AF_INET6 ? "[\(ip)]:\(port)" : "\(ip):\(port)"
    }

    /// Lends the address to a C call as a `sockaddr` pointer and length.
    func withSockaddr<Result>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> Result) -> Result {
        withUnsafeBytes(of: storage) { raw in
            body(raw.baseAddress!.assumingMemoryBound(to: sockaddr.self), length)
        }
    }

    /// Fills an address from a C call that writes a `sockaddr` (recvfrom, accept, getsockname).
    static func capture(
        _ body: (UnsafeMutablePointer<sockaddr>, UnsafeMutablePointer<socklen_t>) -> Int
    ) -> (Int, SocketAddress) {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let result = withUnsafeMutablePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, &length) }
        }
        return (result, SocketAddress(storage: storage, length: length))
    }

    public static func == (lhs: SocketAddress, rhs: SocketAddress) -> Bool {
        lhs.family == rhs.family && lhs.port == rhs.port && lhs.ipBytes == rhs.ipBytes
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(family)
        hasher.combine(port)
        hasher.combine(ipBytes)
    }
}
