/// A server's RUDP socket: one UDP port, any number of clients.
///
/// ```swift
/// let listener = try RUDPListener(bindingTo: SocketAddress(ip: "127.0.0.1", port: 0))
/// while true {
///     let connection = try listener.accept()
///     startThread { serve(connection) }
/// }
/// ```
import NetLabChannel
import NetLabKit

public final class RUDPListener: Sendable {
    /// Where the listener is bound (with the real port if you asked for port 0).
    public let localAddress: SocketAddress
    private let endpoint: Endpoint

    /// Binds a UDP port and starts answering handshakes.
    ///
    /// - Parameters:
    ///   - address: where to listen; port 0 picks a free port.
    ///   - faults: what the listener's channel does to all its traffic.
    ///   - options: timers, windows and sizes for every accepted connection.
    /// - Throws: `SocketError` if the port cannot be bound.
    public init(
        bindingTo address: SocketAddress, faults: Faults = .none, options: TransportOptions = TransportOptions()
    ) throws {
        let channel = try LossyChannel(bindingTo: address, faults: faults)
        localAddress = channel.localAddress
        endpoint = Endpoint(channel: channel, options: options, accepting: true)
        endpoint.start()
    }

    /// Waits for a client whose handshake has completed.
    ///
    /// - Parameter timeout: seconds to wait, or `nil` to wait until `close()`.
    /// - Throws: `RUDPError.timedOut`, or `RUDPError.closed` after `close()`.
    public func accept(timeout: Double? = nil) throws -> RUDPConnection {
        try endpoint.accept(timeout: timeout)
    }

    /// What the listener's channel has done to the traffic.
    public var channelCounters: ChannelCounters { endpoint.channel.counters }

    /// Stops listening and closes the socket; open connections die with it.
    public func close() {
        endpoint.stop()
    }
}
