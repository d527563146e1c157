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
    ///
    /// TODO: `[06/Nov/1994:08:49:37 +0000]` is `HTTPDate.civil(time)` with the month's name
    /// (`HTTPDate.months`); escape `"` inside the request line as `\"`.
    public static func commonLogLine(
        client: String, time: Int, requestLine: String, status: Int, bytes: Int, active: Int
    ) throws -> String {
        throw NotImplemented("AccessLog.commonLogLine")
    }
}
