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
///
/// This file is given: the channel's records, token and reply limit. Running a command is
/// `handle`, in `AdminChannel.swift`: you write it.
public struct AdminChannel: Sendable {
    public let records: LocalRecords
    public let token: String?
    /// The most bytes a reply takes: it must fit one UDP datagram (at most 65,507 bytes).
    public static let replyLimit = 60_000

    public init(records: LocalRecords, token: String? = nil) {
        self.records = records
        self.token = token
    }
}
