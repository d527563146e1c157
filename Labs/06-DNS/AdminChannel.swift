import NetLabKit

// The channel's records, token and `replyLimit` are given, in `AdminChannel+Fields.swift`.
extension AdminChannel {
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
