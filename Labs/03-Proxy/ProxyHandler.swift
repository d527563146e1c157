import Lab02HTTP
import NetLabKit

/// The proxy: an `HTTPHandler` that lab 02's `HTTPServer` calls for each request, on its
/// worker threads. It decides between the cache and the origin, and calls your parts:
///
/// ```
/// request ─▶ ProxyURL.parse ─▶ cache.get ─▶ fresh? ─▶ HIT (Age, X-Cache: HIT)
///   │          └ nil: 400 usage     └ stale, validator ─▶ conditional GET ─▶ 304: REVALIDATED
///   │                                                                     └ 200: MISS, stored
///   │        miss ─▶ Forwarding.originRequest ─▶ OriginConnection ─▶ BodyRelay ─▶ client (+ cache)
///   └ CONNECT ─▶ Tunnel
/// ```
public final class ProxyHandler: HTTPHandler {
    public let configuration: ProxyConfiguration
    public let cache: LRUCache
    public let stats = ProxyStats()
    /// Idle origin connections, reused by the next miss to the same origin.
    public let pool = OriginPool()
    let log: SquidLog?

    public init(configuration: ProxyConfiguration) {
        self.configuration = configuration
        cache = LRUCache(capacity: configuration.cacheBytes, maxObject: configuration.maxObject)
        log = configuration.accessLog.map(SquidLog.init)
    }

    /// What one request became, for the log and the counters.
    struct Exchange {
        let start = SystemTime.wallClock()
        let client: String
        let method: String
        var url: String
        var code = "TCP_MISS"
        var outcome = ProxyStats.Outcome.miss
        var peer: String?
    }

    public func respond(to request: HTTPRequest, from client: SocketAddress) throws -> ServedResponse {
        if request.method == "GET", request.target == "/stats" {
            let body = Array(stats.json(cache: cache).utf8)
            return inline(200, body: body, type: "application/json")
        }
        var exchange = Exchange(client: client.ip, method: request.method, url: request.target)
        if request.method == "CONNECT" { return try connect(request, exchange: exchange) }
        guard let url = try ProxyURL.parse(request.target) else {
            exchange.outcome = .none
            exchange.code = "NONE"
            return finish(ServedResponse(response: ProxyHandler.usage(request.target)), exchange)
        }
        exchange.url = url.absolute
        if try Forwarding.isLoop(request.headers, proxyName: configuration.viaName) {
            exchange.outcome = .none
            exchange.code = "NONE"
            return finish(
                ServedResponse(response: ProxyHandler.loopDetected(configuration.viaName)),
                exchange)
        }
        return try fetch(request, url: url, exchange: exchange)
    }

    /// The answer from the cache, or from the origin (storing it when allowed).
    func fetch(_ request: HTTPRequest, url: ProxyURL, exchange: Exchange) throws -> ServedResponse {
        var exchange = exchange
        let key = url.cacheKey(method: request.method)
        if !["GET", "HEAD", "OPTIONS", "TRACE"].contains(request.method) {
            try cache.remove(url.cacheKey(method: "GET"))  // An unsafe method invalidates (RFC 9111 §4.4).
        }
        var stale: CacheEntry?
        if request.method == "GET", let entry = try cache.get(key), ProxyHandler.varyMatches(entry, request) {
            let now = SystemTime.wallClock()
            let forced = try request.headers.contains("Cache-Control")
                && Freshness.directives(request.headers)["no-cache"] != nil
            if !forced, try ProxyHandler.isFresh(entry, now: now) {
                exchange.code = "TCP_HIT"
                exchange.outcome = .hit
                return try fromCache(entry, request: request, now: now, exchange: exchange)
            }
            if try !Revalidation.conditionalHeaders(for: entry).isEmpty { stale = entry }
        }
        var outgoing = try Forwarding.originRequest(request, url: url, proxyName: configuration.viaName)
        if let stale {
            for (name, value) in try Revalidation.conditionalHeaders(for: stale) { outgoing.headers.set(name, value) }
        }
        let requestTime = SystemTime.wallClock()
        let origin: OriginConnection
        do {
            origin = try OriginConnection(
                host: url.host, port: url.port, request: outgoing, timeout: configuration.timeout, pool: pool)
        } catch {
            let status = try ProxyErrors.status(for: error)
            exchange.code = status == 504 ? "TCP_MISS_ABORTED" : "TCP_MISS"
            return finish(ServedResponse(response: try ProxyErrors.page(status, detail: "\(error)")), exchange)
        }
        exchange.peer = origin.socket.peer.ip
        let responseTime = SystemTime.wallClock()
        if let stale, origin.response.status == 304 {
            release(origin, url: url, framing: .none)
            var notModified = origin.response
            notModified.headers = try Forwarding.removingHopByHop(notModified.headers)
            let entry = try Revalidation.refreshed(
                stale, with: notModified, requestTime: requestTime, responseTime: responseTime)
            _ = try cache.insert(key, try ProxyHandler.memoized(entry))
            exchange.code = "TCP_REFRESH_UNMODIFIED"
            exchange.outcome = .revalidated
            return try fromCache(entry, request: request, now: responseTime, exchange: exchange)
        }
        if stale != nil { exchange.code = "TCP_REFRESH_MODIFIED" }
        return try relay(
            origin, request: request, url: url, key: key, times: (requestTime, responseTime), exchange: exchange)
    }

    /// Streams the origin's response to the client, storing it on the way when allowed.
    func relay(
        _ origin: OriginConnection, request: HTTPRequest, url: ProxyURL, key: String, times: (Double, Double),
        exchange: Exchange
    ) throws -> ServedResponse {
        var head = origin.response
        let framing: HTTPResponse.BodyFraming
        do {
            framing = try head.bodyFraming(requestMethod: request.method)
        } catch {
            origin.socket.close()
            return finish(ServedResponse(response: try ProxyErrors.page(502, detail: "\(error)")), exchange)
        }
        // A partial body (206) or a 304 to the client's own validators is not the resource.
        let whole = request.headers["Range"] == nil && head.status != 206 && head.status != 304
        let storable =
            try whole && Freshness.isStorable(method: request.method, requestHeaders: request.headers, response: head)
        var stored = head
        stored.headers = try Forwarding.removingHopByHop(head.headers)
        stored.headers.remove("Transfer-Encoding")
        let vary = ProxyHandler.varyValues(head, request)
        head.version = .http11
        head.headers = try Forwarding.clientHeaders(origin.response, proxyName: configuration.viaName)
        head.headers.set("X-Cache", exchange.outcome.rawValue)
        if framing == .none {
            release(origin, url: url, framing: framing)
            if storable, request.method == "GET" {
                stored.headers.set("Content-Length", "0")
                let entry = CacheEntry(response: stored, requestTime: times.0, responseTime: times.1)
                _ = try cache.insert(key, try ProxyHandler.memoized(entry))
            }
            return finish(ServedResponse(response: head), exchange)
        }
        if framing == .untilClose, request.version >= .http11 {
            head.headers.set("Transfer-Encoding", "chunked")  // Keep the client's connection.
        }
        // An HTTP/1.0 client cannot read chunks (RFC 9112 §7.1): it gets the decoded bytes,
        // and the close of its connection ends the body.
        let unchunk = framing == .chunked && request.version < .http11
        if unchunk { head.headers.remove("Transfer-Encoding") }
        let chunkToClient = framing == .untilClose && request.version >= .http11
        let limit = storable ? configuration.maxObject : -1
        let cache = self.cache
        let (status, type, storedHead) = (head.status, head.headers["Content-Type"], stored)
        return ServedResponse(response: head) { [self] write in
            var finished = false
            defer { if finished { release(origin, url: url, framing: framing) } else { origin.socket.close() } }
            var sent = 0
            var decoder = ChunkedDecoder()
            func send(_ bytes: [UInt8]) throws {
                var bytes = bytes
                if unchunk { bytes = try decoder.feed(bytes[...]).data }
                sent += bytes.count
                try write(chunkToClient ? ProxyHandler.chunk(bytes) : bytes)
            }
            do {
                try BodyRelay.relay(
                    framing: framing, leftover: origin.leftover, receive: { try origin.receive() }, write: send,
                    keepLimit: max(0, limit),
                    complete: { body in
                        guard limit >= 0 else { return }
                        var response = storedHead
                        response.body = body
                        response.headers.set("Content-Length", String(body.count))
                        let entry = CacheEntry(
                            response: response, requestTime: times.0, responseTime: times.1, varyValues: vary)
                        if let entry = try? ProxyHandler.memoized(entry) { _ = try? cache.insert(key, entry) }
                    })
                if chunkToClient { try write(Array("0\r\n\r\n".utf8)) }
                finished = true
            } catch {
                record(exchange, status: status, bytes: sent, type: type)
                throw error
            }
            record(exchange, status: status, bytes: sent, type: type)
        }
    }

    /// `entry` with its `memo`: your `Freshness` asked once, at the time it is stored.
    static func memoized(_ entry: CacheEntry) throws -> CacheEntry {
        var entry = entry
        entry.memo = nil
        let age = try Freshness.currentAge(entry, now: entry.responseTime)
        let lifetime = try Freshness.lifetime(entry.response, responseTime: entry.responseTime)
        entry.memo = CacheEntry.Memo(freshUntil: entry.responseTime + lifetime - age, initialAge: age)
        return entry
    }

    /// `Freshness.isFresh`, from the memo when the entry has one (RFC 9111 §4.2).
    static func isFresh(_ entry: CacheEntry, now: Double) throws -> Bool {
        guard let memo = entry.memo, now >= entry.responseTime else { return try Freshness.isFresh(entry, now: now) }
        return now < memo.freshUntil
    }

    /// `Freshness.currentAge`, from the memo when the entry has one (RFC 9111 §4.2.3).
    static func currentAge(_ entry: CacheEntry, now: Double) throws -> Double {
        guard let memo = entry.memo, now >= entry.responseTime else { return try Freshness.currentAge(entry, now: now) }
        return memo.initialAge + (now - entry.responseTime)
    }

    /// Keeps the origin's connection for the next request when its response ended where its
    /// framing said, else closes it.
    func release(_ origin: OriginConnection, url: ProxyURL, framing: HTTPResponse.BodyFraming) {
        if origin.isReusable(framing: framing) {
            pool.give(origin.socket, host: url.host, port: url.port)
        } else {
            origin.socket.close()
        }
    }

    /// A stored response, with `Age` and `X-Cache`, or 304 for a client's own conditional GET.
    func fromCache(_ entry: CacheEntry, request: HTTPRequest, now: Double, exchange: Exchange) throws -> ServedResponse
    {
        var response = entry.response
        response.version = .http11  // The proxy's own version, whatever the origin spoke (RFC 9110 §2.5).
        response.headers.set("Age", String(Int(try ProxyHandler.currentAge(entry, now: now))))
        response.headers.add("Via", "1.1 \(configuration.viaName)")
        response.headers.set("X-Cache", exchange.outcome.rawValue)
        if request.headers.contains("If-None-Match") || request.headers.contains("If-Modified-Since"),
            try Revalidation.clientNotModified(request.headers, entry: entry)
        {
            response.status = 304
            response.reason = HTTPStatus.reason(304)
            response.body = []
            response.headers.remove("Content-Length")
        }
        return finish(ServedResponse(response: response), exchange)
    }

    /// `CONNECT host:port`: 403 for a port not in `--connect-ports`, 502/504 if the origin
    /// cannot be reached, else `200 Connection Established` and the tunnel.
    func connect(_ request: HTTPRequest, exchange: Exchange) throws -> ServedResponse {
        var exchange = exchange
        exchange.outcome = .none
        guard let (host, port) = try Tunnel.authority(request.target) else {
            exchange.code = "NONE"
            return finish(
                ServedResponse(response: try ProxyErrors.page(400, detail: "CONNECT needs host:port")),
                exchange)
        }
        guard configuration.connectPorts.contains(port) else {
            exchange.code = "TCP_DENIED"
            return finish(
                ServedResponse(response: try ProxyErrors.page(403, detail: "port \(port) is not allowed")),
                exchange)
        }
        let origin: TCPSocket
        do {
            origin = try OriginConnection.connect(host: host, port: port, timeout: configuration.timeout)
            try? origin.setReceiveTimeout(nil)
        } catch {
            let status = try ProxyErrors.status(for: error)
            return finish(ServedResponse(response: try ProxyErrors.page(status, detail: "\(error)")), exchange)
        }
        exchange.code = "TCP_TUNNEL"
        exchange.peer = origin.peer.ip
        stats.record(.none)
        let response = HTTPResponse(status: 200, reason: "Connection Established")
        let tunnel = exchange
        return ServedResponse(response: response) { [self] (client: TCPSocket, unread: [UInt8]) in
            try? client.setReceiveTimeout(nil)
            // Bytes the client sent right after CONNECT, which the server read with it.
            if !unread.isEmpty, (try? origin.sendAll(unread)) == nil {
                origin.close()
                return
            }
            let bytes = try Tunnel.pipe(client: client, origin: origin)
            logLine(tunnel, status: 200, bytes: bytes, type: nil)
        }
    }

    /// Counts and logs an answer that is complete now (not a stream).
    func finish(_ served: ServedResponse, _ exchange: Exchange) -> ServedResponse {
        var served = served
        if exchange.outcome != .none || served.response.headers["X-Cache"] == nil {
            served.response.headers.set("X-Cache", exchange.outcome == .none ? "MISS" : exchange.outcome.rawValue)
        }
        record(
            exchange, status: served.response.status, bytes: served.response.body.count,
            type: served.response.headers["Content-Type"])
        return served
    }

    func record(_ exchange: Exchange, status: Int, bytes: Int, type: String?) {
        stats.record(exchange.outcome)
        logLine(exchange, status: status, bytes: bytes, type: type)
    }

    func logLine(_ exchange: Exchange, status: Int, bytes: Int, type: String?) {
        guard let log else { return }
        log.write(
            SquidLog.line(
                start: exchange.start, end: SystemTime.wallClock(), client: exchange.client, code: exchange.code,
                status: status, bytes: bytes, method: exchange.method, url: exchange.url, peer: exchange.peer,
                contentType: type))
    }

    func inline(_ status: Int, body: [UInt8], type: String) -> ServedResponse {
        let headers = HTTPHeaders([("Content-Type", type), ("Content-Length", String(body.count))])
        return ServedResponse(response: HTTPResponse(status: status, headers: headers, body: body))
    }

    static func chunk(_ bytes: [UInt8]) -> [UInt8] {
        bytes.isEmpty ? [] : Array(String(bytes.count, radix: 16).utf8) + [13, 10] + bytes + [13, 10]
    }

    /// The request's values of the headers `Vary` names (RFC 9111 §4.1).
    static func varyValues(_ response: HTTPResponse, _ request: HTTPRequest) -> [String: String] {
        var values: [String: String] = [:]
        for list in response.headers.values("Vary") {
            for name in list.split(separator: ",") {
                let key = name.trimmingCharacters().lowercased()
                values[key] = request.headers.values(key).joined(separator: ", ")
            }
        }
        return values
    }

    static func varyMatches(_ entry: CacheEntry, _ request: HTTPRequest) -> Bool {
        entry.varyValues.allSatisfy { name, value in request.headers.values(name).joined(separator: ", ") == value }
    }

    /// The 508 page for a request that has already been through this proxy.
    static func loopDetected(_ name: String) -> HTTPResponse {
        let body = Array("508 Loop Detected\nthis request's Via already names \(name)\n".utf8)
        return HTTPResponse(
            status: 508, reason: "Loop Detected",
            headers: HTTPHeaders([
                ("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", String(body.count)),
            ]),
            body: body)
    }

    /// The 400 page for a request that is not a proxy request: how to use the proxy.
    static func usage(_ target: String) -> HTTPResponse {
        let text = """
            400 Bad Request
            This is lab03-proxy, an HTTP forward proxy, and '\(target)' is not a proxy request.
            Use it as a proxy:        curl -x http://127.0.0.1:8888 http://example.com/
            or put the URL in the path: curl http://127.0.0.1:8888/http://example.com/
            GET /stats shows the cache's counters as JSON.

            """
        let body = Array(text.utf8)
        return HTTPResponse(
            status: 400,
            headers: HTTPHeaders([
                ("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", String(body.count)),
            ]),
            body: body)
    }
}
