/// The start of the dialogue: the greeting, then EHLO (or HELO when EHLO is refused).
extension SMTPSession {
    /// Reads the 220 greeting, says EHLO, and falls back to HELO if the server refuses it.
    /// Afterwards `extensions` holds what EHLO advertised (nothing after HELO).
    ///
    /// - Throws: `SMTPError` for any reply the table does not expect.
    public func hello() throws {
        try expect(.greeting, after: "the greeting")
        let (reply, outcome) = try command("EHLO \(options.heloName)", in: .ehlo)
        if outcome == .fallBackToHelo {
            try command("HELO \(options.heloName)", in: .helo)
            extensions = .none
        } else {
            extensions = try SMTPExtensions.parse(ehloReply: reply)
        }
    }

    /// Says QUIT and reads the 221.
    public func quit() throws {
        try command("QUIT", in: .quit)
    }
}
