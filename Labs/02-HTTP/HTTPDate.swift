import NetLabKit

/// HTTP dates: `Sun, 06 Nov 1994 08:49:37 GMT` (IMF-fixdate, RFC 9110 §5.6.7).
///
/// Servers send only IMF-fixdate; recipients also accept the two obsolete forms,
/// `Sunday, 06-Nov-94 08:49:37 GMT` (RFC 850) and `Sun Nov  6 08:49:37 1994` (asctime).
public enum HTTPDate {
    /// Formats seconds since 1970 (UTC) as an IMF-fixdate.
    ///
    /// TODO: `civil(_:)` below gives the calendar fields. Two digits for day, hour, minute,
    /// second; `GMT` at the end, always.
    public static func format(_ secondsSince1970: Int) throws -> String {
        throw NotImplemented("HTTPDate.format")
    }
}
