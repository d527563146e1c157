/// A mailbox as a header shows it: an optional display name and an address.
///
/// `"Ada Lovelace" <ada@example.org>` has the display name `Ada Lovelace` and the address
/// `ada@example.org`. The envelope (MAIL FROM, RCPT TO) uses only the address.
public struct MailAddress: Sendable, Equatable, CustomStringConvertible {
    public var displayName: String?
    public var address: String

    public init(displayName: String? = nil, address: String) {
        self.displayName = displayName
        self.address = address
    }

    public var description: String {
        displayName.map { "\($0) <\(address)>" } ?? "<\(address)>"
    }
}

/// A command-line value that would break the message or the dialogue. The tool reports it
/// as a usage error (exit 2) before it connects to anything.
public struct MessageInputError: Error, Equatable, CustomStringConvertible, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
