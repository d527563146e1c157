// Building and testing one lab with `swift build` / `swift test`, bounded in time, and
// reading the results back from the xUnit file Swift Testing writes.
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// One test's outcome.
struct TestOutcome {
    /// The test target, such as `Lab01PingTests`.
    var target: String = ""
    /// The suite struct's name, such as `EchoServerTests`.
    let suite: String
    /// The test function, such as `echoesInCapitals()`.
    let name: String
    let passed: Bool
    /// What went wrong, one line per failed expectation.
    let messages: [String]
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
        let xunit = "\(resultsFolder)/\(implementation)-\(lab.lab).xml"
        let written = xunit.replacingOccurrences(of: ".xml", with: "-swift-testing.xml")
        try? FileManager.default.removeItem(atPath: written)
        let only = filter.map { ["--filter", $0] } ?? []
        let whole = run(
            ["test", "--skip-build", "--scratch-path", scratch, "--xunit-output", xunit] + only,
            labs: lab.lab, timeLimit: lab.timeLimit)
        if let outcomes = parseXUnit(written, target: lab.testTarget), whole.status != 124 {
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
                outcomes.append(TestOutcome(suite: suite, name: name, passed: false, messages: ["not run: the lab's time limit ran out"]))
                continue
            }
            let single = "\(resultsFolder)/\(implementation)-\(lab.lab)-single.xml"
            let singleWritten = single.replacingOccurrences(of: ".xml", with: "-swift-testing.xml")
            try? FileManager.default.removeItem(atPath: singleWritten)
            let pattern = "^" + NSRegularExpression.escapedPattern(for: id)
            let result = run(
                ["test", "--skip-build", "--scratch-path", scratch, "--xunit-output", single, "--filter", pattern],
                labs: lab.lab, timeLimit: min(remaining, perTest), quiet: true)
            if result.status != 124, let found = parseXUnit(singleWritten, target: lab.testTarget), let outcome = found.first {
                outcomes.append(outcome)
            } else {
                let message = result.status == 124 ? "the test hung and was stopped" : "the test crashed the test process:\n" + crashSummary(result.output)
                outcomes.append(TestOutcome(suite: suite, name: name, passed: false, messages: [message]))
            }
        }
        return .finished(outcomes)
    }

    /// The ids (`Target.Suite/test()`) of a lab's tests.
    func listTests(_ lab: GradingPlan.Lab) -> [String] {
        let result = run(["test", "list", "--skip-build", "--scratch-path", scratch], labs: lab.lab, timeLimit: 120, quiet: true)
        return result.output.split(separator: "\n").map(String.init).filter { $0.hasPrefix(lab.testTarget + ".") }
    }

    private func split(_ id: String, target: String) -> (String, String) {
        let rest = id.dropFirst(target.count + 1)
        let parts = rest.split(separator: "/", maxSplits: 1).map(String.init)
        return (parts.first ?? id, parts.count > 1 ? parts[1] : id)
    }

    /// Reads Swift Testing's xUnit file; `nil` if it was not written (the run died).
    func parseXUnit(_ path: String, target: String?) -> [TestOutcome]? {
        // A crash can leave a file cut off mid-way: only a complete one is believed.
        guard let data = FileManager.default.contents(atPath: path),
              String(decoding: data, as: UTF8.self).contains("</testsuites>"),
              let document = try? XMLDocument(contentsOf: URL(fileURLWithPath: path)),
              let cases = try? document.nodes(forXPath: "//testcase")
        else { return nil }
        var outcomes: [TestOutcome] = []
        for case let element as XMLElement in cases {
            let classname = element.attribute(forName: "classname")?.stringValue ?? ""
            let name = element.attribute(forName: "name")?.stringValue ?? "?"
            let components = classname.split(separator: ".").map(String.init)
            let testTarget = components.first ?? classname
            if let target, testTarget != target { continue }
            let suite = components.dropFirst().first ?? classname
            let failures = (element.elements(forName: "failure") + element.elements(forName: "error"))
                .map { $0.attribute(forName: "message")?.stringValue ?? "failed" }
            let skipped = !element.elements(forName: "skipped").isEmpty
            outcomes.append(TestOutcome(
                target: testTarget, suite: suite, name: name, passed: failures.isEmpty && !skipped,
                messages: skipped ? ["skipped"] : failures))
        }
        return outcomes
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
        process.arguments = ["timeout", "-s", "INT", "-k", "15", seconds, "swift"] + arguments
        var variables = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        variables["NETLAB_IMPL"] = implementation
        variables["NETLAB_LABS"] = labs
        variables.removeValue(forKey: "NETLAB_TOOLS")
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
        while true {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            collected.append(chunk)
            if stream && !quiet { FileHandle.standardOutput.write(chunk) }
            if !stopped, let stopWhen, stopWhen(String(decoding: collected, as: UTF8.self)) {
                stopped = true
                process.interrupt()  // `timeout` passes the SIGINT on to swift, which stops the tests.
            }
        }
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, output: String(decoding: collected, as: UTF8.self), stoppedEarly: stopped)
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
        .map { line in line.range(of: "] ").map { String(line[$0.upperBound...]).trimmingCharacters(in: .whitespaces) } ?? line }
    let useful = fatal.prefix(2) + frames.prefix(4)
    return useful.isEmpty ? tail(output, lines: 12) : useful.joined(separator: "\n")
}
