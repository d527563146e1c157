import NetLabKit

/// HTTP dates: `Sun, 06 Nov 1994 08:49:37 GMT` (IMF-fixdate, RFC 9110 §5.6.7).
///
/// Servers send only IMF-fixdate; recipients also accept the two obsolete forms,
/// `Sunday, 06-Nov-94 08:49:37 GMT` (RFC 850) and `Sun Nov  6 08:49:37 1994` (asctime).
public enum HTTPDate {
    static let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Formats seconds since 1970 (UTC) as an IMF-fixdate.
    public static func format(_ secondsSince1970: Int) throws -> String {
        let fields = civil(secondsSince1970)
        return "\(days[fields.weekday]), \(two(fields.day)) \(months[fields.month - 1]) \(fields.year) "
            + "\(two(fields.hour)):\(two(fields.minute)):\(two(fields.second)) GMT"
    }

    /// Parses any of the three date forms.
    ///
    /// - Returns: seconds since 1970, or `nil` if the text is not a valid HTTP date (a
    ///   server then ignores the header, RFC 9110 §13.1.3).
    public static func parse(_ text: String) throws -> Int? {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        var day: Int?, month: Int?, year: Int?, time: [Int]?
        if words.count == 6, words[5] == "GMT", words[4].contains(":") {
            // IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT
            day = Int(words[1]); month = monthNumber(words[2]); year = Int(words[3]); time = clock(words[4])
            if words[3].count != 4 || words[1].count != 2 { return nil }
        } else if words.count == 4, words[3] == "GMT" {
            // RFC 850: Sunday, 06-Nov-94 08:49:37 GMT
            let parts = words[1].split(separator: "-").map(String.init)
            guard parts.count == 3, let shortYear = Int(parts[2]), parts[2].count == 2 else { return nil }
            day = Int(parts[0]); month = monthNumber(parts[1]); time = clock(words[2])
            year = shortYear < 70 ? 2000 + shortYear : 1900 + shortYear
        } else if words.count == 5, words[3].contains(":") {
            // asctime: Sun Nov  6 08:49:37 1994
            month = monthNumber(words[1]); day = Int(words[2]); time = clock(words[3]); year = Int(words[4])
        }
        guard let day, let month, let year, let time, (1...31).contains(day), year >= 1970, year < 10_000 else {
            return nil
        }
        return daysFromCivil(year: year, month: month, day: day) * 86_400 + time[0] * 3_600 + time[1] * 60 + time[2]
    }

    private static func monthNumber(_ name: String) -> Int? {
        months.firstIndex(of: name).map { $0 + 1 }
    }

    private static func clock(_ text: String) -> [Int]? {
        let parts = text.split(separator: ":").map { Int($0) }
        guard parts.count == 3, let h = parts[0], let m = parts[1], let s = parts[2],
            (0..<24).contains(h), (0..<60).contains(m), (0...60).contains(s), text.count == 8
        else { return nil }
        return [h, m, s]
    }

    private static func two(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }

    /// Days since 1970-01-01 for a civil date (Howard Hinnant's algorithm, proleptic Gregorian).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The calendar fields of a moment, in UTC.
    static func civil(_ seconds: Int) -> (
        year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, weekday: Int
    ) {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        let weekday = ((days % 7) + 11) % 7  // 1970-01-01 was a Thursday (4).
        return (year, month, day, secondOfDay / 3_600, secondOfDay % 3_600 / 60, secondOfDay % 60, weekday)
    }
}
