import NetLabKit

extension SequenceDiagram {
    /// Draws a timeline as an SVG sequence diagram (part 6), for `--plot FILE.svg`.
    ///
    /// One column per actor (client, DHCP, DNS, relay, app server), in `Timeline.Actor`'s
    /// order, each a `<text class="actor">` name over a dashed `<line class="lifeline">`.
    /// Time runs down the page: each message is a `<line class="arrow">` from its sender's
    /// column to its receiver's at the height of its time (pushed down a row if it would
    /// touch the one before), with a `<text class="label">` above it, so a later message is
    /// always lower. The whole run, to its last message or the end of its last phase, takes
    /// about 600 pixels, and a run shorter than 1 ms is drawn as if it took 1 ms; a run that
    /// took no time at all still gets a row per message. Each
    /// phase is a `<text class="phase">` on the left at the height of its start, with its name
    /// and milliseconds. The page (`width`, `height`) holds every column and every arrow.
    public static func svg(_ timeline: Timeline, title: String) -> String {
        let actors = Timeline.Actor.allCases
        let messages = timeline.messages.sorted { $0.at < $1.at }
        // A message's height follows its time (the whole run fills about 600 pixels), but
        // never closer than one row to the one before, so labels never overlap.
        let total = max(messages.last?.at ?? 0, timeline.phases.map { $0.start + $0.elapsed }.max() ?? 0, 1)
        let scale = 600 / total
        let timeZero = top + row  // the height of the run's start: one row under the names
        var heights: [Double] = []
        for message in messages {
            heights.append(max((heights.last ?? top) + row, timeZero + message.at * scale))
        }
        let width = left + columnWidth * Double(actors.count)
        let height = (heights.last ?? top) + 2 * row
        func x(_ actor: Timeline.Actor) -> Double {
            left + columnWidth * (Double(actors.firstIndex(of: actor)!) + 0.5)
        }
        func y(_ index: Int) -> Double { index < heights.count ? heights[index] : height - row }
        var svg = [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\""
                + " font-family=\"sans-serif\" font-size=\"12\">",
            "<defs><marker id=\"head\" markerWidth=\"8\" markerHeight=\"8\" refX=\"8\" refY=\"4\" orient=\"auto\">"
                + "<path d=\"M0,0 L8,4 L0,8 z\"/></marker></defs>",
            "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>",
            "<text x=\"10\" y=\"20\" font-size=\"14\">\(WatchPage.escape(title))</text>",
        ]
        for actor in actors {
            let column = fixed(x(actor), decimals: 1)
            svg.append(
                "<text class=\"actor\" x=\"\(column)\" y=\"\(Int(top - 15))\" text-anchor=\"middle\""
                    + " font-weight=\"bold\">\(actor.rawValue)</text>")
            svg.append(
                "<line class=\"lifeline\" x1=\"\(column)\" y1=\"\(Int(top - 8))\" x2=\"\(column)\""
                    + " y2=\"\(Int(height - 10))\" stroke=\"#999\" stroke-dasharray=\"4,4\"/>")
        }
        for (index, message) in messages.enumerated() {
            let row = fixed(y(index), decimals: 1)
            let (x1, x2) = (x(message.from), x(message.to))
            svg.append(
                "<line class=\"arrow\" x1=\"\(fixed(x1, decimals: 1))\" y1=\"\(row)\" x2=\"\(fixed(x2, decimals: 1))\""
                    + " y2=\"\(row)\" stroke=\"black\" marker-end=\"url(#head)\"/>")
            svg.append(
                "<text class=\"label\" x=\"\(fixed((x1 + x2) / 2, decimals: 1))\""
                    + " y=\"\(fixed(y(index) - 4, decimals: 1))\""
                    + " text-anchor=\"middle\">\(WatchPage.escape(message.label))"
                    + " (\(fixed(message.at, decimals: 1)) ms)</text>")
        }
        for phase in timeline.phases {
            let first = messages.firstIndex { $0.at >= phase.start } ?? messages.count
            svg.append(
                "<text class=\"phase\" x=\"10\" y=\"\(fixed(y(first), decimals: 1))\">"
                    + "\(WatchPage.escape(phase.name)) \(fixed(phase.elapsed, decimals: 1)) ms</text>")
        }
        svg.append("</svg>")
        return svg.joined(separator: "\n") + "\n"
    }
}
