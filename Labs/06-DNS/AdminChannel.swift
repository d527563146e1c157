import NetLabKit

/// The admin channel's text protocol, one command per UDP datagram, one reply per command:
///
/// ```
/// REGISTER app.netlab 127.0.0.1   →  OK
/// UNREGISTER app.netlab           →  OK            (or ERROR no address records for app.netlab.)
/// LIST                            →  OK 1
///                                    app.netlab. 300 IN A 127.0.0.1
/// ```
///
/// A reply is one datagram, so LIST sends at most `replyLimit` bytes. When the records do
/// not all fit, the first line says how many came of how many: `OK 1617 of 3000`.
///
/// Commands are accepted from loopback addresses only. When the server has a token, they
/// are accepted from anywhere, but only when they start with `TOKEN <token>`. Anything else
/// gets a one-line `ERROR <reason>`.
public struct AdminChannel: Sendable {
    public let records: LocalRecords
    public let token: String?
    /// The most bytes a reply takes: it must fit one UDP datagram (at most 65,507 bytes).
    public static let replyLimit = 60_000

    public init(records: LocalRecords, token: String? = nil) {
        self.records = records
        self.token = token
    }

    /// Runs one command and returns the reply text.
    ///
    /// - Parameters:
    ///   - datagram: the command as it arrived (UTF-8 text, a trailing newline is fine).
    ///   - sender: who sent it; decides whether it is allowed.
    public func handle(_ datagram: [UInt8], from sender: SocketAddress) -> String {
        // TODO: split the text into words (a trailing newline is fine).
        //  - With a `token`: the first two words must be TOKEN and the token; drop them.
        //    Without one: only `sender.isLoopback` may send commands.
        //  - REGISTER <name> <ip>: `records.register`; "OK".
        //  - UNREGISTER <name>: `records.unregister`; "OK", or ERROR if it had no address.
        //  - LIST: "OK <count>", then one line per record (`DigFormatter.recordLine` with
        //    separator " "). Stop before the reply passes `Self.replyLimit` bytes; then the
        //    first line must say how many of how many it shows: "OK <shown> of <count>".
        //  - Anything else, or the wrong number of words: "ERROR <reason>".
        // Command words ignore case.
        "ERROR not implemented yet: AdminChannel.handle"
    }
}
