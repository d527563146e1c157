/// What the relay does for one client: read its FETCH, check it, download, stream.
import NetLabKit

extension Relay {
    /// Serves the one request on `connection`. Every way it can end sends the client a frame
    /// that says so: a refusal STATUS, an END after the whole body, or an ERROR part way.
    func serve(_ connection: FrameConnection) throws {
        let send = { (frame: RelayFrame) throws in try connection.writeFrame(frame.encode()) }
        let request: [UInt8]
        do {
            guard let frame = try connection.readFrame() else { return }
            request = frame
        } catch let error as FramingError {
            // Told, then closed: the peer's claimed length is never allocated.
            try send(.refused(RelayRefusal(RelayStatus.requestTooLarge, "\(error)")))
            return
        }
        let url: FetchURL
        do { url = try policy.check(request) } catch let refusal as RelayRefusal {
            try send(.refused(refusal))
            log(request, "\(refusal.code)")
            return
        }
        let download: HTTPDownload
        do { download = try HTTPDownload(url, deadline: SystemTime().now() + policy.timeout) } catch {
            let refusal = Self.refusal(for: error)
            try send(.refused(refusal))
            log(request, "\(refusal.code)")
            return
        }
        guard (200..<300).contains(download.status) else {
            try send(
                .refused(
                    RelayRefusal(
                        RelayStatus.badGateway, "the origin answered \(download.status) \(download.reasonPhrase)")))
            log(request, "502")
            return
        }
        if let length = download.contentLength, length > policy.maximumBytes {
            try send(
                .refused(
                    RelayRefusal(
                        RelayStatus.tooLarge, "the body is \(length) bytes, over the limit of \(policy.maximumBytes)")))
            log(request, "413")
            return
        }
        try send(.ok(length: download.contentLength.map(UInt64.init), contentType: download.contentType))
        var total = 0
        do {
            while let chunk = try download.nextChunk(maximumLength: RelayFrame.largestData) {
                total += chunk.count
                guard total <= policy.maximumBytes else {
                    try send(
                        .failed(
                            RelayRefusal(
                                RelayStatus.tooLarge, "the body passed the limit of \(policy.maximumBytes) bytes")))
                    log(request, "200, then 413 after \(total - chunk.count) bytes")
                    return
                }
                try send(.data(chunk))
            }
        } catch let error as DownloadError {
            let refusal = Self.refusal(for: error)
            try send(.failed(refusal))
            log(request, "200, then \(refusal.code) after \(total) bytes")
            return
        }
        try send(.end(total: UInt64(total)))
        log(request, "200 \(total) bytes")
    }

    /// The status a failed download gets: 504 for the deadline, 502 for the rest.
    static func refusal(for error: DownloadError) -> RelayRefusal {
        switch error {
        case .timedOut: RelayRefusal(RelayStatus.timedOut, "the download did not finish within the relay's timeout")
        case .failed(let reason): RelayRefusal(RelayStatus.badGateway, reason)
        }
    }

    private func log(_ request: [UInt8], _ outcome: String) {
        Console.error("relay: \(String(decoding: request.prefix(200), as: UTF8.self)) → \(outcome)")
    }
}
