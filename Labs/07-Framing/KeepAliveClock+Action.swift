/// The keep-alive clock's two decisions.
import NetLabKit

extension KeepAliveClock {
    /// What to do at `now`: `.expire` once nothing was heard for three intervals (expiry
    /// wins: a peer gone needs no keep-alive), `.send` once nothing was sent for one, else `.wait`.
    public func action(at now: Double) throws -> KeepAliveAction {
        // TODO
        throw NotImplemented("KeepAliveClock.action")
    }

    /// When `action` next changes its answer, if nothing is heard or sent before.
    public func nextDeadline() throws -> Double {
        // TODO
        throw NotImplemented("KeepAliveClock.nextDeadline")
    }
}
