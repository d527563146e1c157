import Foundation
import Lab02HTTP
import Lab03Proxy
import NetLabKit
import Testing

/// Part 8: CONNECT tunnels.
@Suite struct TunnelTests {
    /// An echo server: sends back every byte, upper-cased, until the client closes.
    final class Echo: @unchecked Sendable {  // Sendable: constants only.
        let listener: TCPListener
        let port: UInt16

        init() throws {
            listener = try TCPListener(bindingTo: SocketAddress(ip: "127.0.0.1", port: 0))
            port = try listener.localAddress().port
            let listener = self.listener
            startThread {
                while let connection = try? listener.accept() {
                    startThread {
                        defer { connection.close() }
                        try? connection.setReceiveTimeout(10)
                        while let bytes = try? connection.receive(), !bytes.isEmpty {
                            let upper = bytes.map { $0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0 }
                            guard (try? connection.sendAll(upper)) != nil else { return }
                        }
                    }
                }
            }
        }

        deinit { listener.close() }
    }

    @Test("CONNECT answers 200 and pipes bytes both ways")
    func tunnel() throws {
        let echo = try Echo()
        let proxy = try RunningProxy(connectPorts: [echo.port])
        let wire = try proxy.connect()
        try wire.send("CONNECT 127.0.0.1:\(echo.port) HTTP/1.1\r\nHost: 127.0.0.1:\(echo.port)\r\n\r\n")
        let reply = try wire.readResponse(method: "CONNECT")
        try checkImplemented(reply)
        #expect(reply.status == 200)
        try wire.send("x")  // a single byte is a piece too
        let one = try wire.read(1)
        #expect(String(decoding: one, as: UTF8.self) == "X")
        try wire.send("hello tunnel")
        let back = try wire.read(12)
        #expect(String(decoding: back, as: UTF8.self) == "HELLO TUNNEL")
        let binary = seededBytes(count: 100_000, seed: 11).map { $0 & 0x5F }  // no lower-case letters
        try wire.send(binary)
        let echoed = try wire.read(binary.count)
        #expect(echoed == binary, "seed 11")
    }

    @Test("bytes sent right after CONNECT, before the 200 is read, go through the tunnel")
    func earlyBytes() throws {
        let echo = try Echo()
        let proxy = try RunningProxy(connectPorts: [echo.port])
        let wire = try proxy.connect()
        try wire.send("CONNECT 127.0.0.1:\(echo.port) HTTP/1.1\r\nHost: x\r\n\r\nearly bytes")
        let reply = try wire.readResponse(method: "CONNECT")
        try checkImplemented(reply)
        #expect(reply.status == 200)
        let back = try wire.read(11)
        #expect(String(decoding: back, as: UTF8.self) == "EARLY BYTES", "a TLS client sends its hello at once")
        try wire.send("later")
        #expect(String(decoding: try wire.read(5), as: UTF8.self) == "LATER")
    }

    @Test("CONNECT to a port not in --connect-ports gets 403")
    func forbiddenPort() throws {
        let echo = try Echo()
        let proxy = try RunningProxy(connectPorts: [443])
        let reply = try proxy.get("127.0.0.1:\(echo.port)", method: "CONNECT")
        #expect(reply.status == 403)
    }

    @Test("the tunnel ends when the origin closes")
    func originCloses() throws {
        let origin = try ScriptedOrigin { _, _ in .reply(Array("bye".utf8)) }
        let proxy = try RunningProxy(connectPorts: [origin.address.port])
        let wire = try proxy.connect()
        try wire.send("CONNECT 127.0.0.1:\(origin.address.port) HTTP/1.1\r\nHost: x\r\n\r\n")
        let reply = try wire.readResponse(method: "CONNECT")
        try checkImplemented(reply)
        try wire.send("GET / HTTP/1.1\r\n\r\n")
        let bytes = try wire.read(3)
        #expect(String(decoding: bytes, as: UTF8.self) == "bye")
        #expect(wire.isClosedByPeer())
    }

    @Test("CONNECT targets are split into host and port")
    func authority() throws {
        let plain = try Tunnel.authority("example.com:443")
        let six = try Tunnel.authority("[::1]:8443")
        let none = try Tunnel.authority("example.com")
        let noHost = try Tunnel.authority(":443")
        let emptyBrackets = try Tunnel.authority("[]:443")
        #expect(plain?.host == "example.com" && plain?.port == 443)
        #expect(six?.host == "::1" && six?.port == 8443)
        #expect(none == nil)
        #expect(noHost == nil, "a port without a host")
        #expect(emptyBrackets == nil, "an empty IPv6 literal")
    }
}
