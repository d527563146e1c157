/// The relay's first decision about a request: is it a FETCH of a URL it may fetch?
import NetLabKit

extension RelayPolicy {
    /// Parses `FETCH <url>` and applies the policy.
    ///
    /// - Returns: the URL to download.
    /// - Throws: `RelayRefusal` with the status for the client: 414 for a request over
    ///   4,096 bytes, 400 for anything but `FETCH <url>`, 501 for a scheme other than http,
    ///   403 for a host not allowed.
    public func check(_ request: [UInt8]) throws -> FetchURL {
        // TODO: in that order. `FetchURL(text)` splits a URL (or gives nil).
        throw NotImplemented("RelayPolicy.check")
    }

    /// Whether the URL's host (and port) may be fetched. With no `--allow`, only loopback:
    /// `localhost`, `::1`, or a dotted IPv4 address in 127.0.0.0/8 (names are not resolved).
    public func isAllowed(_ url: FetchURL) throws -> Bool {
        // TODO: an `AllowedHost` without a port allows every port.
        throw NotImplemented("RelayPolicy.isAllowed")
    }
}
