// Shows why Tests/Fuzz/tsan-suppressions.txt exists. Four threads add 1 to a counter 20,000
// times each, under a lock; the total comes out exact, so the lock works. Under the thread
// sanitizer, Synchronization.Mutex gets a race report and pthread_mutex_t none:
//
//   swiftc -sanitize=thread -g Tests/Fuzz/tsan/mutex-demo.swift -o /tmp/mutex-demo
//   /tmp/mutex-demo mutex      # count 80000 of 80000, and (nearly always) a "Swift access race"
//   /tmp/mutex-demo pthread    # count 80000 of 80000, no report
//   /tmp/mutex-demo unguarded  # no lock at all: reports (a real race; the count may be short)
//
// Add TSAN_OPTIONS=suppressions=$PWD/Tests/Fuzz/tsan-suppressions.txt: the first is quiet, the
// third is still reported.
import Synchronization

import Glibc  // Linux only, like the sanitizers this demo is about

final class Counter: @unchecked Sendable { var value = 0 }  // guarded by whichever lock is used
let mode = CommandLine.arguments.dropFirst().first ?? "mutex"
let mutex = Mutex(Counter())
let plain = Counter()
nonisolated(unsafe) let pthreadLock: UnsafeMutablePointer<pthread_mutex_t> = {
    let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    pthread_mutex_init(lock, nil)
    return lock
}()

func work() {
    for _ in 0..<20_000 {
        switch mode {
        case "pthread":
            pthread_mutex_lock(pthreadLock)
            plain.value += 1
            pthread_mutex_unlock(pthreadLock)
        case "unguarded": plain.value += 1
        default: mutex.withLock { $0.value += 1 }
        }
    }
}

var threads: [pthread_t] = []
for _ in 0..<4 {
    var thread = pthread_t()
    pthread_create(&thread, nil, { _ in work(); return nil }, nil)
    threads.append(thread)
}
for thread in threads { pthread_join(thread, nil) }
print("count \(mode == "mutex" ? mutex.withLock { $0.value } : plain.value) of 80000")
