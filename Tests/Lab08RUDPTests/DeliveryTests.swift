import Lab08RUDP
import NetLabChannel
import NetLabKit
import NetLabSystem
import Testing

@Suite struct DeliveryTests {
    static let scenarios = ["loss", "burst", "corruption", "duplication", "reordering", "rate limit", "everything"]

    @Test("a payload arrives intact and in order over a perfect channel")
    func clean() throws {
        let payload = Fixture.payload(seed: 7, count: 200_000)
        let received = try Fixture.upload(payload)
        #expect(received.count == payload.count)
        #expect(received == payload)
    }

    @Test("a payload arrives intact and in order under each fault", arguments: scenarios, [1, 2, 3] as [UInt64])
    func underFaults(scenario: String, seed: UInt64) throws {
        let faults = Faults.scenario(scenario, seed: seed)
        let payload = Fixture.payload(seed: seed, count: 24_000)
        let received = try Fixture.upload(payload, clientFaults: faults)
        #expect(received.count == payload.count, Fixture.replay(faults))
        #expect(received == payload, Fixture.replay(faults))
    }

    @Test("faults on both ends at once still deliver every byte once", arguments: [21, 22] as [UInt64])
    func faultsOnBothEnds(seed: UInt64) throws {
        let client = Faults.scenario("everything", seed: seed)
        var server = Faults.scenario("reordering", seed: seed + 1000)
        server.duplicate = 0.1
        server.loss = 0.1
        let payload = Fixture.payload(seed: seed, count: 20_000)
        let received = try Fixture.upload(payload, clientFaults: client, serverFaults: server)
        #expect(received == payload, "client \(client), server \(server)")
    }

    @Test("numbers 0-999 sent one message at a time arrive as the same bytes in the same order")
    func manySmallMessages() throws {
        var faults = Faults(seed: 5)
        faults.loss = 0.1
        faults.jitter = 0.002
        let messages = (0..<1000).map { Array(String($0).utf8) }
        let received = try Fixture.upload(messages.flatMap { $0 }, clientFaults: faults, chunks: messages.map(\.count))
        #expect(
            String(decoding: received, as: UTF8.self) == (0..<1000).map(String.init).joined(), Fixture.replay(faults))
    }

    @Test("12,345 bytes sent in uneven chunks arrive whole")
    func unevenChunks() throws {
        var faults = Faults(seed: 6)
        faults.loss = 0.1
        faults.duplicate = 0.1
        let payload = Fixture.payload(seed: 6, count: 12_345)
        var chunks: [Int] = []
        var left = payload.count
        var size = 1
        while left > 0 {
            chunks.append(min(size, left))
            left -= chunks.last!
            size = size * 3 % 1001 + 1
        }
        let received = try Fixture.upload(payload, clientFaults: faults, chunks: chunks)
        #expect(received == payload, Fixture.replay(faults))
    }

    @Test("sequence numbers wrap around 2^32 without losing a byte")
    func sequenceWraparound() throws {
        var options = Fixture.options()
        options.initialSequence = 0xFFFF_F000
        var faults = Faults(seed: 8)
        faults.loss = 0.1
        let payload = Fixture.payload(seed: 8, count: 30_000)
        let received = try Fixture.upload(payload, clientFaults: faults, options: options)
        #expect(received == payload, "ISN 0xFFFFF000, \(Fixture.replay(faults))")
    }

    @Test("no datagram is larger than the MSS plus the header")
    func segmentsFitTheMSS() throws {
        var faults = Faults(seed: 9)
        faults.pcapPath = "/tmp/netlab-lab08-mss-\(getpid()).pcap"
        defer { unlink(faults.pcapPath!) }
        let payload = Fixture.payload(seed: 9, count: 10_000)
        let received = try Fixture.upload(payload, clientFaults: faults, options: Fixture.options(mss: 300))
        #expect(received == payload)
        // Read the pcap back: 24-byte file header, then 16-byte record headers.
        let capture = try LocalFile.read(faults.pcapPath!)
        var offset = 24
        var largest = 0
        var records = 0
        while offset + 16 <= capture.count {
            let length = Int(capture[offset + 8]) | Int(capture[offset + 9]) << 8 | Int(capture[offset + 10]) << 16
            largest = max(largest, length - 28)  // minus the IPv4 and UDP headers
            records += 1
            offset += 16 + length
        }
        #expect(records > 30, "the pcap recorded the transfer")
        #expect(largest <= 300 + Segment.headerSize, "largest UDP payload: \(largest) bytes")
    }

    @Test("one listener serves two clients at once, each getting its own bytes")
    func twoClientsAtOnce() throws {
        let listener = try RUDPListener(bindingTo: Fixture.loopback, options: Fixture.options())
        defer { listener.close() }
        let serving = Outcome<Void>()
        startThread {
            serving.finish {
                let first = try listener.accept(timeout: 30)
                let second = try listener.accept(timeout: 30)
                for connection in [first, second] {
                    startThread {
                        // Read the client's 15,000 bytes, echo them back, close.
                        var received: [UInt8] = []
                        while received.count < 15_000, let chunk = try? connection.receive(timeout: 20), !chunk.isEmpty
                        {
                            received += chunk
                        }
                        try? connection.send(received)
                        try? connection.close()
                    }
                }
            }
        }
        let results = [Outcome<Bool>(), Outcome<Bool>()]
        for index in 0..<2 {
            startThread {
                results[index].finish {
                    var faults = Faults(seed: UInt64(40 + index))
                    faults.loss = 0.1
                    let payload = Fixture.payload(seed: UInt64(40 + index), count: 15_000)
                    let client = try RUDPConnection.connect(
                        to: listener.localAddress, faults: faults, options: Fixture.options())
                    try client.send(payload)
                    var echoed: [UInt8] = []
                    while echoed.count < payload.count {
                        let chunk = try client.receive(timeout: 20)
                        if chunk.isEmpty { break }
                        echoed += chunk
                    }
                    try? client.close()
                    return echoed == payload
                }
            }
        }
        let first = try results[0].wait(timeout: 60)
        let second = try results[1].wait(timeout: 60)
        #expect(first, "client 1 got its own bytes back")
        #expect(second, "client 2 got its own bytes back")
        try serving.wait(timeout: 30)
    }
}
