import Lab02HTTP
import NetLabKit
import NetLabTesting
import Synchronization
import Testing

@Suite("Part 3: thread pool and backpressure")
struct ThreadPoolTests {
    @Test("a semaphore made with two permits lets exactly two tryWaits through until signalled")
    func semaphorePermits() throws {
        let semaphore = try CountingSemaphore(2)
        #expect(semaphore.tryWait())
        #expect(semaphore.tryWait())
        #expect(!semaphore.tryWait(), "both permits are taken")
        semaphore.signal()
        #expect(semaphore.tryWait(), "signal gives one permit back")
        #expect(!semaphore.tryWait())
    }

    @Test("wait blocks until another thread signals")
    func semaphoreBlocks() throws {
        let semaphore = try CountingSemaphore(0)
        let passed = Mutex(false)
        startThread {
            semaphore.wait()
            passed.withLock { $0 = true }
        }
        sleep(seconds: 0.2)
        #expect(passed.withLock { $0 } == false, "wait() returned although no permit was ever available")
        semaphore.signal()
        #expect(eventually { passed.withLock { $0 } }, "signal() did not wake the waiting thread")
    }

    @Test("the bounded queue is first in, first out, and offer fails when it is full")
    func queueBasics() throws {
        let queue = try BoundedQueue<Int>(capacity: 3)
        let offered = try [queue.offer(1), queue.offer(2), queue.offer(3)]
        #expect(offered == [true, true, true], "offer 1, 2, 3 to an empty queue of capacity 3")
        let fourth = try queue.offer(4)
        #expect(fourth == false, "offer(4) to a full queue must refuse at once instead of waiting")
        let first = try queue.take()
        #expect(first == 1, "take() after offering 1, 2, 3")
        let fifth = try queue.offer(5)
        #expect(fifth, "offer(5) after one take(): taking one frees a slot")
        let rest = try [queue.take(), queue.take(), queue.take()]
        #expect(rest == [2, 3, 5], "three more take()s")
    }

    @Test("four producers and four consumers pass every item exactly once")
    func producersAndConsumers() throws {
        let queue = try BoundedQueue<Int>(capacity: 4)
        let taken = Mutex<[Int]>([])
        for producer in 0..<4 {
            startThread {
                for item in 0..<500 { try? queue.put(producer * 1_000 + item) }
            }
        }
        for _ in 0..<4 {
            startThread {
                for _ in 0..<500 {
                    guard let item = try? queue.take() else { break }
                    taken.withLock { $0.append(item) }
                }
            }
        }
        #expect(
            eventually(within: 10) { taken.withLock { $0.count } == 2_000 },
            "only \(taken.withLock { $0.count }) of 2000 items came out")
        let items = taken.withLock { $0 }
        #expect(Set(items).count == 2_000, "some item came out twice or never")
        #expect(queue.count == 0)
        queue.close()
    }

    @Test("close wakes a consumer waiting on an empty queue")
    func closeWakesConsumer() throws {
        let queue = try BoundedQueue<Int>(capacity: 2)
        let woke = Mutex(false)
        startThread {
            _ = try? queue.take()
            woke.withLock { $0 = true }
        }
        sleep(seconds: 0.1)
        #expect(woke.withLock { $0 } == false, "take() on an empty queue must wait")
        queue.close()
        #expect(eventually { woke.withLock { $0 } }, "take() still blocks after close()")
        #expect(throws: (any Error).self) { try queue.take() }
    }

    @Test("a closed queue takes no more items: offer and put throw, and what was queued is still taken")
    func closedQueueRefuses() throws {
        let queue = try BoundedQueue<Int>(capacity: 4)
        let offered = try queue.offer(1)
        #expect(offered, "offer(1) to an empty queue")
        queue.close()
        #expect(throws: BoundedQueue<Int>.Closed.self, "offer(2) after close()") { _ = try queue.offer(2) }
        #expect(throws: BoundedQueue<Int>.Closed.self, "put(3) after close()") { try queue.put(3) }
        let first = try queue.take()
        #expect(first == 1, "the item queued before close() is still taken")
        #expect(throws: BoundedQueue<Int>.Closed.self, "take() on a closed, empty queue") { _ = try queue.take() }
    }

    @Test("clients that connect and send nothing do not stop a fresh request from being answered")
    func silentClientsDoNotBlock() throws {
        let site = try Site()
        try site.write("hello.txt", "hello")
        // Long idle timeout: the silent clients hold their workers for the whole test.
        let server = try RunningServer(site: site, threads: 4, idleTimeout: 60)
        let silent = try (0..<3).map { _ in try server.connect() }
        let reply = try server.get("/hello.txt")  // 5 s receive timeout, far less than the idle timeout.
        #expect(
            reply.status == 200,
            "a server that serves one connection at a time (or holds the queue lock while serving) cannot answer this")
        for connection in silent {
            #expect(
                connection.isOpenAndQuiet(),
                "the silent connections must still be open: they were not the reason this worked")
        }
    }

    @Test("one worker passes over silent connections queued ahead of a request without waiting on any")
    func silentConnectionsAheadAreParkedAtOnce() throws {
        let site = try Site()
        try site.write("hello.txt", "hello")
        let server = try RunningServer(site: site, threads: 1, idleTimeout: 60)
        // The one worker takes each silent connection first. If it waited even one second on
        // each for a request, the client behind them would wait eight.
        let silent = try (0..<8).map { _ in try server.connect() }
        let wire = try server.connect(timeout: 3)
        try wire.send(request("GET", "/hello.txt"))
        let reply: Reply
        do {
            reply = try wire.readResponse()
        } catch {
            let hint = "does serve wait on a connection that sent nothing while others are queued?"
            Issue.record("no answer within 3 s behind 8 silent connections (\(error)): \(hint) Return .idle at once.")
            return
        }
        #expect(reply.status == 200, "GET /hello.txt behind 8 silent connections:\n\(reply)")
        for connection in silent {
            #expect(connection.isOpenAndQuiet(), "the silent connections stay open: they are parked, not closed")
        }
    }

    @Test("a client trickling its request slowly does not stop other clients")
    func slowClientDoesNotBlock() throws {
        let site = try Site()
        try site.write("a.txt", "a")
        let server = try RunningServer(site: site, threads: 2, idleTimeout: 60, headerTimeout: 60)
        let slow = try server.connect()
        try slow.send("GET /a.txt HTTP/1.1\r\nHo")
        for attempt in 1...3 {
            let reply = try server.get("/a.txt")
            #expect(reply.status == 200, "GET /a.txt number \(attempt) while a slow client holds a worker:\n\(reply)")
        }
        try slow.send("st: a\r\n\r\n")
        let slowReply = try slow.readResponse()
        #expect(slowReply.status == 200, "the slow request is answered once it is complete:\n\(slowReply)")
    }

    @Test("with two workers busy, a third client waits in the queue and is served when one frees")
    func poolIsBounded() throws {
        let site = try Site()
        try site.write("a.txt", "a")
        let server = try RunningServer(site: site, threads: 2, idleTimeout: 60, headerTimeout: 60)
        // A request that has started but not ended keeps its worker until it is complete.
        let busy = try (0..<2).map { _ in try server.connect() }
        for wire in busy { try wire.send("GET /a.txt HTTP/1.1\r\nHo") }
        let held = eventually { server.server.activeConnections == 2 }
        #expect(held, "two unfinished requests should keep both workers busy: activeConnections stayed below 2")
        let waiting = try server.connect()
        try waiting.send(request("GET", "/a.txt"))
        sleep(seconds: 0.3)
        #expect(
            waiting.isOpenAndQuiet(),
            "only 2 workers, both busy: the third connection must wait in the queue, not get its own thread")
        try busy[0].send("st: a\r\n\r\n")
        let busyReply = try busy[0].readResponse()
        #expect(busyReply.status == 200, "the first busy request, completed:\n\(busyReply)")
        let waitingReply = try waiting.readResponse()
        #expect(waitingReply.status == 200, "a freed worker takes the queued connection:\n\(waitingReply)")
    }

    @Test("when the queue is full the acceptor answers 503 with Retry-After, and queued clients are still served")
    func fullQueueGets503() throws {
        let site = try Site()
        try site.write("a.txt", "a")
        let server = try RunningServer(site: site, threads: 1, queue: 1, idleTimeout: 60, headerTimeout: 60)
        let holder = try server.connect()
        try holder.send("GET /a.txt HTTP/1.1\r\nHo")  // The only worker waits for the rest of it.
        let held = eventually { server.server.activeConnections == 1 }
        #expect(held, "an unfinished request should keep the only worker busy")
        let queued = try server.connect()  // Fills the one queue slot.
        try queued.send(request("GET", "/a.txt"))
        let refused = try server.connect()
        let reply = try refused.readResponse()
        #expect(reply.status == 503, "the queue is full: expected 503, got \(reply.status)")
        #expect(
            reply.header("Retry-After").flatMap { Int($0) } != nil, "a 503 says when to retry: Retry-After: <seconds>")
        #expect(refused.isClosedByPeer(), "the server closes after a 503")
        try holder.send("st: a\r\n\r\n")
        let holderReply = try holder.readResponse()
        #expect(holderReply.status == 200, "the request that held the worker, completed:\n\(holderReply)")
        let queuedReply = try queued.readResponse()
        #expect(queuedReply.status == 200, "the queued connection is served once the worker is free:\n\(queuedReply)")
    }

    @Test("a request that never completes gets 408 after the header timeout, even if bytes keep trickling in")
    func headerTimeout() throws {
        let site = try Site()
        let server = try RunningServer(site: site, threads: 2, idleTimeout: 60, headerTimeout: 0.5)
        let wire = try server.connect(timeout: 10)
        try wire.send("GET / HTTP/1.1\r\n")
        let stop = Mutex(false)
        let socket = wire.socket
        startThread {  // One header byte every 50 ms: each read succeeds, the request never ends.
            for _ in 0..<200 where !stop.withLock({ $0 }) {
                if (try? socket.sendAll([UInt8(ascii: "X")])) == nil { return }
                sleep(seconds: 0.05)
            }
        }
        defer { stop.withLock { $0 = true } }
        let reply = try wire.readResponse()
        #expect(reply.status == 408, "a slow client must not hold a worker forever:\n\(reply)")
    }

    @Test("stop() closes the listener and every open connection")
    func stopCloses() throws {
        let site = try Site()
        let server = try RunningServer(site: site, threads: 2, idleTimeout: 60)
        let wire = try server.connect()
        try wire.send(request("GET", "/"))
        _ = try wire.readResponse()
        server.server.stop()
        #expect(wire.isClosedByPeer(), "an open keep-alive connection is closed by stop()")
        #expect(throws: (any Error).self, "nothing listens any more") {
            let late = try Wire(to: server.address, timeout: 2)
            try late.send(request("GET", "/"))
            _ = try late.readResponse()
        }
    }

    @Test("stop() also closes a connection still waiting in the queue, without answering it")
    func stopClosesQueued() throws {
        let site = try Site()
        try site.write("a.txt", "a")
        let server = try RunningServer(site: site, threads: 1, queue: 4, idleTimeout: 60, headerTimeout: 60)
        let holder = try server.connect()
        try holder.send("GET /a.txt HTTP/1.1\r\nHo")  // The only worker waits for the rest of it.
        let held = eventually { server.server.activeConnections == 1 }
        #expect(held, "an unfinished request should keep the only worker busy")
        let queued = try server.connect()
        try queued.send(request("GET", "/a.txt"))
        sleep(seconds: 0.2)
        #expect(queued.isOpenAndQuiet(), "with the only worker busy, the second connection waits in the queue")
        server.server.stop()
        let answered = Result { try queued.readResponse() }
        if case .success(let reply) = answered {
            Issue.record("a connection still queued when stop() was called was answered after it:\n\(reply)")
        }
        #expect(queued.isClosedByPeer(), "stop() closes the queued connection too")
    }

    @Test("waitUntilStopped() returns once stop() is called, not before")
    func waitUntilStopped() throws {
        let site = try Site()
        let server = try RunningServer(site: site, threads: 1)
        let returned = Mutex(false)
        let running = server.server
        startThread {
            running.waitUntilStopped()
            returned.withLock { $0 = true }
        }
        sleep(seconds: 0.2)
        #expect(returned.withLock { $0 } == false, "waitUntilStopped() returned although stop() was never called")
        running.stop()
        #expect(eventually { returned.withLock { $0 } }, "waitUntilStopped() still blocks after stop()")
    }
}
