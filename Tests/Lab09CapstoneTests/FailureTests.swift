/// Part 7: each phase that fails says which phase, what it tried and for how long, and
/// the client exits 1 in bounded time.
import Foundation
import Lab09Capstone
import NetLabKit
import NetLabTesting
import Testing

@Suite("Failures", .serialized)
struct FailureTests {
    @Test("A failure's line names the phase, what it tried, for how long and why")
    func message() {
        let failure = PhaseFailure(
            phase: "dns", tried: "my-app.home A from 127.0.0.1:5353", seconds: 0.26, reason: "NXDOMAIN")
        let line = failure.message
        #expect(line == "error: dns failed: tried my-app.home A from 127.0.0.1:5353 for 0.3 s: NXDOMAIN")
    }

    /// Runs the client, checks it failed in `phase` within the time allowed, and returns stderr.
    static func fails(
        _ services: Services, _ server: AppServerProcess?, _ extra: [String], phase: String, tried: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> String {
        let started = SystemTime().now()
        let run = try runClient(services, server, ["--timeout", "1"] + extra, timeout: 30)
        let seconds = SystemTime().now() - started
        try requireImplemented(run.stderr, sourceLocation: sourceLocation)
        #expect(run.exitCode == 1, "\(run)", sourceLocation: sourceLocation)
        #expect(seconds < 15, "took \(seconds) s", sourceLocation: sourceLocation)
        let line = run.stderr.split(separator: "\n").map(String.init).first { $0.hasPrefix("error:") } ?? ""
        #expect(line.hasPrefix("error: \(phase) failed: tried \(tried)"), "\(run)", sourceLocation: sourceLocation)
        #expect(line.contains(" s: "), "\(line)", sourceLocation: sourceLocation)
        return line
    }

    @Test("No DHCP answer")
    func noDHCP() throws {
        let services = try Services()
        defer { services.stop() }
        let silent = try FakeUDPPeer { _, _, _ in }
        defer { silent.stop() }
        let line = try Self.fails(
            services, nil, ["--dhcp", "\(silent.address)"], phase: "dhcp", tried: "DISCOVER to \(silent.address)")
        // It tried for its whole timeout (1 s), give or take a loaded machine's delays.
        let seconds = line.components(separatedBy: " for ").last.flatMap { Double($0.prefix { $0 != " " }) }
        #expect(seconds.map { $0 >= 0.9 && $0 < 5 } == true, "\(line)")
    }

    @Test("An unknown name")
    func unknownName() throws {
        let services = try Services()
        defer { services.stop() }
        let line = try Self.fails(
            services, nil, ["--name", "nosuch.home"], phase: "dns",
            tried: "nosuch.home A from \(services.dnsAddresses.udp)")
        #expect(line.contains("NXDOMAIN") || line.contains("REFUSED"), "\(line)")
    }

    @Test("The app server is down")
    func serverDown() throws {
        let services = try Services()
        defer { services.stop() }
        services.register("my-app.home")
        let port = try Fixture.closedPort()
        _ = try Self.fails(
            services, nil, ["--via", "tcp", "--http-port", "\(port)"], phase: "tcp",
            tried: "GET http://127.0.0.1:\(port)/")
        _ = try Self.fails(
            services, nil, ["--via", "rudp", "--rudp-port", "\(port)"], phase: "rudp",
            tried: "GET / over RUDP from 127.0.0.1:\(port)")
    }

    @Test("A transfer that fails: a page that is not there")
    func transferFailed() throws {
        let services = try Services()
        defer { services.stop() }
        services.register("my-app.home")
        let root = try Fixture.appFolder()
        defer { Fixture.remove(root) }
        let server = try AppServerProcess(root: root)
        defer { server.stop() }
        for via in ["tcp", "relay", "rudp"] {
            let line = try Self.fails(services, server, ["--via", via, "--path", "/missing"], phase: via, tried: "")
            #expect(line.contains("404"), "\(line)")
        }
    }
}
