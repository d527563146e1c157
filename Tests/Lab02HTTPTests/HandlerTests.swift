// The server answers with whatever handler it is given, not only the static one: the proxy
// lab and the capstone plug their own handlers into your server.
import Lab02HTTP
import NetLabKit
import Synchronization
import Testing

/// A handler that remembers every request and answers with a summary of it.
final class RecordingHandler: HTTPHandler {
    private let seen = Mutex<[(request: HTTPRequest, client: SocketAddress)]>([])

    /// The requests it was asked for, with the client each came from.
    var requests: [(request: HTTPRequest, client: SocketAddress)] { seen.withLock { $0 } }

    func respond(to request: HTTPRequest, from client: SocketAddress) throws -> ServedResponse {
        seen.withLock { $0.append((request, client)) }
        let body = Array("\(request.method) \(request.target) \(request.body.count)".utf8)
        let headers = HTTPHeaders([
            ("Content-Type", "text/plain"), ("Content-Length", String(body.count)), ("X-Handler", "recording"),
        ])
        return ServedResponse(response: HTTPResponse(status: 201, headers: headers, body: body))
    }
}

/// A handler that streams `content` in 64 KiB pieces: with `Content-Length` for `/framed`,
/// and without any length (so the connection's end is the body's end) for anything else.
struct StreamingHandler: HTTPHandler {
    let content: [UInt8]

    func respond(to request: HTTPRequest, from client: SocketAddress) throws -> ServedResponse {
        var headers = HTTPHeaders([("Content-Type", "application/octet-stream")])
        if request.target == "/framed" { headers.add("Content-Length", String(content.count)) }
        let content = self.content
        return ServedResponse(response: HTTPResponse(status: 200, headers: headers)) { write in
            for start in stride(from: 0, to: content.count, by: 65_536) {
                try write(Array(content[start..<min(content.count, start + 65_536)]))
            }
        }
    }
}

extension ResponseTests {
    @Test("a handler of your own gets the whole request (absolute-form target, body) and its answer comes back")
    func customHandler() throws {
        let handler = RecordingHandler()
        let server = try RunningServer(site: try Site(), handler: handler)
        let wire = try server.connect()
        // What a browser sends to a proxy: the absolute-form target names the origin server.
        try wire.send(
            "POST http://origin.test:8080/api?x=1 HTTP/1.1\r\nHost: origin.test:8080\r\nX-Test: yes\r\n"
                + "Content-Length: 5\r\n\r\nhello")
        let reply = try wire.readResponse()
        #expect(reply.status == 201, "\(reply)")
        #expect(reply.text == "POST http://origin.test:8080/api?x=1 5")
        #expect(reply.header("X-Handler") == "recording", "the handler's headers are sent as it made them")
        #expect(reply.header("Date") != nil && reply.header("Server") != nil, "the server adds Date and Server")

        let seen = handler.requests
        #expect(seen.count == 1, "the handler is called once per request")
        let first = try #require(seen.first)
        #expect(first.request.method == "POST")
        #expect(first.request.target == "http://origin.test:8080/api?x=1", "the target reaches the handler as sent")
        #expect(first.request.headers["X-Test"] == "yes")
        #expect(first.request.body == Array("hello".utf8))
        let clientAddress = try wire.socket.localAddress()
        #expect(first.client == clientAddress, "the handler is told the client's address")

        try wire.send(request("GET", "/second"))
        let second = try wire.readResponse()
        #expect(second.text == "GET /second 0", "the connection stays open for the next request")
    }

    @Test("a handler can stream its body in pieces, with or without a Content-Length")
    func streamingHandler() throws {
        let seed = SeededRandom.freshSeed()
        let content = seededBytes(count: 700_000, seed: seed)
        let server = try RunningServer(site: try Site(), handler: StreamingHandler(content: content))

        let framed = try server.connect()
        try framed.send(request("GET", "/framed"))
        let reply = try framed.readResponse()
        #expect(reply.status == 200)
        #expect(reply.body == content, "the streamed body differs from what the handler wrote (content seed \(seed))")
        try framed.send(request("HEAD", "/framed"))
        let head = try framed.readResponse(method: "HEAD")
        #expect(head.header("Content-Length") == String(content.count), "a framed stream keeps the connection open")

        let unframed = try server.connect()
        try unframed.send(request("GET", "/unframed"))
        let untilClose = try unframed.readResponse()  // No Content-Length: reads until the server closes.
        #expect(untilClose.header("Connection")?.lowercased() == "close", "a body without a length ends the connection")
        #expect(untilClose.body == content, "the streamed body differs (content seed \(seed))")
    }
}
