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

    /// The number in attribute `name` of one SVG element (its text after the `<`).
    static func attribute(_ name: String, in element: String) -> Double? {
        guard let range = element.range(of: " \(name)=\"") else { return nil }
        return Double(element[range.upperBound...].prefix { $0 != "\"" })
    }

    /// The values of attribute `name` in the elements `<tag …>` of `svg` whose text has `marker`, in order.
    static func numbers(_ svg: String, tag: String, marker: String, attribute name: String) -> [Double] {
        svg.components(separatedBy: "<").dropFirst().filter { $0.hasPrefix(tag) && $0.contains(marker) }.compactMap {
            attribute(name, in: $0)
        }
    }

    @Test("Messages at the same time are drawn a row apart, in order, even in a run of no time")
    func crowded() throws {
        let same = Timeline(messages: (0..<4).map { .init(at: 0.5, from: .client, to: .dns, label: "Q\($0)") })
        let still = Timeline(messages: (0..<3).map { .init(at: 0, from: .dns, to: .client, label: "A\($0)") })
        for (name, timeline) in [("four messages at 0.5 ms", same), ("three at 0 ms, no phases", still)] {
            let svg = SequenceDiagram.svg(timeline, title: name)
            #expect(!svg.contains("nan") && !svg.contains("inf"), "\(name): \(svg)")
            let ys = Self.geometry(svg).arrows.map(\.y)
            #expect(ys.count == timeline.messages.count, "\(name): \(svg)")
            let gaps = zip(ys.dropFirst(), ys).map { $0 - $1 }
            // Apart enough that two labels (12-pixel text) cannot overlap, and all by the same row.
            #expect(gaps.allSatisfy { $0 >= 12 } && Set(gaps).count <= 1, "\(name): arrows at y = \(ys)")
        }
    }

    @Test("The run fills about 600 pixels, the columns keep Timeline.Actor's order, the page holds it all")
    func layout() throws {
        let svg = SequenceDiagram.svg(Self.sample, title: "boot")
        let (arrows, actors) = Self.geometry(svg)
        try #require(arrows.count == 3, "\(svg)")
        // The sample runs 2.25 ms (to the end of its last phase); its first and last messages are
        // 1.5 ms apart: about 400 of the run's 600 pixels.
        let span = arrows[2].y - arrows[0].y
        #expect(span > 350 && span < 450, "the arrows of 0.3 ms and 1.8 ms are \(span) pixels apart")
        // A run shorter than 1 ms is drawn as 1 ms would be: 0.5 ms apart is about 300 pixels.
        let short = Timeline(messages: [
            .init(at: 0.1, from: .client, to: .relay, label: "FETCH"),
            .init(at: 0.6, from: .relay, to: .client, label: "OK"),
        ])
        let quick = Self.geometry(SequenceDiagram.svg(short, title: "quick")).arrows.map(\.y)
        #expect(quick.count == 2 && abs(quick[1] - quick[0] - 300) < 30, "arrows 0.5 ms apart at y = \(quick)")
        let columns = Timeline.Actor.allCases.map { actors[$0.rawValue] ?? -1 }
        let steps = zip(columns.dropFirst(), columns).map { $0 - $1 }
        #expect(steps.allSatisfy { $0 > 0 } && Set(steps).count == 1, "columns at x = \(columns)")
        let width = Self.numbers(svg, tag: "svg", marker: "xmlns", attribute: "width").first ?? 0
        let height = Self.numbers(svg, tag: "svg", marker: "xmlns", attribute: "height").first ?? 0
        #expect(columns.allSatisfy { $0 > 0 && $0 < width }, "columns at x = \(columns), page \(width) wide")
        #expect(
            arrows.allSatisfy { $0.y > 0 && $0.y < height }, "arrows at y = \(arrows.map(\.y)), page \(height) high")
        let lifelines = Self.numbers(svg, tag: "line", marker: "lifeline", attribute: "y2")
        #expect(lifelines.count == 5 && lifelines.allSatisfy { $0 > arrows[2].y && $0 <= height },
            "lifelines end at y = \(lifelines), the last arrow is at \(arrows[2].y), the page \(height) high")
    }

    @Test("Each phase's name is at the height of its start, one after every message below them all")
    func phases() throws {
        var timeline = Self.sample
        timeline.phases.append(.init(name: "late", start: 5, elapsed: 0.5, detail: "", succeeded: true))
        timeline.phases.append(.init(name: "same", start: 1.0, elapsed: 0.2, detail: "", succeeded: true))
        let svg = SequenceDiagram.svg(timeline, title: "boot")
        let ys = Self.geometry(svg).arrows.map(\.y)
        let labels = Self.numbers(svg, tag: "text", marker: "class=\"phase\"", attribute: "y")
        try #require(ys.count == 3 && labels.count == 4, "\(svg)")
        let height = Self.numbers(svg, tag: "svg", marker: "xmlns", attribute: "height").first ?? 0
        // dhcp starts at 0.25 ms, before the first message (0.3 ms); dns at 1.75 ms, between the
        // second (1.0 ms) and the third (1.8 ms); late at 5 ms, after all three; same at 1.0 ms,
        // the moment of the second.
        #expect(labels[0] > 0 && labels[0] <= ys[0], "dhcp at y = \(labels[0]), arrows at \(ys)")
        #expect(labels[1] > ys[1] && labels[1] <= ys[2], "dns at y = \(labels[1]), arrows at \(ys)")
        #expect(labels[2] > ys[2] && labels[2] < height, "late at y = \(labels[2]), arrows at \(ys), page \(height)")
        #expect(labels[3] > ys[0] && labels[3] <= ys[1], "same at y = \(labels[3]), arrows at \(ys)")
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
