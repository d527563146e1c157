/// What a server said it can do, in the lines of its EHLO reply (RFC 5321 §4.1.1.1).
///
/// ```
/// 250-sink.local greets client.local      the first line is the greeting, not an extension
/// 250-SIZE 10485760                       RFC 1870: the largest message it takes
/// 250-8BITMIME                            RFC 6152: the body may have 8-bit bytes
/// 250-PIPELINING                          RFC 2920: several commands may go in one write
/// 250 AUTH PLAIN LOGIN                    RFC 4954: how to log in
/// ```
///
/// Keywords are case-insensitive; they are kept in upper case here.
public struct SMTPExtensions: Sendable, Equatable {
    /// The SIZE limit in bytes; `0` means "SIZE is supported but there is no fixed limit",
    /// `nil` that SIZE was not advertised.
    public var size: Int?
    public var eightBitMIME: Bool
    public var pipelining: Bool
    /// The AUTH mechanisms, upper case, in the server's order (`["PLAIN", "LOGIN"]`).
    public var authMechanisms: [String]
    /// Every keyword advertised, upper case, including ones this client does not use.
    public var keywords: [String]

    public init(
        size: Int? = nil, eightBitMIME: Bool = false, pipelining: Bool = false, authMechanisms: [String] = [],
        keywords: [String] = []
    ) {
        self.size = size
        self.eightBitMIME = eightBitMIME
        self.pipelining = pipelining
        self.authMechanisms = authMechanisms
        self.keywords = keywords
    }

    /// What a HELO session has: nothing.
    public static let none = SMTPExtensions()
}
