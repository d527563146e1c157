import NetLabKit

extension ByteRange {
    /// Evaluates a `Range` header against a file size.
    ///
    /// `bytes=0-99` is the first 100 bytes, `bytes=100-` everything from byte 100,
    /// `bytes=-500` the last 500 bytes. An end past the file is cut to the file's end.
    public static func evaluate(_ header: String?, size: Int) throws -> Outcome {
        guard let header else { return .whole }
        let text = header.trimmingSpaces()
        guard text.utf8.count > 6, String(text.prefix(6)).equalsIgnoringCase("bytes=") else { return .whole }
        let spec = String(text.dropFirst(6)).trimmingSpaces()
        guard !spec.contains(","), let dash = spec.firstIndex(of: "-") else { return .whole }
        let firstText = String(spec[..<dash]).trimmingSpaces()
        let lastText = String(spec[spec.index(after: dash)...]).trimmingSpaces()
        if firstText.isEmpty {
            // suffix-range: the last N bytes.
            guard let suffix = number(lastText) else { return .whole }
            if suffix == 0 || size == 0 { return .unsatisfiable }
            return .partial(first: max(0, size - suffix), last: size - 1)
        }
        guard let first = number(firstText) else { return .whole }
        var last = size - 1
        if !lastText.isEmpty {
            guard let value = number(lastText), value >= first else { return .whole }
            last = min(value, size - 1)
        }
        if first >= size { return .unsatisfiable }
        return .partial(first: first, last: last)
    }

    private static func number(_ text: String) -> Int? {
        guard !text.isEmpty, text.utf8.count <= 18, text.utf8.allSatisfy({ digit($0) != nil }) else { return nil }
        return Int(text)
    }
}
