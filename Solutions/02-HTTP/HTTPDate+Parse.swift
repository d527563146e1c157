import NetLabKit

extension HTTPDate {
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
}
