import NetLabKit

extension SequenceDiagram {
    /// Draws a timeline as an SVG sequence diagram (part 6), for `--plot FILE.svg`.
    ///
    /// One column per actor (client, DHCP, DNS, relay, app server), in `Timeline.Actor`'s
    /// order, each a `<text class="actor">` name over a dashed `<line class="lifeline">`.
    /// Time runs down the page: each message is a `<line class="arrow">` from its sender's
    /// column to its receiver's at the height of its time (pushed down a row if it would
    /// touch the one before), with a `<text class="label">` above it, so a later message is
    /// always lower. Each phase is a `<text class="phase">` on the left at the height of its
    /// start, with its name and milliseconds.
    public static func svg(_ timeline: Timeline, title: String) -> String {
        // TODO: part 6.
        ""
    }
}
