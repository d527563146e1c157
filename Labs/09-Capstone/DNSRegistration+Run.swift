import Lab06DNS
import NetLabKit

/// Part 2: the one step `register` and `unregister` (DNSRegistration.swift) share.
extension DNSRegistration {
    /// Sends `command` to lab 06's admin channel at `admin` and reads its one-line reply.
    ///
    /// - Throws: `RegistrationError.refused` unless the reply is `OK` (after trimming
    ///   whitespace); `.noAnswer` if nothing came within `timeout`; `.failed` for a socket error.
    static func run(_ command: String, admin: SocketAddress, timeout: Double) throws {
        // TODO: part 2. Send the command with DNSClient.admin; anything but OK is a refusal.
        throw NotImplemented("DNSRegistration.run")
    }
}
