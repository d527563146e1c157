/// How the sink names the files it stores: the time, the message's number and its
/// Message-ID, so `ls` lists mail in the order it came and shows which message is which.
///
/// `mail/20261202T141503Z-1-1764684903.k3j2h1g0f9e8d7c6@netlab.local.eml`
import NetLabKit

enum SinkMailbox {
    /// The path for message `number`, from its Message-ID header (or `no-message-id`).
    static func path(in directory: String, number: Int, message: [UInt8]) -> String {
        let stamp = MailDate.stamp(Int(SystemTime.wallClock()))
        let id = messageID(in: message).map(safeName) ?? "no-message-id"
        return "\(directory)/\(stamp)-\(number)-\(id).eml"
    }

    /// The Message-ID's value without its angle brackets, from the header section (the
    /// lines before the first empty line). Folded headers are not unfolded: a Message-ID
    /// is one word.
    static func messageID(in message: [UInt8]) -> String? {
        for rawLine in message.split(separator: 0x0A, omittingEmptySubsequences: false) {
            var line = String(decoding: rawLine, as: UTF8.self)
            if line.hasSuffix("\r") { line.removeLast() }
            if line.isEmpty { return nil }  // The body starts here.
            guard line.lowercased().hasPrefix("message-id:") else { continue }
            let value = line.dropFirst("message-id:".count).trimmingSpaces()
            let bare = value.hasPrefix("<") && value.hasSuffix(">") ? value.dropFirst().dropLast() : value[...]
            return bare.isEmpty ? nil : String(bare)
        }
        return nil
    }

    /// A Message-ID made safe for a file name: letters, digits and `.@_-` only, at most 100
    /// characters. A hostile `../../etc/passwd` becomes `.._.._etc_passwd`: no slash is
    /// left, and the time in front keeps the name from ever being `..` itself.
    static func safeName(_ id: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.@_-")
        return String(id.prefix(100).map { allowed.contains($0) ? $0 : "_" })
    }
}

extension StringProtocol {
    /// Without the spaces and tabs at either end.
    func trimmingSpaces() -> String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
