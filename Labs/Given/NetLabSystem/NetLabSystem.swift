// The C library, for the few places whose lesson is the raw C call itself.
//
// NetLabKit wraps what labs commonly need (sockets, files, time, threads, errno text) in
// Swift. A lab or test that really needs to call C by hand writes `import NetLabSystem`
// instead of `import Glibc`: it works on Linux and on macOS alike, and this file is the
// only place that knows which of the two C libraries it is.

#if canImport(Glibc)
@_exported import Glibc
#elseif canImport(Darwin)
@_exported import Darwin
#else
#error("NetLab needs Glibc (Linux) or Darwin (macOS)")
#endif
