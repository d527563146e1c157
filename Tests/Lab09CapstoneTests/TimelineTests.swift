/// Part 6: the timeline as JSON (`--timeline`) and as an SVG sequence diagram (`--plot`).
import Foundation
import Lab09Capstone
import NetLabKit
import NetLabTesting
import Testing

@Suite("Timeline and plot", .serialized)
struct TimelineTests {
    static let sample = Timeline(
        phases: [
            .init(
                name: "dhcp", start: 0.25, elapsed: 1.5, detail: "lease \"10.0.0.10\"\n\tback\\slash", succeeded: true),
            .init(name: "dns", start: 1.75, elapsed: 0.5, detail: "REFUSED", succeeded: false),
        ],
        messages: [
            .init(at: 0.3, from: .client, to: .dhcp, label: "DISCOVER"),
            .init(at: 1.0, from: .dhcp, to: .client, label: "OFFER"),
            .init(at: 1.8, from: .client, to: .dns, label: "A <my-app.home>?"),
        ])

    @Test("The JSON holds every phase and message, with strings escaped")
    func json() throws {
        let text = Self.sample.json()
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        let phases = try #require(object?["phases"] as? [[String: Any]], "not a timeline: \(text)")
        let messages = try #require(object?["messages"] as? [[String: Any]], "not a timeline: \(text)")
        #expect(phases.map { $0["name"] as? String } == ["dhcp", "dns"])
        #expect(phases[0]["detail"] as? String == "lease \"10.0.0.10\"\n\tback\\slash")
        #expect(phases.map { $0["ok"] as? Bool } == [true, false])
        #expect((phases[0]["start_ms"] as? Double).map { abs($0 - 0.25) < 1e-9 } == true)
        #expect((phases[1]["elapsed_ms"] as? Double).map { abs($0 - 0.5) < 1e-9 } == true)
        #expect(messages.map { $0["from"] as? String } == ["client", "dhcp", "client"])
        #expect(messages.map { $0["to"] as? String } == ["dhcp", "client", "dns"])
        #expect(messages.map { $0["label"] as? String } == ["DISCOVER", "OFFER", "A <my-app.home>?"])
        #expect((messages[2]["at_ms"] as? Double).map { abs($0 - 1.8) < 1e-9 } == true)
    }

    /// The `y1` of every arrow, and the `x` of every actor's name, from an SVG.
    static func geometry(_ svg: String) -> (arrows: [(x1: Double, x2: Double, y: Double)], actors: [String: Double]) {
        var arrows: [(Double, Double, Double)] = []
        var actors: [String: Double] = [:]
        func attribute(_ name: String, in element: String) -> Double? {
            guard let range = element.range(of: " \(name)=\"") else { return nil }
            return Double(element[range.upperBound...].prefix { $0 != "\"" })
        }
        for element in svg.components(separatedBy: "<").dropFirst() {
            if element.hasPrefix("line") && element.contains("class=\"arrow\""),
                let x1 = attribute("x1", in: element), let x2 = attribute("x2", in: element),
                let y = attribute("y1", in: element)
            {
                arrows.append((x1, x2, y))
            }
            if element.hasPrefix("text") && element.contains("class=\"actor\""), let x = attribute("x", in: element),
                let close = element.firstIndex(of: ">")
            {
                actors[String(element[element.index(after: close)...])] = x
            }
        }
        return (arrows, actors)
    }

    @Test("The plot has a column per actor and an arrow per message, later ones lower")
    func plot() throws {
        let svg = SequenceDiagram.svg(Self.sample, title: "boot")
        #expect(svg.hasPrefix("<svg") && svg.contains("</svg>"), "\(svg.prefix(200))")
        let (arrows, actors) = Self.geometry(svg)
        #expect(Set(actors.keys) == ["client", "dhcp", "dns", "relay", "app server"], "\(actors)")
        #expect(arrows.count == 3, "\(svg)")
        guard arrows.count == 3, let client = actors["client"], let dhcp = actors["dhcp"], let dns = actors["dns"]
        else { return }
        #expect(arrows[0].x1 == client && arrows[0].x2 == dhcp)
        #expect(arrows[1].x1 == dhcp && arrows[1].x2 == client)
        #expect(arrows[2].x1 == client && arrows[2].x2 == dns)
        #expect(arrows[0].y < arrows[1].y && arrows[1].y < arrows[2].y)
        #expect(svg.contains("A &lt;my-app.home&gt;?"), "labels are escaped")
        #expect(!svg.contains("<my-app.home>"))
    }

    @Test("The client writes its run with --timeline and --plot")
    func client() throws {
        let services = try Services()
        defer { services.stop() }
        services.register("my-app.home")
        let root = try Fixture.appFolder()
        defer { Fixture.remove(root) }
        let server = try AppServerProcess(root: root)
        defer { server.stop() }
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("lab09-\(UUID().uuidString)").path
        defer {
            Fixture.remove("\(base).json")
            Fixture.remove("\(base).svg")
        }
        let run = try runClient(services, server, ["--timeline", "\(base).json", "--plot", "\(base).svg"])
        try requireImplemented(run.stderr)
        #expect(run.exitCode == 0, "\(run)")
        let json = try FileSystem.readAll("\(base).json")
        let object = try JSONSerialization.jsonObject(with: Data(json)) as? [String: Any]
        let phases = try #require(object?["phases"] as? [[String: Any]], "\(String(decoding: json, as: UTF8.self))")
        #expect(phases.map { $0["name"] as? String } == ["dhcp", "dns", "tcp", "relay", "rudp"])
        let starts = phases.compactMap { $0["start_ms"] as? Double }
        #expect(starts == starts.sorted() && starts.count == 5, "\(starts)")
        let messages = try #require(object?["messages"] as? [[String: Any]])
        #expect(messages.count >= 10, "\(messages.count) messages")
        let svg = String(decoding: try FileSystem.readAll("\(base).svg"), as: UTF8.self)
        let (arrows, actors) = Self.geometry(svg)
        #expect(arrows.count == messages.count)
        #expect(actors.count == 5)
        #expect(arrows.map(\.y) == arrows.map(\.y).sorted())
    }
}
