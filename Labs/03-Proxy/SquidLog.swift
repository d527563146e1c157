import NetLabKit

/// The access log in squid's native format, one line per request:
///
/// ```
/// 1764680000.123     12 127.0.0.1 TCP_MISS/200 1543 GET http://127.0.0.1:8080/a - HIER_DIRECT/127.0.0.1 text/html
/// time (s.ms)   elapsed ms client result/status bytes method URL user hierarchy/peer type
/// ```
public struct SquidLog: Sendable {
    let file: OpenFile

    public init(file: OpenFile) {
        self.file = file
    }

    /// The squid result code for an outcome and a status: `TCP_HIT`, `TCP_MISS`,
    /// `TCP_REFRESH_UNMODIFIED`, `TCP_REFRESH_MODIFIED`, `TCP_TUNNEL`, `TCP_DENIED`, `NONE`.
    public static func line(
        start: Double, end: Double, client: String, code: String, status: Int, bytes: Int, method: String,
        url: String, peer: String?, contentType: String?
    ) -> String {
        let milliseconds = Int(start * 1_000)
        let time = "\(milliseconds / 1_000).\(String(milliseconds % 1_000).leftPadded(3, "0"))"
        let elapsed = String(max(0, Int((end - start) * 1_000))).leftPadded(6, " ")
        let hierarchy = peer.map { "HIER_DIRECT/\($0)" } ?? "HIER_NONE/-"
        let status3 = String(status).leftPadded(3, "0")
        return "\(time) \(elapsed) \(client) \(code)/\(status3) \(bytes) \(method) \(url) - \(hierarchy) "
            + (contentType.map { $0.split(separator: " ").joined() } ?? "-")
    }

    public func write(_ line: String) {
        try? file.write(Array((line + "\n").utf8))
    }
}

extension String {
    func leftPadded(_ width: Int, _ pad: Character) -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
