import NetLabKit

extension PingServer {
    /// How the server behaves.
    public struct Configuration: Sendable {
        public var address: SocketAddress
        /// The fraction of datagrams to drop, from 0 (none) to 1 (all).
        public var loss: Double
        /// Seconds to wait before each reply.
        public var delay: Double
        /// The seed for the loss decisions.
        public var seed: UInt64

        public init(address: SocketAddress, loss: Double = 0, delay: Double = 0, seed: UInt64 = 1) {
            self.address = address
            self.loss = loss
            self.delay = delay
            self.seed = seed
        }
    }
}
