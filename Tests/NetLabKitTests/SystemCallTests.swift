// The kit's two system-call loops: retry on EINTR, and write every byte.
import NetLabKit
import NetLabSystem
import Synchronization
import Testing

@Suite("System calls (given code)")
struct SystemCallTests {
    @Test("a call interrupted by a signal (EINTR) is made again until it succeeds")
    func retriesInterruptedCalls() {
        var attempts = 0
        let result = retryingInterrupts { () -> Int in
            attempts += 1
            if attempts < 3 {
                errno = EINTR
                return -1
            }
            return 42
        }
        #expect(result == 42)
        #expect(attempts == 3)
    }

    @Test("any other failure comes back at once, with its errno kept")
    func keepsOtherFailures() {
        var attempts = 0
        let result = retryingInterrupts { () -> Int32 in
            attempts += 1
            errno = EBADF
            return -1
        }
        let code = errno
        #expect(result == -1)
        #expect(attempts == 1)
        #expect(code == EBADF)
    }

    @Test("writeAll gets every byte through a pipe that takes at most 1000 bytes a write, even when interrupted")
    func writesEveryByte() throws {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        let (reader, writer) = (ends[0], ends[1])
        let payload = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let received = Mutex<[UInt8]>([])
        let done = Monitor()
        let finished = Mutex(false)
        startThread {
            var chunk = [UInt8](repeating: 0, count: 4_096)
            while true {
                let count = chunk.withUnsafeMutableBytes { read(reader, $0.baseAddress, $0.count) }
                if count <= 0 { break }
                received.withLock { $0 += chunk[0..<count] }
            }
            close(reader)
            done.withLock {
                finished.withLock { $0 = true }
                done.broadcast()
            }
        }
        var calls = 0
        var writes = 0
        let failure = payload.withUnsafeBytes { buffer in
            writeAll(buffer) { rest in
                calls += 1
                if calls % 5 == 0 {  // every fifth call is "interrupted by a signal"
                    errno = EINTR
                    return -1
                }
                writes += 1
                return write(writer, rest.baseAddress, min(rest.count, 1_000))
            }
        }
        close(writer)
        done.withLock {
            let deadline = SystemTime().now() + 10
            while !finished.withLock({ $0 }) && SystemTime().now() < deadline { done.wait(until: deadline) }
        }
        let bytes = received.withLock { $0 }
        #expect(failure == nil)
        #expect(bytes.count == payload.count)
        #expect(bytes == payload)
        #expect(writes == 300, "300,000 bytes at 1,000 a write")
        #expect(calls == 374, "the 300 writes, and the 74 interrupted calls between them")
    }

    @Test("writeAll stops at the first real failure and gives its errno")
    func reportsFailure() {
        let bytes: [UInt8] = [1, 2, 3]
        let failure = bytes.withUnsafeBytes { writeAll($0) { write(-1, $0.baseAddress, $0.count) } }
        #expect(failure == EBADF)
    }

    @Test("the errno text is the C library's")
    func errnoText() {
        #expect(errnoDescription(ENOENT) == "No such file or directory")
    }
}
