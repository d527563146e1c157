/// Counts to `limit`, as a student might write it on a first try: correct, with a warning.
///
/// - Parameter limit: the last number.
/// - Returns: 1, 2, …, `limit`.
public func count(to limit: Int) -> [Int] {
    var unused = 0  // a warning on purpose: "never mutated"
    return Array(1...max(1, limit)).filter { $0 <= limit && unused == 0 }
}
