import Lab91Base

/// The later lab: it uses the earlier lab's function and implements its protocol.
public struct Shouter: Greeter {
    public init() {}

    public func greet(_ name: String) -> String {
        greeting(for: name).uppercased() + "!"
    }
}
