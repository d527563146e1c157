import Lab06DNS
import NetLabKit

/// Puts the app server's name in lab 06's DNS server, and takes it out again (part 2).
///
/// Lab 06's admin channel takes one command per datagram and answers with one:
/// `REGISTER my-app.home 127.0.0.1` → `OK`, `UNREGISTER my-app.home` → `OK`, and
/// `ERROR …` when it refuses. `DNSClient.admin` (lab 06) sends one and returns the reply.
public enum DNSRegistration {
    /// Sends `REGISTER name ip` to the admin channel at `admin`.
    ///
    /// - Throws: `RegistrationError.refused` unless the reply is `OK` (after trimming
    ///   whitespace); `.noAnswer` if nothing came within `timeout`; `.failed` for a socket error.
    public static func register(_ name: String, ip: String, admin: SocketAddress, timeout: Double = 2) throws {
        try run("REGISTER \(name) \(ip)", admin: admin, timeout: timeout)
    }

    /// Sends `UNREGISTER name` to the admin channel at `admin`. Throws as `register` does.
    public static func unregister(_ name: String, admin: SocketAddress, timeout: Double = 2) throws {
        try run("UNREGISTER \(name)", admin: admin, timeout: timeout)
    }
}
