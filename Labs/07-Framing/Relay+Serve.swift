/// What the relay does for one client: read its FETCH, check it, download, stream.
import NetLabKit

extension Relay {
    /// Serves the one request on `connection`. Every way it can end sends the client a frame
    /// that says so: a refusal STATUS, an END after the whole body, or an ERROR part way.
    func serve(_ connection: FrameConnection) throws {
        // TODO: read the request frame (a FramingError gets a 414 STATUS); `policy.check` it;
        // start an `HTTPDownload` with a deadline `policy.timeout` from now; refuse an origin
        // status outside 200–299 (502) or a Content-Length over `policy.maximumBytes` (413);
        // send OK, then DATA frames of at most `RelayFrame.largestData` bytes as they arrive,
        // then END, or an ERROR frame if the download fails or passes the limit part way.
        throw NotImplemented("Relay.serve")
    }
}
