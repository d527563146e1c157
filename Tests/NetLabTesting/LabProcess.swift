/// Running a lab's binary from a test, the way a user would run it from a shell.
///
/// ```swift
/// let server = try LabProcess.launch("lab01-ping", ["server", "--port", "0"])
/// defer { server.stop() }
/// let address = try server.waitForListening()          // reads "listening on udp://…"
/// let run = try LabProcess.run("lab01-ping", ["client", "127.0.0.1", "--port", "\(address.port)"])
/// #expect(run.exitCode == 0)
/// ```
///
/// Every wait has a deadline, so a starter that never prints or never exits fails the test
/// instead of hanging the grade.
import Foundation
import NetLabKit
import Synchronization

public final class LabProcess: @unchecked Sendable {  // Sendable: output is in `Pipes`' Mutex; Process is thread-safe.
    /// What a finished run printed, and how it ended.
    public struct Result: Sendable, CustomStringConvertible {
        public let exitCode: Int32
        public let stdout: String
        public let stderr: String
        public var stdoutLines: [String] {
            stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty }
        }
        public var description: String { "exit \(exitCode)\n--- stdout ---\n\(stdout)--- stderr ---\n\(stderr)" }
    }

    private final class OutputBox: Sendable {
        let state = Mutex(Output())
    }

    private struct Output {
        var stdout: [UInt8] = []
        var stderr: [UInt8] = []
        var stdoutClosed = false
        var stderrClosed = false
    }

    public let name: String
    private let process: Process
    private let output = OutputBox()

    /// The folder that holds the lab binaries: the one the test executable itself is in.
    public static var binaryFolder: URL {
        if let override = ProcessInfo.processInfo.environment["NETLAB_BIN"] {
            return URL(fileURLWithPath: override)
        }
        #if os(Linux)
        // /proc/self/exe is the test runner (…/debug/NetLabPackageTests.xctest), a sibling
        // of the lab binaries.
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        return exe.deletingLastPathComponent()
        #else
        // On macOS the tests run from a NetLabPackageTests.xctest bundle beside the binaries.
        let bundle = Bundle.allBundles.first { $0.bundlePath.hasSuffix(".xctest") } ?? Bundle.main
        return bundle.bundleURL.deletingLastPathComponent()
        #endif
    }

    /// Starts a lab binary in the background.
    ///
    /// - Parameters:
    ///   - name: the executable's name, such as `"lab01-ping"`.
    ///   - arguments: its command-line arguments.
    /// - Throws: if the binary is missing or cannot start.
    public static func launch(_ name: String, _ arguments: [String]) throws -> LabProcess {
        let process = Process()
        process.executableURL = binaryFolder.appendingPathComponent(name)
        process.arguments = arguments
        let standardInput = Pipe()
        process.standardInput = standardInput
        let launched = LabProcess(name: name, process: process)
        let outPipe = Pipe()
        let errPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        try process.run()
        try? standardInput.fileHandleForWriting.close()
        launched.drain(outPipe.fileHandleForReading, isStdout: true)
        launched.drain(errPipe.fileHandleForReading, isStdout: false)
        return launched
    }

    /// Runs a lab binary to completion and returns what it printed.
    ///
    /// - Parameter timeout: seconds before the process is killed (the result then has the
    ///   signal's exit code and the test fails on it).
    public static func run(_ name: String, _ arguments: [String], timeout: Double = 30) throws -> Result {
        let running = try launch(name, arguments)
        let code =
            running.waitForExit(timeout: timeout)
            ?? {
                running.stop()
                return running.waitForExit(timeout: 5) ?? -1
            }()
        return running.result(exitCode: code)
    }

    private init(name: String, process: Process) {
        self.name = name
        self.process = process
    }

    deinit { stop() }

    /// Reads a pipe to its end on a thread of its own (reading before waiting for the exit:
    /// a full 64 KiB pipe would otherwise block the child forever).
    private func drain(_ handle: FileHandle, isStdout: Bool) {
        startThread { [output] in
            while true {
                let chunk = handle.availableData
                output.state.withLock { state in
                    if chunk.isEmpty {
                        if isStdout { state.stdoutClosed = true } else { state.stderrClosed = true }
                    } else if isStdout {
                        state.stdout += chunk
                    } else {
                        state.stderr += chunk
                    }
                }
                if chunk.isEmpty { return }
            }
        }
    }

    /// Everything written to standard output so far.
    public var stdout: String { output.state.withLock { String(decoding: $0.stdout, as: UTF8.self) } }

    /// Everything written to standard error so far.
    public var stderr: String { output.state.withLock { String(decoding: $0.stderr, as: UTF8.self) } }

    /// Which of the program's two output streams to read.
    public enum Stream: Sendable {
        case standardOutput, standardError
    }

    /// Waits until standard output (or standard error) has a line for which `matches` is true.
    ///
    /// - Returns: the line, or `nil` if the deadline passed or the program closed that stream.
    public func waitForLine(
        on stream: Stream = .standardOutput, timeout: Double = 10, where matches: (String) -> Bool
    ) -> String? {
        let deadline = SystemTime().now() + timeout
        while SystemTime().now() < deadline {
            let (text, closed) = output.state.withLock { state in
                stream == .standardOutput
                    ? (String(decoding: state.stdout, as: UTF8.self), state.stdoutClosed)
                    : (String(decoding: state.stderr, as: UTF8.self), state.stderrClosed)
            }
            if let line = text.split(separator: "\n").map(String.init).first(where: matches) { return line }
            if closed { return nil }
            sleep(seconds: 0.005)
        }
        return nil
    }

    /// Waits for the `listening on SCHEME://HOST:PORT` line and returns that address.
    ///
    /// - Parameters:
    ///   - scheme: `"udp"` or `"tcp"`.
    ///   - role: the suffix in parentheses, such as `"admin"`, or `nil` for the main socket.
    /// - Throws: `LabProcessError.noListeningLine` with everything the program printed.
    public func waitForListening(
        scheme: String = "udp", role: String? = nil, timeout: Double = 15
    ) throws -> SocketAddress {
        let prefix = "listening on \(scheme)://"
        let line = waitForLine(timeout: timeout) { line in
            guard line.hasPrefix(prefix) else { return false }
            if let role { return line.hasSuffix("(\(role))") }
            return !line.hasSuffix(")")
        }
        guard let line else {
            throw LabProcessError.noListeningLine(program: name, stdout: stdout, stderr: stderr)
        }
        var text = String(line.dropFirst(prefix.count))
        if let space = text.firstIndex(of: " ") { text = String(text[..<space]) }
        return try SocketAddress.parse(text)
    }

    /// Waits for the process to end.
    ///
    /// - Returns: its exit code (128 + signal number if a signal ended it), or `nil` on timeout.
    public func waitForExit(timeout: Double) -> Int32? {
        let deadline = SystemTime().now() + timeout
        while process.isRunning {
            if SystemTime().now() > deadline { return nil }
            sleep(seconds: 0.005)
        }
        // Let the readers collect the last bytes.
        let readDeadline = SystemTime().now() + 2
        while !output.state.withLock({ $0.stdoutClosed && $0.stderrClosed }) && SystemTime().now() < readDeadline {
            sleep(seconds: 0.002)
        }
        let status = process.terminationStatus
        return process.terminationReason == .uncaughtSignal ? 128 + status : status
    }

    /// Sends SIGINT (like Ctrl-C).
    public func interrupt() {
        if process.isRunning { kill(process.processIdentifier, SIGINT) }
    }

    /// Sends SIGTERM (what `kill PID` sends): a server should clean up and exit.
    public func terminate() {
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
    }

    /// Kills the process if it still runs, and reaps it.
    public func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// What the process printed, with the given exit code.
    public func result(exitCode: Int32) -> Result {
        Result(exitCode: exitCode, stdout: stdout, stderr: stderr)
    }
}

public enum LabProcessError: Error, CustomStringConvertible {
    case noListeningLine(program: String, stdout: String, stderr: String)

    public var description: String {
        switch self {
        case .noListeningLine(let program, let stdout, let stderr):
            return
                "\(program) never printed its 'listening on …' line.\n"
                    + "--- stdout ---\n\(stdout)\n--- stderr ---\n\(stderr)"
        }
    }
}
