import NetLabKit
import Synchronization

/// What the client did, phase by phase, and every message it sent or received, each with
/// its time in milliseconds since the boot began. Given code: writing it as JSON and
/// drawing it are yours (part 6).
public struct Timeline: Sendable, Equatable {
    /// The five columns of the sequence diagram.
    public enum Actor: String, Sendable, CaseIterable {
        case client, dhcp, dns, relay
        case app = "app server"
    }

    /// One phase: `dhcp`, `dns`, `tcp`, `relay` or `rudp`.
    public struct Phase: Sendable, Equatable {
        public var name: String
        /// When it began, in ms since the boot began.
        public var start: Double
        /// How long it took, in ms.
        public var elapsed: Double
        /// What it learned: the lease, the DNS answer, bytes and goodput…
        public var detail: String
        public var succeeded: Bool
        public init(name: String, start: Double, elapsed: Double, detail: String, succeeded: Bool) {
            (self.name, self.start, self.elapsed) = (name, start, elapsed)
            (self.detail, self.succeeded) = (detail, succeeded)
        }
    }

    /// One arrow: a message from one actor to another.
    public struct Message: Sendable, Equatable {
        public var at: Double
        public var from: Actor
        public var to: Actor
        public var label: String
        public init(at: Double, from: Actor, to: Actor, label: String) {
            (self.at, self.from, self.to, self.label) = (at, from, to, label)
        }
    }

    public var phases: [Phase] = []
    public var messages: [Message] = []
    public init(phases: [Phase] = [], messages: [Message] = []) {
        self.phases = phases
        self.messages = messages
    }

    /// One line per phase, as the client prints it:
    /// `dhcp       1.9 ms  lease 10.0.0.10 …`.
    public var lines: [String] {
        phases.map { phase in
            let name = phase.name.padding(to: 6)
            let time = (fixed(phase.elapsed, decimals: 1) + " ms").leftPadding(to: 11)
            return "\(name)\(time)  \(phase.succeeded ? "" : "FAILED: ")\(phase.detail)"
        }
    }
}

/// Collects a `Timeline` while the client runs; safe to call from any thread.
public final class TimelineRecorder: Sendable {
    let clock = SystemTime()
    let origin: Double
    let state = Mutex(Timeline())

    public init() { origin = SystemTime().now() }

    /// Milliseconds since this recorder was made.
    public var now: Double { (clock.now() - origin) * 1000 }

    /// Records an arrow from `from` to `to`, now.
    public func message(_ label: String, from: Timeline.Actor, to: Timeline.Actor) {
        let at = now
        state.withLock { $0.messages.append(Timeline.Message(at: at, from: from, to: to, label: label)) }
    }

    /// Records a finished phase that began at `start` (a value of `now`).
    public func phase(_ name: String, start: Double, detail: String, succeeded: Bool = true) {
        let end = now
        state.withLock {
            $0.phases.append(
                Timeline.Phase(name: name, start: start, elapsed: end - start, detail: detail, succeeded: succeeded))
        }
    }

    /// Everything recorded so far.
    public var timeline: Timeline { state.withLock { $0 } }
}

extension String {
    /// The string with spaces after it up to `width` characters.
    func padding(to width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
    /// The string with spaces before it up to `width` characters.
    func leftPadding(to width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
