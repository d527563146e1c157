/// What a starter throws where the student's code goes.
///
/// Starters compile and run, but every unfinished function throws this instead of crashing,
/// so one missing piece fails its own tests and nothing else. Delete the `throw` when you
/// write the real code.
public struct NotImplemented: Error, CustomStringConvertible, Sendable {
    public let what: String

    /// - Parameter what: the function or feature to write, such as `"PingMessage.decode"`.
    public init(_ what: String) {
        self.what = what
    }

    public var description: String { "not implemented yet: \(what) (your code goes here)" }
}
