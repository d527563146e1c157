/// `lab08-rudp get`: fetches one file from a `FileServer`.
import NetLabChannel
import NetLabKit

// The report and `parseTrace` are given, in `FileClient+Report.swift`; `StreamReader` in
// `StreamReader.swift`.
extension FileClient {
    /// Fetches `name` and returns its bytes.
    ///
    /// - Parameters:
    ///   - withTrace: also ask for the server's congestion-window trace.
    ///   - save: called with the file the moment its last promised byte has arrived, before
    ///     the END line and the FIN exchange, so whatever happens to those the file is kept.
    ///     It is never called for a refused, cut-short or failed transfer.
    /// - Throws: `FileTransferError.remote` if the server refused (no such file),
    ///   `.truncated` if the stream ended early, `.badResponse`, or the connection's error.
    ///   Once the file is complete, nothing more is thrown except by `save`.
    public static func fetch(
        _ name: String, from server: SocketAddress, faults: Faults = .none,
        options: TransportOptions = TransportOptions(), withTrace: Bool = false,
        whenComplete save: ([UInt8]) throws -> Void = { _ in }
    ) throws -> (bytes: [UInt8], report: Report) {
        let start = SystemTime().now()
        let connection = try RUDPConnection.connect(to: server, faults: faults, options: options)
        defer { try? connection.close() }
        try connection.send(Array("\(withTrace ? "TRACE" : "GET") \(name)\n".utf8))
        // Wait a little longer for the next bytes than the server keeps retrying.
        var reader = StreamReader(connection: connection, timeout: options.giveUpAfter + 5)
        let status = try reader.line()
        if status.hasPrefix("ERR ") { throw FileTransferError.remote(String(status.dropFirst(4))) }
        guard status.hasPrefix("OK "), let size = Int(status.dropFirst(3)), size >= 0 else {
            throw FileTransferError.badResponse(status)
        }
        let bytes = try reader.bytes(size)
        guard bytes.count == size else { throw FileTransferError.truncated(expected: size, received: bytes.count) }
        let seconds = SystemTime().now() - start
        try save(bytes)
        // The file is whole. The END line and the trace only report on the transfer: if they
        // never come (the server gave up on its FIN, say), the file is kept all the same.
        var report = Report(bytes: size, seconds: seconds, retransmissions: nil, finalWindow: nil, trace: [])
        reader.timeout = options.closeTimeout
        guard let line = try? reader.line() else { return (bytes, report) }
        let end = line.split(separator: " ").map(String.init)
        guard end.count == 4, end[0] == "END", let retransmissions = Int(end[1]), let window = Double(end[2]),
            let traceLength = Int(end[3]), traceLength >= 0
        else { return (bytes, report) }
        report.retransmissions = retransmissions
        report.finalWindow = window
        if let csv = try? reader.bytes(traceLength), csv.count == traceLength {
            report.trace = parseTrace(String(decoding: csv, as: UTF8.self))
        }
        return (bytes, report)
    }
}
