/// Helpers for lab 09's tests: a small app folder, the earlier labs' servers run in this
/// process on threads (lab 05's DHCP, lab 06's DNS, lab 07's relay), the capstone's binary
/// spawned on port 0, and a raw HTTP/1.1 exchange that does not trust any lab's client.
import Foundation
import Lab05DHCP
import Lab06DNS
import Lab07Framing
import Lab09Capstone
import NetLabKit
import NetLabTesting
import Testing

enum Fixture {
    static let video = payload(seed: 9, count: 200_000)
    static let logo: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + payload(seed: 3, count: 500)
    static let index =
        Array("<!DOCTYPE html>\n<html><head><link rel=\"stylesheet\" href=\"/static/css/app.css\">\n".utf8)
        + Array("<script src=\"/static/js/app.js\"></script></head>\n".utf8)
        + Array("<body><h1>My app</h1></body></html>\n".utf8)
    static let watch = Array(
        "<!DOCTYPE html>\n<title>{{title}}</title>\n<video src=\"/media/{{id}}.webm\"></video>\n".utf8)
    static let css = Array("body { font-family: sans-serif; }\n".utf8)
    static let js = Array("console.log('my app');\n".utf8)

    /// `count` bytes drawn from `seed`.
    static func payload(seed: UInt64, count: Int) -> [UInt8] {
        var random = SeededRandom(seed: seed)
        return (0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) }
    }

    /// A fresh app folder: index.html, watch.html, static/{css,js,img}/…, media/intro.webm,
    /// and a secret file beside it (outside the root) that must never be served.
    static func appFolder() throws -> String {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("lab09-\(UUID().uuidString)").path
        let root = "\(base)/app"
        for folder in [base, root, "\(root)/static", "\(root)/static/css", "\(root)/static/js", "\(root)/static/img",
            "\(root)/media"]
        {
            try FileSystem.createDirectory(folder)
        }
        try FileSystem.writeAtomically(Array("secret\n".utf8), to: "\(base)/secret.txt")
        try FileSystem.writeAtomically(index, to: "\(root)/index.html")
        try FileSystem.writeAtomically(watch, to: "\(root)/watch.html")
        try FileSystem.writeAtomically(css, to: "\(root)/static/css/app.css")
        try FileSystem.writeAtomically(js, to: "\(root)/static/js/app.js")
        try FileSystem.writeAtomically(logo, to: "\(root)/static/img/logo.png")
        try FileSystem.writeAtomically(video, to: "\(root)/media/intro.webm")
        return root
    }

    /// Removes an app folder made by `appFolder()` (and the secret beside it), or any
    /// other temporary file or folder a test made.
    static func remove(_ path: String) {
        let target = path.hasSuffix("/app") ? String(path.dropLast(4)) : path
        try? FileManager.default.removeItem(atPath: target)
    }

    /// A port nothing listens on (bound, read back, closed).
    static func closedPort() throws -> UInt16 {
        let socket = try UDPSocket(bindingTo: SocketAddress(ip: "127.0.0.1", port: 0))
        defer { socket.close() }
        return try socket.localAddress().port
    }
}

/// Lab 05's DHCP server, lab 06's DNS server and lab 07's relay, in this process, on port 0.
final class Services: @unchecked Sendable {  // Sendable: every field is set once, in init.
    let dhcp: DHCPServer
    let dhcpAddress: SocketAddress
    let dns: DNSServer
    let dnsAddresses: DNSServer.Addresses
    let relay: Relay

    /// - Parameter leaseDNS: whether the DHCP server's leases name the DNS server (option 6).
    init(leaseDNS: Bool = true) throws {
        var dnsConfiguration = DNSServerConfiguration()
        dnsConfiguration.port = 0
        dnsConfiguration.adminPort = 0
        dnsConfiguration.log = { _ in }
        dns = DNSServer(dnsConfiguration)
        dnsAddresses = try dns.start(announce: { _, _, _ in })
        var configuration = DHCPServerConfiguration()
        configuration.port = 0
        configuration.pool = IPv4Address("10.9.0.10")!...IPv4Address("10.9.0.250")!
        configuration.dns = leaseDNS ? [IPv4Address("127.0.0.1")!] : []
        configuration.log = { _ in }
        dhcp = try DHCPServer(configuration)
        dhcpAddress = try dhcp.start(announce: { _ in })
        relay = try Relay(bindingTo: SocketAddress(ip: "127.0.0.1", port: 0))
        startThread { [relay] in relay.run() }
    }

    var dnsPort: UInt16 { dnsAddresses.udp.port }
    var admin: SocketAddress { dnsAddresses.admin! }

    /// Puts `name` in the DNS server directly (as the app server's REGISTER would).
    func register(_ name: String, ip: String = "127.0.0.1") {
        _ = dns.records.register(name: DNSName(name)!, ip: ip)
    }

    /// The IPv4 addresses the DNS server gives for `name` (empty for none).
    func lookup(_ name: String) throws -> [String] {
        let result = try DNSClient.query(DNSName(name)!, type: .a, server: dnsAddresses.udp, timeout: 2)
        return result.message.answers.compactMap { record in
            if case .a(let bytes) = record.data { return IPAddressText.format(bytes) }
            return nil
        }
    }

    func stop() {
        relay.close()
        dhcp.stop()
        dns.stop()
    }
}

/// `lab09-capstone app-server` on port 0.
final class AppServerProcess: @unchecked Sendable {  // Sendable: set once in init.
    let process: LabProcess
    let http: SocketAddress
    let rudp: SocketAddress

    init(root: String, extra: [String] = []) throws {
        process = try LabProcess.launch(
            "lab09-capstone", ["app-server", "--http-port", "0", "--rudp-port", "0", "--root", root] + extra)
        http = try process.waitForListening(scheme: "tcp")
        rudp = try process.waitForListening(scheme: "udp")
    }

    func stop() { process.stop() }
}

/// One raw HTTP/1.1 exchange over TCP: the request as given, then everything until the
/// server closes (the request says `Connection: close`).
struct RawResponse: CustomStringConvertible {
    var status = 0
    var headers: [(String, String)] = []
    var body: [UInt8] = []
    var description: String { "\(status) \(headers.map { "\($0.0): \($0.1)" }.joined(separator: "; "))" }

    func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name.lowercased() }?.1 }

    /// Splits a whole response (head and body as sent).
    init(_ bytes: [UInt8]) throws {
        guard let end = bytes.indices.first(where: { bytes[$0...].starts(with: [13, 10, 13, 10]) }) else {
            let start = String(decoding: bytes.prefix(200), as: UTF8.self)
            throw RawError("no end of head in \(bytes.count) bytes: \(start)")
        }
        let lines = String(decoding: bytes[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let parts = lines[0].split(separator: " ")
        guard parts.count >= 2, let code = Int(parts[1]) else { throw RawError("bad status line '\(lines[0])'") }
        status = code
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers.append((String(line[..<colon]), value))
        }
        body = Array(bytes[(end + 4)...])
    }

    init() {}

    static func get(
        _ target: String, from server: SocketAddress, method: String = "GET", headers: [String] = []
    ) throws -> RawResponse {
        let socket = try TCPSocket(connectingTo: server, timeout: 5)
        defer { socket.close() }
        try socket.setReceiveTimeout(10)
        let head = (["\(method) \(target) HTTP/1.1", "Host: my-app.home", "Connection: close"] + headers)
            .joined(separator: "\r\n") + "\r\n\r\n"
        try socket.sendAll(Array(head.utf8))
        var bytes: [UInt8] = []
        while true {
            let chunk = try socket.receive()
            if chunk.isEmpty { break }
            bytes += chunk
        }
        return try RawResponse(bytes)
    }
}

struct RawError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Fails the test with what the program said if it printed "not implemented".
func requireImplemented(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    try #require(!text.contains("not implemented"), "the program says: \(text)", sourceLocation: sourceLocation)
}

/// Runs `lab09-capstone client` against `services` and `server`, with the ports DNS cannot
/// give; an option in `extra` replaces the default one.
func runClient(
    _ services: Services, _ server: AppServerProcess?, _ extra: [String], timeout: Double = 60
) throws -> LabProcess.Result {
    var defaults = [
        ("--dhcp", "\(services.dhcpAddress)"), ("--dns-port", "\(services.dnsPort)"),
        ("--relay", "\(services.relay.localAddress)"), ("--timeout", "3"),
    ]
    if let server { defaults += [("--http-port", "\(server.http.port)"), ("--rudp-port", "\(server.rudp.port)")] }
    let arguments = defaults.filter { !extra.contains($0.0) }.flatMap { [$0.0, $0.1] }
    return try LabProcess.run("lab09-capstone", ["client"] + arguments + extra, timeout: timeout)
}
