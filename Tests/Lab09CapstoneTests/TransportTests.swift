/// Part 5: the whole client, end to end: boot, then the page over TCP, through the relay
/// and over RUDP, with the same SHA-256 for all three.
import Foundation
import Lab09Capstone
import NetLabKit
import NetLabTesting
import Testing

@Suite("Three transports", .serialized)
struct TransportTests {
    @Test("Each transport alone fetches the page", arguments: ["tcp", "relay", "rudp"])
    func one(via: String) throws {
        let services = try Services()
        defer { services.stop() }
        services.register("my-app.home")
        let root = try Fixture.appFolder()
        defer { Fixture.remove(root) }
        let server = try AppServerProcess(root: root)
        defer { server.stop() }
        let run = try runClient(services, server, ["--via", via, "--path", "/watch?v=intro"])
        try requireImplemented(run.stderr)
        #expect(run.exitCode == 0, "\(run)")
        let page = WatchPage.render(String(decoding: Fixture.watch, as: UTF8.self), id: "intro")
        let digest = SHA256.hex(Array(page.utf8))
        #expect(run.stdoutLines.contains { $0.hasPrefix("sha256 \(via)") && $0.hasSuffix(digest) }, "\(run)")
        #expect(run.stdoutLines.contains { $0.hasPrefix(via) && $0.contains("\(page.utf8.count) bytes") }, "\(run)")
    }

    @Test("With --via all the three bodies match, and -o saves the body")
    func all() throws {
        let services = try Services()
        defer { services.stop() }
        services.register("my-app.home")
        let root = try Fixture.appFolder()
        defer { Fixture.remove(root) }
        let server = try AppServerProcess(root: root)
        defer { server.stop() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lab09-\(UUID().uuidString)").path
        try FileSystem.createDirectory(folder)
        defer { Fixture.remove(folder) }
        let run = try runClient(services, server, ["--via", "all", "--path", "/media/intro.webm", "-o", folder])
        try requireImplemented(run.stderr)
        #expect(run.exitCode == 0, "\(run)")
        let digest = SHA256.hex(Fixture.video)
        let sums = run.stdoutLines.filter { $0.hasPrefix("sha256 ") }
        #expect(sums.count == 3 && sums.allSatisfy { $0.hasSuffix(digest) }, "\(run)")
        #expect(run.stdout.contains("all 3 bodies match"), "\(run)")
        let saved = try FileSystem.readAll("\(folder)/intro.webm")
        #expect(saved == Fixture.video)
        let phases = run.stdoutLines.compactMap { $0.split(separator: " ").first.map(String.init) }
        #expect(Array(phases.prefix(5)) == ["dhcp", "dns", "tcp", "relay", "rudp"], "\(run)")
    }
}
