/// The keep-alive clock's two decisions.
extension KeepAliveClock {
    /// What to do at `now`: `.expire` once nothing was heard for three intervals (expiry
    /// wins: a peer gone needs no keep-alive), `.send` once nothing was sent for one, else `.wait`.
    public func action(at now: Double) throws -> KeepAliveAction {
        if now - lastHeard >= 3 * interval { return .expire }
        if now - lastSent >= interval { return .send }
        return .wait
    }

    /// When `action` next changes its answer, if nothing is heard or sent before.
    public func nextDeadline() throws -> Double { min(lastSent + interval, lastHeard + 3 * interval) }
}
