import NetLabKit

// Where the lines go (`file`, `memory`, `write`) is given, in `AccessLog+Destination.swift`.
extension AccessLog {
    /// One line of Common Log Format.
    ///
    /// - Parameters:
    ///   - client: the client's IP address.
    ///   - time: seconds since 1970.
    ///   - requestLine: `GET /index.html HTTP/1.1`, or `-` when there was none.
    ///   - status: the status code sent.
    ///   - bytes: body bytes sent (written `-` when 0, as CLF does).
    ///   - active: connections open when the request finished.
    public static func commonLogLine(
        client: String, time: Int, requestLine: String, status: Int, bytes: Int, active: Int
    ) throws -> String {
        let c = HTTPDate.civil(time)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let day = "\(two(c.day))/\(HTTPDate.months[c.month - 1])/\(c.year)"
        let stamp = "\(day):\(two(c.hour)):\(two(c.minute)):\(two(c.second)) +0000"
        let quoted = requestLine.replacingBytes(of: "\"", with: "\\\"")
        return "\(client) - - [\(stamp)] \"\(quoted)\" \(status) \(bytes == 0 ? "-" : String(bytes)) active=\(active)"
    }
}

extension String {
    /// Replaces one character everywhere (without Foundation).
    func replacingBytes(of target: Character, with replacement: String) -> String {
        var output = ""
        for character in self {
            if character == target { output += replacement } else { output.append(character) }
        }
        return output
    }
}
