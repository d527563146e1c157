import NetLabKit

/// The start of the dialogue: the greeting, then EHLO (or HELO when EHLO is refused).
extension SMTPSession {
    /// Reads the 220 greeting, says EHLO, and falls back to HELO if the server refuses it.
    /// Afterwards `extensions` holds what EHLO advertised (nothing after HELO).
    ///
    /// - Throws: `SMTPError` for any reply the table does not expect.
    public func hello() throws {
        // TODO: expect(.greeting, …), then command("EHLO …", in: .ehlo), and HELO when the
        // outcome says so. Use options.heloName.
        throw NotImplemented("SMTPSession.hello")
    }

    /// Says QUIT and reads the 221.
    public func quit() throws {
        throw NotImplemented("SMTPSession.quit")
    }
}
