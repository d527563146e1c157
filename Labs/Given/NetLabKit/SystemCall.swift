/// The two loops every system call needs, written once.
///
/// Sockets, files and the terminal all go through these, so the rules live in one place:
/// a call interrupted by a signal is made again, and a write that took only part of the
/// bytes is continued until all of them are out.
internal import NetLabSystem

/// Makes a C call, and makes it again for as long as it fails with `EINTR`.
///
/// When a signal arrives while a thread waits inside the kernel (in `read`, `recv`,
/// `accept`, `poll`, …) the call returns -1 with `errno == EINTR` although nothing went
/// wrong. The fix is to call again, and this is the one place in the kit that does it:
///
/// ```swift
/// let count = retryingInterrupts { read(descriptor, &buffer, buffer.count) }
/// if count < 0 { /* a real failure: errno says which */ }
/// ```
///
/// - Parameter body: the call. It returns a negative value (-1) on failure, with `errno`
///   set, as C calls do.
/// - Returns: the result of the last attempt: non-negative on success, or negative with
///   `errno` still set by the failure (never `EINTR`).
@discardableResult
public func retryingInterrupts<Result: BinaryInteger>(_ body: () -> Result) -> Result {
    while true {
        let result = body()
        if result >= 0 || errno != EINTR { return result }
    }
}

/// Writes every byte of `buffer`, however many calls it takes.
///
/// `write(2)` and `send(2)` may take fewer bytes than offered (a full pipe or socket
/// buffer, a signal): the rest must be offered again, starting where the kernel stopped.
/// A program that ignores the count it got back silently loses data.
///
/// - Parameters:
///   - buffer: the bytes to write.
///   - write: one C call that writes the start of the buffer it is given and returns the
///     count written, or -1 with `errno` set. It is retried on `EINTR`.
/// - Returns: `nil` once every byte is written, or the `errno` of the call that failed.
///   A call that writes nothing counts as a failure (`EIO`), so the loop never spins.
public func writeAll(_ buffer: UnsafeRawBufferPointer, _ write: (UnsafeRawBufferPointer) -> Int) -> Int32? {
    var offset = 0
    while offset < buffer.count {
        let written = retryingInterrupts { write(UnsafeRawBufferPointer(rebasing: buffer[offset...])) }
        if written < 0 { return errno }
        if written == 0 { return EIO }
        offset += written
    }
    return nil
}

/// The C library's words for an errno value: "No such file or directory" for `ENOENT`.
/// The corresponding C call is `strerror(3)`.
public func errnoDescription(_ code: Int32) -> String {
    Platform.describe(errno: code)
}
