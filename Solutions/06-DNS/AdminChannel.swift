import NetLabKit

// The channel's records, token and `replyLimit` are given, in `AdminChannel+Fields.swift`.
extension AdminChannel {
    /// Runs one command and returns the reply text.
    ///
    /// - Parameters:
    ///   - datagram: the command as it arrived (UTF-8 text, a trailing newline is fine).
    ///   - sender: who sent it; decides whether it is allowed.
    public func handle(_ datagram: [UInt8], from sender: SocketAddress) -> String {
        let text = String(decoding: datagram.prefix(1024), as: UTF8.self)
        var words = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).map(String.init)
        if let token {
            guard words.count >= 2, words[0].uppercased() == "TOKEN", words[1] == token else {
                return "ERROR bad or missing token: start the command with TOKEN <token>"
            }
            words.removeFirst(2)
        } else if !sender.isLoopback {
            return "ERROR admin commands are accepted from loopback only"
        }
        guard let command = words.first?.uppercased() else {
            return "ERROR empty command: use REGISTER, UNREGISTER or LIST"
        }
        switch command {
        case "REGISTER":
            guard words.count == 3 else { return "ERROR usage: REGISTER <name> <ip>" }
            guard let name = DNSName(words[1]), !name.labels.isEmpty else { return "ERROR bad name '\(words[1])'" }
            guard records.register(name: name, ip: words[2]) else {
                return "ERROR bad ip '\(words[2])': write an IPv4 or IPv6 address"
            }
            return "OK"
        case "UNREGISTER":
            guard words.count == 2 else { return "ERROR usage: UNREGISTER <name>" }
            guard let name = DNSName(words[1]) else { return "ERROR bad name '\(words[1])'" }
            return records.unregister(name: name) ? "OK" : "ERROR no address records for \(name)"
        case "LIST":
            guard words.count == 1 else { return "ERROR usage: LIST" }
            let all = records.allRecords
            var lines: [String] = []
            // Room for the longest first line, written once we know how many lines fit.
            var size = "OK \(all.count) of \(all.count)".utf8.count
            for record in all {
                let line = DigFormatter.recordLine(record, separator: " ")
                size += 1 + line.utf8.count
                if size > Self.replyLimit { break }
                lines.append(line)
            }
            // Never claim more lines than are sent: a cut list says so.
            let first = lines.count == all.count ? "OK \(all.count)" : "OK \(lines.count) of \(all.count)"
            return ([first] + lines).joined(separator: "\n")
        default:
            return "ERROR unknown command '\(words[0])': use REGISTER, UNREGISTER or LIST"
        }
    }
}
