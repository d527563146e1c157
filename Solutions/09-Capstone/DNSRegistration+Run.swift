import Lab06DNS
import NetLabKit

/// Part 2: the one step `register` and `unregister` (DNSRegistration.swift) share.
extension DNSRegistration {
    /// Sends `command` to lab 06's admin channel at `admin` and reads its one-line reply.
    ///
    /// - Throws: `RegistrationError.refused` unless the reply is `OK` (after trimming
    ///   whitespace); `.noAnswer` if nothing came within `timeout`; `.failed` for a socket error.
    static func run(_ command: String, admin: SocketAddress, timeout: Double) throws {
        let reply: String
        do {
            reply = try DNSClient.admin(command, server: admin, timeout: timeout)
        } catch .timedOut {
            throw RegistrationError.noAnswer(command: command, server: admin, seconds: timeout)
        } catch {
            throw RegistrationError.failed(command: command, why: "\(error)")
        }
        // Character.isWhitespace, not a list of characters: "\r\n" is one Character in Swift,
        // equal to neither "\r" nor "\n".
        let trimmed = reply.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard trimmed == "OK" else { throw RegistrationError.refused(command: command, reply: trimmed) }
    }
}
