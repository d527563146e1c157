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
        // TODO: part 6.
        ""
    }
}
