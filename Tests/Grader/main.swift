// netlab: the grader behind `make test`, `make grade`, `make check` and `make list`.
//
// It builds and tests each lab on its own (NETLAB_LABS=NN), so a lab that does not compile,
// crashes or hangs costs only itself, and turns the outcomes into points with
// Tests/grading.json.
import Foundation

let usage = """
    USAGE: netlab <command> [options]     (normally run through the Makefile)

    COMMANDS:
      test  --lab NN|all --impl labs|solutions --scratch DIR --results DIR
      grade --lab NN|all --impl labs|solutions --scratch DIR --results DIR --out FILE
            [--submission FOLDER|ZIP|REPO --workspace DIR]
      grade-all --submissions DIR --out DIR [--lab NN|all] [--jobs N] [--timeout SECONDS] [--lab-timeout SECONDS]
      check --build DIR [--student] [--lab NN|all]
      mutants --lab NN --build DIR [--count 60] [--seed 1] [--only TEXT]
      order --lab NN|all --build DIR
      watch --lab NN --impl labs|solutions --scratch DIR --results DIR
      list  --results DIR
    """

let command = CommandLine.arguments.dropFirst().first ?? ""

/// The runner `test`, `grade` and `watch` share, from `--impl`, `--scratch` and `--results`
/// (the results folder is made if it is missing).
func runnerFromOptions(stream: Bool) throws -> SwiftRunner {
    let implementation = option("--impl", default: "labs")
    let results = option("--results", default: ".build/results")
    try FileManager.default.createDirectory(atPath: results, withIntermediateDirectories: true)
    return SwiftRunner(
        implementation: implementation, scratch: option("--scratch", default: ".build/\(implementation)"),
        resultsFolder: results, stream: stream)
}

/// The value after `name` on the command line, or `value`.
func option(_ name: String, default value: String) -> String {
    let arguments = CommandLine.arguments
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return value }
    return arguments[index + 1]
}

do {
    let plan = try GradingPlan.load()
    switch command {
    case "test":
        // Quiet unless VERBOSE=1: the tools' own output goes to a log file, and the student
        // sees one line per part as it finishes.
        let verbose = ["1", "yes", "true"].contains(ProcessInfo.processInfo.environment["VERBOSE"] ?? "")
        var runner = try runnerFromOptions(stream: verbose)
        let implementation = runner.implementation, results = runner.resultsFolder
        let filter = option("--filter", default: "")
        if !filter.isEmpty { runner.filter = filter }
        if !verbose { runner.onLine = reportPart }
        var scores: [LabScore] = []
        var logs: [String] = []
        for lab in try plan.labs(option("--lab", default: "all")) {
            let whose = implementation == "labs" ? "your code in Labs/" : "the reference in Solutions/"
            say("Lab \(lab.lab): \(lab.title) (\(whose))")
            let logPath = "\(results)/\(implementation)-\(lab.lab).log"
            _ = FileManager.default.createFile(atPath: logPath, contents: nil)
            runner.log = FileHandle(forWritingAtPath: logPath)
            logs.append(logPath)
            let score = runner.grade(lab)
            try? runner.log?.close()
            if let log = score.compileLog {
                say(errorLines(log))
                say("\nLab \(lab.lab) does not compile: fix the errors above first.")
            }
            if runner.filter == nil { record(score, implementation: implementation, in: results) }
            scores.append(score)
        }
        if !filter.isEmpty && scores.allSatisfy({ $0.compileLog == nil && $0.total == 0 }) {
            say("\nNo test matches FILTER='\(filter)', so nothing ran. FILTER is a regular expression, matched")
            say("against names such as Lab01PingTests.EchoServerTests/echoesInCapitals(). To list them all:")
            say("  NETLAB_LABS=\(scores.first?.lab.lab ?? "NN") swift test list --scratch-path \(runner.scratch)")
            exit(1)
        }
        say("")
        say(table(scores, showParts: true))
        for report in scores.compactMap(warningReport) { say("\n" + report) }
        if !filter.isEmpty { say("(only tests matching '\(filter)' ran: the points above are not your grade)") }
        let failures = scores.flatMap { score in score.parts.flatMap { score.failureLines(in: $0) } }
        if !failures.isEmpty {
            say("\nFailing tests (what was expected, and what came):")
            say(failures.joined(separator: "\n"))
        }
        let green = scores.allSatisfy { $0.compileLog == nil && $0.passed == $0.total && $0.total > 0 }
        let passed = scores.reduce(0) { $0 + $1.passed }
        say("\ntests: \(passed) passed, \(scores.reduce(0) { $0 + $1.total } - passed) failed")
        let hint = scores.count == 1 ? scores[0].lab.lab : "NN"
        if !verbose {
            say(
                "(everything the compiler and the tests printed: \(logs.joined(separator: ", "));"
                    + " VERBOSE=1 shows it as it comes)"
            )
        }
        say(green ? "\nAll tests passed." : "\nSome tests failed: see above, and `make hint LAB=\(hint)`.")
        exit(green ? 0 : 1)

    case "grade":
        var runner = try runnerFromOptions(stream: false)
        let implementation = runner.implementation, results = runner.resultsFolder
        let source = option("--submission", default: "")
        var prepared: Submission.Prepared? = nil
        var gradingPlan = plan
        let started = Date()
        if !source.isEmpty {
            // The submission is graded in a pristine copy of the kit, in a folder of the build.
            let workspace = absolute(option("--workspace", default: ".build/submission"))
            let submission = Submission(source: absolute(source), workspace: workspace)
            var found = try submission.prepare(plan: plan)
            // An instructor's hidden tests (never in the student edition) are parts of their own.
            gradingPlan = try plan.addingHidden(from: Submission.hiddenTests)
            runner = SwiftRunner(
                implementation: "labs", scratch: "\(workspace)/scratch", resultsFolder: absolute(results),
                stream: false)
            runner.workingDirectory = found.kit
            runner.sandbox = Sandbox.make(folder: "\(workspace)/sandbox", workspace: workspace)
            found.sandbox = runner.sandbox?.description ?? Sandbox.none
            prepared = found
            say(found.report + "\n")
        }
        var scores: [LabScore] = []
        for lab in try gradingPlan.labs(option("--lab", default: "all")) {
            let whose = prepared != nil ? "the submission" : implementation == "labs" ? "Labs/" : "Solutions/"
            note("grading lab \(lab.lab) (\(lab.title)) from \(whose)…")
            let score = runner.grade(lab)
            if prepared == nil { record(score, implementation: implementation, in: results) }
            scores.append(score)
        }
        say(table(scores, showParts: false))
        let path = try writeGradescope(
            scores, implementation: implementation, to: option("--out", default: "\(results)/results.json"),
            submission: prepared, started: started)
        say("\nresults.json (Gradescope format) written to \(shown(path))")
        exit(0)

    case "grade-all":
        let folder = option("--submissions", default: "")
        guard !folder.isEmpty else {
            throw GraderError("say where the submissions are: make grade-all SUBMISSIONS=DIR")
        }
        let selection = option("--lab", default: "all")
        let labTimeout = option("--lab-timeout", default: "")
        let run = GradeAll(
            submissions: absolute(folder), out: absolute(option("--out", default: ".build/grade-all")),
            jobs: max(1, Int(option("--jobs", default: "1")) ?? 1), selection: selection,
            labs: try plan.addingHidden(from: Submission.hiddenTests).labs(selection),
            timeout: Int(option("--timeout", default: "3600")) ?? 3600,
            labTimeout: labTimeout.isEmpty ? nil : labTimeout,
            netlab: absolute(CommandLine.arguments[0]))
        _ = try run.run()
        exit(0)

    case "check" where CommandLine.arguments.contains("--student"):
        let ok = StudentCheck(plan: plan, build: option("--build", default: ".build"))
            .run(try plan.labs(option("--lab", default: "all")))
        exit(ok ? 0 : 1)

    case "check":
        var check = Check(plan: plan, build: option("--build", default: ".build"))
        exit(try check.run() ? 0 : 1)

    case "mutants":
        guard let lab = try plan.labs(option("--lab", default: "")).first, option("--lab", default: "") != "" else {
            throw GraderError("say which lab: make mutants LAB=NN")
        }
        var run = MutationRun(
            lab: lab, build: option("--build", default: ".build"),
            sampleSize: Int(option("--count", default: "60")) ?? 60, seed: UInt64(option("--seed", default: "1")) ?? 1)
        let only = option("--only", default: "")
        if !only.isEmpty { run.only = only }
        let rate = try run.run()
        exit(rate >= 0.9 ? 0 : 1)

    case "order":
        let problems = try PartOrder(plan: plan, build: option("--build", default: ".build"))
            .run(try plan.labs(option("--lab", default: "all")))
        say("")
        if problems.isEmpty {
            say("make order: every part passes in the handout's order.")
            exit(0)
        }
        say("make order: \(problems.count) problem(s):")
        for problem in problems { say("  - " + problem) }
        exit(1)

    case "watch":
        let selection = option("--lab", default: "")
        guard selection != "", selection != "all", let lab = try plan.labs(selection).first else {
            throw GraderError("say which lab to watch: make watch LAB=NN")
        }
        let runner = try runnerFromOptions(stream: false)
        Watcher(lab: lab, runner: runner, results: runner.resultsFolder).run()

    case "list":
        let results = option("--results", default: ".build/results")
        say("NetLab labs, in order (your last `make test` results, when known):\n")
        for lab in plan.labs {
            var status = "not tested yet"
            if let entry = LabRecord.load(lab: lab.lab, implementation: "labs", in: results) {
                let when = " on \(entry.when.prefix(16).replacingOccurrences(of: "T", with: " "))"
                if !entry.compiled {
                    status = "did not compile\(when)"
                } else {
                    status =
                        "\(entry.passed)/\(entry.total) tests, "
                        + "\(points(entry.score))/\(points(lab.maximum)) points\(when)"
                }
            }
            say("  \(lab.lab)  \(lab.title.padding(toLength: 30, withPad: " ", startingAt: 0))\(status)")
            say("      handout: \(lab.handout)    run: make test LAB=\(lab.lab)")
        }
        exit(0)

    default:
        say(usage)
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(2)
}

/// Prints one line when a part's suite finishes, from Swift Testing's own line for it:
/// `✘ Suite "Part 1: ping messages" failed after 0.010 seconds with 10 issues.`
func reportPart(_ line: String) {
    guard let start = line.range(of: "Suite \""), let end = line[start.upperBound...].range(of: "\" ") else { return }
    let name = line[start.upperBound..<end.lowerBound]
    let rest = line[end.upperBound...]
    if rest.hasPrefix("passed") {
        say("  ✔ \(name)")
    } else if rest.hasPrefix("failed") {
        let issues =
            rest.range(of: "with ").map { " (" + rest[$0.upperBound...].replacingOccurrences(of: ".", with: "") + ")" }
            ?? ""
        say("  ✘ \(name)\(issues)")
    }
}

/// `path` as the user would type it: relative to the current folder when it lies inside it.
func shown(_ path: String) -> String {
    let here = FileManager.default.currentDirectoryPath + "/"
    return path.hasPrefix(here) ? String(path.dropFirst(here.count)) : path
}
