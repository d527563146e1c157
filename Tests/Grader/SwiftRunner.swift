// Building and testing one lab with `swift build` / `swift test`, bounded in time, and
// reading the results back from the event stream Swift Testing writes (TestEvents.swift).
import Foundation

/// One test's outcome, or one case's for a parameterised test.
struct TestOutcome {
    /// The test target, such as `Lab01PingTests`.
    var target: String = ""
    /// The suite struct's name, such as `EchoServerTests`.
    let suite: String
    /// The test, as its display name says it (`a ping comes back with its letters in capitals`).
    let name: String
    /// For one case of a parameterised test: its arguments, as Swift Testing shows them.
    var testCase: String? = nil
    /// How many cases the test has (1 for a test that is not parameterised).
    var testCaseCount = 1
    let passed: Bool
    /// What went wrong, one line per failed expectation.
    let messages: [String]

    /// The test's name, with the case's arguments when it is one case of several.
    var title: String {
        guard let testCase else { return name }
        let shown = testCase.count > 60 ? testCase.prefix(57) + "…" : Substring(testCase)
        return "\(name) [\(shown)]"
    }
}

/// How running one lab's tests ended.
enum LabRun {
    case compileError(log: String)
    case finished([TestOutcome])
}

struct SwiftRunner {
    let implementation: String
    let scratch: String
    let resultsFolder: String
    /// Echo the tools' output while they run (for `make test`), or keep quiet (`make grade`).
    let stream: Bool
    /// Only tests whose names match this (`make test FILTER=…`).
    var filter: String? = nil
    /// More environment for every `swift` it runs (`make check` sets NETLAB_FIXTURES=1).
    var environment: [String: String] = [:]
    /// The kit folder to run in, if not the current one (`make mutants` runs in a copy).
    var workingDirectory: String? = nil
    /// Where everything the tools print is kept (`make test` prints its path), if anywhere.
    var log: FileHandle? = nil
    /// Sees each line the tools print, as it comes (`make test` reports parts as they end).
    var onLine: ((String) -> Void)? = nil
    /// When each `swift` run ends, stops whatever it left behind in its process group (a lab
    /// server that a stopped test never shut down). For tools that interrupt test runs
    /// (`make mutants`, `make order`).
    var ownProcessGroup = false
    /// Runs the tests (not the builds) as `nobody` on a read-only file system, when grading a
    /// submission as root (Sandbox.swift).
    var sandbox: Sandbox? = nil

    /// Builds `labs` ("01" or "all") and their tests.
    func build(labs: String, timeLimit: Double) -> (ok: Bool, log: String) {
        let result = run(["build", "--build-tests", "--scratch-path", scratch], labs: labs, timeLimit: timeLimit)
        return (result.status == 0, result.output)
    }

    /// Builds one lab on its own and runs its tests; a build failure scores the lab 0.
    func grade(_ lab: GradingPlan.Lab) -> LabScore {
        let built = build(labs: lab.lab, timeLimit: 1200)
        guard built.ok else { return LabScore(lab: lab, run: .compileError(log: built.log)) }
        let warnings = WarningMemory.update(lab: lab.lab, scratch: scratch, log: built.log)
        return LabScore(lab: lab, run: test(lab), warnings: warnings)
    }

    /// Runs one lab's tests (already built). If the test process crashes or hangs, each test
    /// is run on its own so that only the guilty ones lose points.
    func test(_ lab: GradingPlan.Lab) -> LabRun {
        let events = "\(resultsFolder)/\(implementation)-\(lab.lab).events.jsonl"
        try? FileManager.default.removeItem(atPath: events)
        let only = filter.map { ["--filter", $0] } ?? []
        let whole = run(
            ["test", "--skip-build", "--scratch-path", scratch] + SwiftRunner.eventStream(events) + only,
            labs: lab.lab, timeLimit: lab.timeLimit)
        if let outcomes = parseTestEvents(events, target: lab.testTarget), whole.status != 124 {
            return .finished(outcomes)
        }
        // The test process died (a crash) or was cut off (a hang): isolate each test.
        let why = whole.status == 124 ? "timed out after \(Int(lab.timeLimit)) s" : "crashed"
        note("lab \(lab.lab): the test run \(why); running each test on its own to find which")
        // The one-by-one run gets a budget of its own, and each test a fifth of it (10 to 60 s),
        // so a few hanging tests cannot use up the time of all the others.
        let deadline = Date().addingTimeInterval(lab.timeLimit)
        let perTest = min(60, max(10, lab.timeLimit / 5))
        var outcomes: [TestOutcome] = []
        for id in listTests(lab) {
            let remaining = deadline.timeIntervalSinceNow
            let (suite, name) = split(id, target: lab.testTarget)
            guard remaining > 5 else {
                outcomes.append(
                    TestOutcome(
                        suite: suite, name: name, passed: false, messages: ["not run: the lab's time limit ran out"]))
                continue
            }
            let single = "\(resultsFolder)/\(implementation)-\(lab.lab)-single.events.jsonl"
            try? FileManager.default.removeItem(atPath: single)
            let pattern = "^" + NSRegularExpression.escapedPattern(for: id)
            let result = run(
                ["test", "--skip-build", "--scratch-path", scratch] + SwiftRunner.eventStream(single) + [
                    "--filter", pattern,
                ],
                labs: lab.lab, timeLimit: min(remaining, perTest), quiet: true)
            if result.status != 124, let found = parseTestEvents(single, target: lab.testTarget), !found.isEmpty {
                outcomes += found
            } else {
                let message =
                    result.status == 124
                    ? "the test hung and was stopped"
                    : "the test crashed the test process:\n" + crashSummary(result.output)
                outcomes.append(TestOutcome(suite: suite, name: name, passed: false, messages: [message]))
            }
        }
        return .finished(outcomes)
    }

    /// The ids (`Target.Suite/test()`) of a lab's tests.
    func listTests(_ lab: GradingPlan.Lab) -> [String] {
        let result = run(
            ["test", "list", "--skip-build", "--scratch-path", scratch], labs: lab.lab, timeLimit: 120, quiet: true)
        return result.output.split(separator: "\n").map(String.init).filter { $0.hasPrefix(lab.testTarget + ".") }
    }

    private func split(_ id: String, target: String) -> (String, String) {
        let rest = id.dropFirst(target.count + 1)
        let parts = rest.split(separator: "/", maxSplits: 1).map(String.init)
        return (parts.first ?? id, parts.count > 1 ? parts[1] : id)
    }

    /// The `swift test` options that make it write its event stream to `path`.
    static func eventStream(_ path: String) -> [String] {
        ["--experimental-event-stream-output", path, "--experimental-event-stream-version", "0"]
    }

    struct Result {
        let status: Int32
        let output: String
        /// True when `stopWhen` saw what it waited for and the run was interrupted.
        var stoppedEarly = false
    }

    /// Runs `swift ARGS` with the lab selection in the environment, cut off after
    /// `timeLimit` seconds by SIGINT (which also stops the test child; SIGTERM would not).
    /// `stopWhen`, if given, sees the output so far after every chunk; when it says yes, the
    /// run is interrupted (SIGINT) at once.
    func run(
        _ arguments: [String], labs: String, timeLimit: Double, quiet: Bool = false,
        stopWhen: ((String) -> Bool)? = nil
    ) -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let seconds = String(Int(max(1, timeLimit.rounded(.up))))
        // `timeout` puts itself and everything it starts into a process group of its own,
        // whose id is its own: `ownProcessGroup` stops the stragglers through it.
        process.arguments = ["timeout", "-s", "INT", "-k", "15", seconds, "swift"] + arguments
        var variables = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        variables["NETLAB_IMPL"] = implementation
        variables["NETLAB_LABS"] = labs
        variables.removeValue(forKey: "NETLAB_TOOLS")
        let sandboxed = arguments.first == "test" ? sandbox : nil
        if let sandboxed {
            do {
                try sandboxed.prepare()
            } catch {
                return Result(status: 127, output: "cannot make the sandbox: \(error)")
            }
            process.arguments =
                ["timeout", "-s", "INT", "-k", "15", seconds] + sandboxed.command(for: arguments, scratch: scratch)
            variables = sandboxed.environment(variables)
        }
        process.environment = variables
        if let workingDirectory { process.currentDirectoryURL = URL(fileURLWithPath: workingDirectory) }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        var collected = Data()
        do {
            try process.run()
        } catch {
            return Result(status: 127, output: "cannot run swift: \(error)")
        }
        let handle = pipe.fileHandleForReading
        var stopped = false
        var partial = Data()
        while true {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            collected.append(chunk)
            log?.write(chunk)
            if stream && !quiet { FileHandle.standardOutput.write(chunk) }
            if let onLine, !quiet {
                partial.append(chunk)
                while let newline = partial.firstIndex(of: UInt8(ascii: "\n")) {
                    onLine(String(decoding: partial[partial.startIndex..<newline], as: UTF8.self))
                    partial = Data(partial[(newline + 1)...])
                }
            }
            if !stopped, let stopWhen, stopWhen(String(decoding: collected, as: UTF8.self)) {
                stopped = true
                process.interrupt()  // `timeout` passes the SIGINT on to swift, which stops the tests.
            }
        }
        process.waitUntilExit()
        if ownProcessGroup { kill(-process.processIdentifier, SIGKILL) }
        if let sandboxed, let at = arguments.firstIndex(of: "--experimental-event-stream-output"),
            at + 1 < arguments.count
        {
            sandboxed.collect(to: arguments[at + 1])
        }
        return Result(
            status: process.terminationStatus, output: String(decoding: collected, as: UTF8.self), stoppedEarly: stopped
        )
    }
}

/// The last `lines` lines of `text`.
func tail(_ text: String, lines: Int) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines).joined(separator: "\n")
}

/// A progress note on standard error.
func note(_ text: String) {
    FileHandle.standardError.write(Data(("netlab: " + text + "\n").utf8))
}

/// Prints a line straight to standard output, unbuffered, so it keeps its place among the
/// streamed output of `swift build` and `swift test`.
func say(_ text: String = "") {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}

/// The lines of a crash report a student needs: the fatal error, and the frames in code
/// under Labs/ or Solutions/ (where their bug is).
func crashSummary(_ output: String) -> String {
    let lines = output.split(separator: "\n").map(String.init)
    let fatal = lines.filter { $0.contains("Fatal error") || $0.contains("Program crashed") }
    let frames = lines.filter { $0.contains("/Labs/") || $0.contains("/Solutions/") }
        .map { line in
            line.range(of: "] ").map { String(line[$0.upperBound...]).trimmingCharacters(in: .whitespaces) } ?? line
        }
    let useful = fatal.prefix(2) + frames.prefix(4)
    return useful.isEmpty ? tail(output, lines: 12) : useful.joined(separator: "\n")
}
