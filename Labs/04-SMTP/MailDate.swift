/// The date format of mail headers (RFC 5322 §3.3): `Wed, 02 Dec 2026 13:52:51 +0000`.
public enum MailDate {
    private static let days = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]  // 1 Jan 1970 was a Thursday.
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Formats a time in UTC.
    ///
    /// - Parameter seconds: seconds since 1970-01-01 00:00 UTC.
    public static func format(_ seconds: Int) -> String {
        let (year, month, day) = civilDate(days: floorDivide(seconds, 86_400))
        let second = seconds - floorDivide(seconds, 86_400) * 86_400
        let weekday = days[((floorDivide(seconds, 86_400) % 7) + 7) % 7]
        return "\(weekday), \(twoDigits(day)) \(months[month - 1]) \(year) "
            + "\(twoDigits(second / 3_600)):\(twoDigits(second / 60 % 60)):\(twoDigits(second % 60)) +0000"
    }

    /// A compact UTC time for file names: `20261202T135251Z`.
    public static func stamp(_ seconds: Int) -> String {
        let (year, month, day) = civilDate(days: floorDivide(seconds, 86_400))
        let second = seconds - floorDivide(seconds, 86_400) * 86_400
        return "\(year)\(twoDigits(month))\(twoDigits(day))T"
            + "\(twoDigits(second / 3_600))\(twoDigits(second / 60 % 60))\(twoDigits(second % 60))Z"
    }

    /// Year, month (1–12) and day (1–31) of a day number counted from 1970-01-01
    /// (Howard Hinnant's `civil_from_days`).
    static func civilDate(days: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = days + 719_468
        let era = floorDivide(shifted, 146_097)
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func floorDivide(_ value: Int, _ divisor: Int) -> Int {
        value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor)
    }

    private static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
