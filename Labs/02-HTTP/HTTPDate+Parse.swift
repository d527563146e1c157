import NetLabKit

extension HTTPDate {
    /// Parses any of the three date forms.
    ///
    /// - Returns: seconds since 1970, or `nil` if the text is not a valid HTTP date (a
    ///   server then ignores the header, RFC 9110 §13.1.3).
    ///
    /// TODO: split on spaces and commas and tell the forms apart by their shape. RFC 850's
    /// two-digit year: 70…99 is 19xx, 00…69 is 20xx. `daysFromCivil` does the calendar.
    public static func parse(_ text: String) throws -> Int? {
        throw NotImplemented("HTTPDate.parse")
    }
}
