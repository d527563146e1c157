import NetLabKit

extension PhaseFailure {
    /// The one line the client prints on standard error before it exits 1 (part 7):
    ///
    /// `error: dns failed: tried my-app.home A from 127.0.0.1:5353 for 0.0 s: NXDOMAIN`
    ///
    /// The phase, then `failed: tried`, what it tried, `for`, the seconds with one decimal
    /// (`formatSeconds`), then `s: ` and the reason.
    public var message: String {
        // TODO: part 7.
        "error: \(NotImplemented("PhaseFailure.message"))"
    }
}
