import NetLabKit

/// The layout of the SVG sequence diagram that `--plot FILE.svg` draws (part 6: `svg`, in
/// SequenceDiagram+SVG.swift): sizes in pixels.
public enum SequenceDiagram {
    static let columnWidth = 170.0
    static let left = 120.0
    static let top = 60.0
    /// The least distance between two arrows, in pixels.
    static let row = 28.0
}
