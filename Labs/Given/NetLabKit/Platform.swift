// The only file in NetLabKit that knows whether we are on Linux (Glibc) or macOS (Darwin).
// Everything else calls the names defined here, so a port is one file. (NetLabSystem, the
// module that hands the C library to the few labs that call it by hand, has one `#if` too.)
internal import NetLabSystem

/// Socket types and flags as the `Int32` values the C calls expect, and the few places
/// where Linux and macOS lay out the same C structure differently.
///
/// On Linux `SOCK_DGRAM` imports as an enum and `MSG_NOSIGNAL` as an `Int`; on macOS they
/// are plain `Int32`s. These constants hide the difference.
enum Platform {
    #if canImport(Glibc)
    static let datagram = Int32(SOCK_DGRAM.rawValue)
    static let stream = Int32(SOCK_STREAM.rawValue)
    /// Do not raise SIGPIPE when the peer has closed: fail with EPIPE instead.
    static let noSignal = Int32(MSG_NOSIGNAL)
    static let shutWrite = Int32(SHUT_WR)
    #else
    static let datagram = SOCK_DGRAM
    static let stream = SOCK_STREAM
    static let noSignal: Int32 = 0  // macOS uses the SO_NOSIGPIPE socket option instead.
    static let shutWrite = SHUT_WR
    #endif

    /// Sets the options every new socket needs on this platform.
    static func prepare(_ descriptor: Int32) {
        #if canImport(Darwin)
        var on: Int32 = 1
        _ = setsockopt(descriptor, SOL_SOCKET, SO_NOSIGPIPE, &on, socklen_t(MemoryLayout<Int32>.size))
        #endif
    }

    /// Sets `sin_len`/`sin6_len` where the platform has them (BSD-style sockets).
    static func setLength(_ storage: inout sockaddr_storage, _ length: socklen_t) {
        #if canImport(Darwin)
        storage.ss_len = UInt8(length)
        #endif
    }

    /// Ties a socket to the interface called `name`; 0 or -1 with errno, as `setsockopt` returns.
    static func bindToDevice(_ descriptor: Int32, _ name: String) -> Int32 {
        #if canImport(Glibc)
        let bytes = Array(name.utf8CString)
        return bytes.withUnsafeBytes {
            setsockopt(descriptor, SOL_SOCKET, SO_BINDTODEVICE, $0.baseAddress, socklen_t($0.count))
        }
        #else
        var index = Int32(bitPattern: if_nametoindex(name))
        if index == 0 {
            errno = ENXIO
            return -1
        }
        return setsockopt(descriptor, IPPROTO_IP, IP_BOUND_IF, &index, socklen_t(MemoryLayout<Int32>.size))
        #endif
    }

    /// The last modification time in a `stat` result, in whole seconds since 1970.
    static func modificationTime(_ status: stat) -> Int {
        #if canImport(Glibc)
        Int(status.st_mtim.tv_sec)
        #else
        Int(status.st_mtimespec.tv_sec)
        #endif
    }

    /// Starts a detached thread that calls `runThread(context)` and ends when it returns.
    ///
    /// - Returns: 0, or the error number `pthread_create` failed with (it does not use errno).
    /// The corresponding C calls are `pthread_create(3)` and `pthread_detach(3)`.
    static func startDetachedThread(_ context: UnsafeMutableRawPointer) -> Int32 {
        #if canImport(Glibc)
        var thread = pthread_t()
        let result = pthread_create(
            &thread, nil,
            { context in
                runThread(context!)
                return nil
            }, context)
        if result == 0 { pthread_detach(thread) }
        #else
        var thread: pthread_t?
        let result = pthread_create(
            &thread, nil,
            { context in
                runThread(context)
                return nil
            }, context)
        if result == 0, let thread { pthread_detach(thread) }
        #endif
        return result
    }

    /// The text for an errno value, as `strerror(3)` gives it.
    static func describe(errno code: Int32) -> String {
        guard let text = strerror(code) else { return "errno \(code)" }
        return String(cString: text)
    }

    /// The text for a `getaddrinfo(3)` failure, which does not use errno.
    static func describe(addressInfoError code: Int32) -> String {
        guard let text = gai_strerror(code) else { return "getaddrinfo error \(code)" }
        return String(cString: text)
    }
}

/// The C functions whose names NetLab's types reuse as method names (`close`, `bind`,
/// `write`, …). Inside those types a bare `close(fd)` would call the method, so the C
/// functions are reached through here.
enum System {
    static func close(_ fd: Int32) -> Int32 { NetLabSystem.close(fd) }
    static func bind(_ fd: Int32, _ address: UnsafePointer<sockaddr>, _ length: socklen_t) -> Int32 {
        NetLabSystem.bind(fd, address, length)
    }
    static func connect(_ fd: Int32, _ address: UnsafePointer<sockaddr>, _ length: socklen_t) -> Int32 {
        NetLabSystem.connect(fd, address, length)
    }
    static func listen(_ fd: Int32, _ backlog: Int32) -> Int32 { NetLabSystem.listen(fd, backlog) }
    static func accept(
        _ fd: Int32, _ address: UnsafeMutablePointer<sockaddr>, _ length: UnsafeMutablePointer<socklen_t>
    ) -> Int32 {
        NetLabSystem.accept(fd, address, length)
    }
    static func write(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
        NetLabSystem.write(fd, buffer, count)
    }
}
