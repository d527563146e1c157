import NetLabKit

/// Draws a congestion-window trace as an SVG image: cwnd as a blue line, ssthresh as an
/// orange step line, timeouts as red marks and fast retransmits as purple ones. Open the
/// file in any browser to see slow start's curve and AIMD's sawtooth.
public enum TracePlot {
    /// - Parameters:
    ///   - events: the trace, oldest first.
    ///   - title: a line above the plot.
    /// - Returns: a complete SVG document.
    public static func svg(_ events: [TraceEvent], title: String = "RUDP congestion window") -> String {
        let width = 900.0, height = 420.0
        let left = 60.0, right = 20.0, top = 40.0, bottom = 50.0
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let duration = max(events.last?.time ?? 1, 1e-3)
        let capped = events.map { min($0.ssthresh, 1e6) }
        let highest = max(
            events.map(\.cwnd).max() ?? 1, (zip(events, capped).map { min($1, $0.cwnd * 4) }.max() ?? 1), 2)
        func x(_ t: Double) -> Double { left + t / duration * plotWidth }
        func y(_ v: Double) -> Double { top + plotHeight - min(v, highest) / highest * plotHeight }

        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" \
            viewBox="0 0 \(Int(width)) \(Int(height))" font-family="sans-serif" font-size="12">
            <rect width="100%" height="100%" fill="white"/>
            <text x="\(Int(width / 2))" y="22" text-anchor="middle" font-size="15">\(escape(title))</text>

            """
        // Axes with five ticks each.
        svg +=
            line(left, top, left, top + plotHeight, "black")
            + line(left, top + plotHeight, left + plotWidth, top + plotHeight, "black")
        for tick in 0...5 {
            let t = duration * Double(tick) / 5, v = highest * Double(tick) / 5
            svg +=
                "<text x=\"\(fixed(x(t), decimals: 1))\" y=\"\(fixed(top + plotHeight + 18, decimals: 1))\" "
                    + "text-anchor=\"middle\">\(fixed(t, decimals: 3))</text>\n"
            svg +=
                "<text x=\"\(fixed(left - 6, decimals: 1))\" y=\"\(fixed(y(v) + 4, decimals: 1))\" "
                    + "text-anchor=\"end\">\(fixed(v, decimals: 0))</text>\n"
            svg += line(left, y(v), left + plotWidth, y(v), "#e5e5e5")
        }
        svg +=
            "<text x=\"\(Int(left + plotWidth / 2))\" y=\"\(Int(height - 10))\" text-anchor=\"middle\">time "
                + "(s)</text>\n"
        svg +=
            "<text x=\"16\" y=\"\(Int(top + plotHeight / 2))\" text-anchor=\"middle\" transform=\"rotate(-90 16 "
                + "\(Int(top + plotHeight / 2)))\">segments</text>\n"

        if !events.isEmpty {
            var cwndPoints: [String] = []
            var thresholdPoints: [String] = []
            var previous: TraceEvent?
            for event in events {
                if let previous {
                    // Step lines: a value holds until the next event changes it.
                    cwndPoints.append("\(fixed(x(event.time), decimals: 2)),\(fixed(y(previous.cwnd), decimals: 2))")
                    thresholdPoints.append(
                        "\(fixed(x(event.time), decimals: 2)),\(fixed(y(previous.ssthresh), decimals: 2))")
                }
                cwndPoints.append("\(fixed(x(event.time), decimals: 2)),\(fixed(y(event.cwnd), decimals: 2))")
                thresholdPoints.append("\(fixed(x(event.time), decimals: 2)),\(fixed(y(event.ssthresh), decimals: 2))")
                previous = event
            }
            svg +=
                "<polyline fill=\"none\" stroke=\"#ff7f0e\" stroke-width=\"1.5\" stroke-dasharray=\"6 3\" "
                    + "points=\"\(thresholdPoints.joined(separator: " "))\"/>\n"
            svg +=
                "<polyline fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"1.5\" "
                    + "points=\"\(cwndPoints.joined(separator: " "))\"/>\n"
            for event in events where event.event == "timeout" || event.event == "fast-retransmit" {
                let colour = event.event == "timeout" ? "#d62728" : "#9467bd"
                svg +=
                    "<circle cx=\"\(fixed(x(event.time), decimals: 2))\" cy=\"\(fixed(y(event.cwnd), decimals: 2))\" "
                        + "r=\"3\" fill=\"\(colour)\"/>\n"
            }
        }
        // Legend.
        let legend: [(String, String)] = [
            ("#1f77b4", "cwnd"), ("#ff7f0e", "ssthresh"), ("#d62728", "timeout"), ("#9467bd", "fast retransmit"),
        ]
        for (index, entry) in legend.enumerated() {
            let lx = left + 10 + Double(index) * 120
            svg +=
                "<rect x=\"\(fixed(lx, decimals: 1))\" y=\"\(fixed(top + 4, decimals: 1))\" width=\"12\" height=\"12\" "
                    + "fill=\"\(entry.0)\"/>"
            svg +=
                "<text x=\"\(fixed(lx + 16, decimals: 1))\" y=\"\(fixed(top + 14, decimals: 1))\">\(entry.1)</text>\n"
        }
        svg += "</svg>\n"
        return svg
    }

    private static func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, _ colour: String) -> String {
        "<line x1=\"\(fixed(x1, decimals: 1))\" y1=\"\(fixed(y1, decimals: 1))\" x2=\"\(fixed(x2, decimals: 1))\" "
            + "y2=\"\(fixed(y2, decimals: 1))\" stroke=\"\(colour)\"/>\n"
    }

    private static func escape(_ text: String) -> String {
        text.replacingAll("&", "&amp;").replacingAll("<", "&lt;").replacingAll(">", "&gt;")
    }
}

extension String {
    /// Replaces every occurrence (no Foundation).
    func replacingAll(_ target: String, _ replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
