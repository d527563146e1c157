/// Part 8: the browser gateway boots like the client, then serves a local HTTP port whose
/// every request is fetched from the app server over RUDP.
import Lab09Capstone
import NetLabKit
import NetLabTesting
import Testing

@Suite("Browser gateway", .serialized)
struct GatewayTests {
    @Test("The gateway serves the app's page, its assets and media ranges over RUDP")
    func gateway() throws {
        let services = try Services()
        defer { services.stop() }
        services.register("my-app.home")
        let root = try Fixture.appFolder()
        defer { Fixture.remove(root) }
        let server = try AppServerProcess(root: root)
        defer { server.stop() }
        let gateway = try LabProcess.launch(
            "lab09-capstone",
            [
                "gateway", "--port", "0", "--dhcp", "\(services.dhcpAddress)", "--dns-port", "\(services.dnsPort)",
                "--http-port", "\(server.http.port)", "--rudp-port", "\(server.rudp.port)", "--timeout", "3",
            ])
        defer { gateway.stop() }
        let local = try gateway.waitForListening(scheme: "tcp")
        let home = try RawResponse.get("/", from: local)
        try requireImplemented(String(decoding: home.body, as: UTF8.self) + gateway.stderr)
        #expect(home.status == 200 && home.body == Fixture.index, "\(home)")
        #expect(home.header("Content-Type")?.contains("text/html") == true, "\(home)")
        let css = try RawResponse.get("/static/css/app.css", from: local)
        #expect(css.status == 200 && css.body == Fixture.css, "\(css)")
        #expect(css.header("Content-Type")?.contains("text/css") == true, "\(css)")
        let logo = try RawResponse.get("/static/img/logo.png", from: local)
        #expect(logo.body == Fixture.logo && logo.header("Content-Type") == "image/png", "\(logo)")
        let seek = try RawResponse.get("/media/intro.webm", from: local, headers: ["Range: bytes=5000-5999"])
        #expect(seek.status == 206 && seek.body == Array(Fixture.video[5000..<6000]), "\(seek)")
        #expect(seek.header("Content-Range") == "bytes 5000-5999/\(Fixture.video.count)", "\(seek)")
        let missing = try RawResponse.get("/watch?v=missing", from: local)
        #expect(missing.status == 404, "\(missing)")
        let stats = server.process.stderr
        #expect(stats.contains("rudp \"GET /static/css/app.css\" 200"), "the app server saw no RUDP request: \(stats)")
    }

    @Test("The gateway answers 502 when the app server is gone")
    func appGone() throws {
        let services = try Services()
        defer { services.stop() }
        services.register("my-app.home")
        let port = try Fixture.closedPort()
        let gateway = try LabProcess.launch(
            "lab09-capstone",
            [
                "gateway", "--port", "0", "--dhcp", "\(services.dhcpAddress)", "--dns-port", "\(services.dnsPort)",
                "--rudp-port", "\(port)", "--timeout", "0.5",
            ])
        defer { gateway.stop() }
        let local = try gateway.waitForListening(scheme: "tcp")
        let response = try RawResponse.get("/", from: local)
        #expect(response.status == 502, "\(response)")
    }
}
