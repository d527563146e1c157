/// A greeting, as an earlier lab's code that a later lab builds on.
///
/// - Parameter name: who to greet.
/// - Returns: `hello, NAME`.
public func greeting(for name: String) -> String {
    "hello, \(name)"
}

/// A hook that the later lab implements, as `HTTPHandler` is for the proxy.
public protocol Greeter {
    func greet(_ name: String) -> String
}
