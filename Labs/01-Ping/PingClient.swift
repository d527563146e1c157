import NetLabKit

// The configuration and the loop that calls these steps (`run`) are given, in
// `PingClient+Run.swift`.
extension PingClient {
    /// Part 4, step 2: sends ping `sequence` to the server and records it in `tally`.
    ///
    /// TODO: note the send time with `clock.now()` (a monotonic clock: RTTs are measured with
    /// it) and record it with `tally.sent(_:at:)`. Send the bytes of
    /// `PingMessage(kind: .ping, sequence: sequence, timestamp: SystemTime.wallClock())` to
    /// `configuration.server`. The wall-clock timestamp is only for people reading a capture.
    ///
    /// - Returns: the send time, by `clock`.
    public func sendPing(_ sequence: Int, on socket: UDPSocket, tally: inout PingTally) throws -> Double {
        throw NotImplemented("PingClient.sendPing")
    }

    /// Part 4, step 3: receives and reports datagrams until `deadline` (by `clock`), or until
    /// the reply to ping `sequence` comes.
    ///
    /// TODO: loop. Each time round, compute what is left: `deadline - clock.now()`. If nothing
    /// is left, return `false`. Otherwise wait that long with `socket.waitUntilReadable`
    /// (`false` means the time ran out), then take one datagram with `socket.receive()` (all
    /// of it: a stray of 3000 bytes is reported as 3000 bytes), let `tally.classify` say what
    /// it is (at `clock.now()`), and pass the event to `onEvent`. Return `true` once the event
    /// is the `.reply` to `sequence`. With `sequence` `nil`, nothing ends the wait but the
    /// deadline. Do not use `setReceiveTimeout` for this: each stray would restart the wait.
    ///
    /// - Returns: `true` if the reply to `sequence` came, `false` if `deadline` passed first.
    public func receive(
        on socket: UDPSocket, until deadline: Double, waitingFor sequence: Int?, tally: inout PingTally,
        onEvent: (PingEvent) -> Void
    ) throws -> Bool {
        throw NotImplemented("PingClient.receive")
    }
}
