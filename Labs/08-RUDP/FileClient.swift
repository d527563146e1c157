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
        // TODO: Connect, send "GET name\n" (or "TRACE name\n" withTrace), read the status line with
        //   a StreamReader (timeout: options.giveUpAfter + 5): "ERR …" → throw
        //   FileTransferError.remote; "OK <size>" → read exactly size bytes (fewer: .truncated).
        //   Anything else → .badResponse. Once all size bytes are in, call save(bytes) at once:
        //   the file is complete. Then read the END line and the trace CSV (parseTrace) with the
        //   reader's timeout set to options.closeTimeout; if they never come or are garbled,
        //   return the report without them (retransmissions and finalWindow nil), never throw.
        //   Close the connection in every case.
        throw NotImplemented("FileClient.fetch")
    }
}
