import NetLabKit

extension HTTPURL {
    /// Parses `http://host[:port][/path][?query]`. The fragment (`#…`) is dropped: it never
    /// goes to the server.
    ///
    /// - Throws: `ClientError.badURL` for another scheme, an empty host or a bad port.
    ///
    /// TODO: only `http://`. The host ends at the first `/`, `?` or the end; a port follows
    /// the last `:` (inside `[...]` for IPv6 literals such as `[::1]:8080`). A `[` or `]`
    /// anywhere else in the host (`ttp[::1]`) is a bad URL.
    public static func parse(_ text: String) throws -> HTTPURL {
        throw NotImplemented("HTTPURL.parse")
    }
}
