/// Printing numbers the way C's `printf` does, without Foundation.

/// Formats a number with a fixed count of decimals, like `printf("%.3f")`.
///
/// `fixed(0.12345, decimals: 3)` is `"0.123"`; `fixed(2, decimals: 1)` is `"2.0"`.
public func fixed(_ value: Double, decimals: Int) -> String {
    guard value.isFinite else { return value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf") }
    var scale = 1.0
    for _ in 0..<max(0, decimals) { scale *= 10 }
    let scaled = (abs(value) * scale).rounded()
    let sign = value < 0 && scaled > 0 ? "-" : ""
    guard scaled < 9.0e18 else { return "\(value)" }  // beyond Int64: let Swift print it.
    let whole = Int64(scaled)
    let divisor = Int64(scale)
    guard decimals > 0 else { return sign + String(whole) }
    let fraction = String(whole % divisor)
    let padded = String(repeating: "0", count: decimals - fraction.count) + fraction
    return "\(sign)\(whole / divisor).\(padded)"
}

/// Formats a number with up to `digits` significant digits and no trailing zeros, like
/// `printf("%g")` does for ordinary magnitudes: `33.3333`, `20`, `0.125`.
public func significant(_ value: Double, digits: Int = 6) -> String {
    guard value.isFinite, value != 0 else { return value == 0 ? "0" : fixed(value, decimals: 0) }
    var magnitude = 0
    var probe = abs(value)
    while probe >= 10 { probe /= 10; magnitude += 1 }
    while probe < 1 { probe *= 10; magnitude -= 1 }
    var text = fixed(value, decimals: max(0, digits - 1 - magnitude))
    if text.contains(".") {
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
    }
    return text
}
