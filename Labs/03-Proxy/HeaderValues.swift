import Lab02HTTP

/// Small helpers for header values, given.
public enum HeaderValues {
    /// An HTTP date as seconds since 1970, or `nil` if absent or invalid (lab 02's parser).
    public static func date(_ text: String?) -> Double? {
        guard let text, let value = try? HTTPDate.parse(text) else { return nil }
        return Double(value)
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs.
    func trimmingCharacters() -> String {
        var text = Substring(self)
        while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return String(text)
    }
}
