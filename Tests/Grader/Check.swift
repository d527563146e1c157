// `make check`: proves the kit itself is sound.
import Foundation

struct Check {
    let plan: GradingPlan
    let build: String
    private var problems: [String] = []
    /// Tests of Solutions/, the kit and its fixtures that passed and failed, for the closing count.
    private var passedTests = 0
    private var failedTests = 0

    init(plan: GradingPlan, build: String) {
        self.plan = plan
        self.build = build
    }

    private func step(_ title: String) -> Date {
        say("\n▶ \(title)")
        return Date()
    }

    private func done(_ start: Date, _ ok: Bool, _ detail: String = "") {
        let seconds = String(format: "%.0f s", Date().timeIntervalSince(start))
        say(ok ? "  ✓ ok (\(seconds))\(detail)" : "  ✗ FAILED (\(seconds))\(detail)")
    }

    mutating func fail(_ problem: String) {
        problems.append(problem)
        say("  ✗ " + problem)
    }

    mutating func run() throws -> Bool {
        let results = "\(build)/results"
        try FileManager.default.createDirectory(atPath: results, withIntermediateDirectories: true)

        // 1. The plan and the handouts.
        var start = step("Every lab has a 100-point plan, a handout with hints, a starter and a solution")
        let before = problems.count
        for lab in plan.labs {
            if abs(lab.maximum - 100) > 0.001 { fail("lab \(lab.lab): parts add up to \(lab.maximum), not 100") }
            if Set(lab.parts.map(\.suite)).count != lab.parts.count { fail("lab \(lab.lab): a suite is named twice") }
            if let text = try? String(contentsOfFile: lab.handout, encoding: .utf8) {
                if !text.contains("\n## Hints") { fail("\(lab.handout) has no '## Hints' section") }
            } else {
                fail("lab \(lab.lab): no handout at \(lab.handout)")
            }
            for tree in ["Labs", "Solutions"] {
                let folders = (try? FileManager.default.contentsOfDirectory(atPath: tree)) ?? []
                if !folders.contains(where: { $0.hasPrefix(lab.lab + "-") }) {
                    fail("lab \(lab.lab): nothing in \(tree)/")
                }
            }
        }
        done(start, problems.count == before)

        // 2. The starters compile, all together, without warnings.
        start = step("Labs/ (the starters) compile, every lab together")
        let labsRunner = SwiftRunner(
            implementation: "labs", scratch: "\(build)/labs", resultsFolder: results, stream: false)
        let labsBuild = labsRunner.build(labs: "all", timeLimit: 1800)
        if !labsBuild.ok { fail("Labs/ does not compile:\n" + tail(errorLines(labsBuild.log), lines: 30)) }
        done(start, labsBuild.ok)

        // 3. The solutions pass every test (and the kit's own tests pass).
        start = step("Solutions/ pass every test of every lab, and the kit's own tests pass")
        let solutions = SwiftRunner(
            implementation: "solutions", scratch: "\(build)/solutions", resultsFolder: results, stream: false)
        let solutionsBuild = solutions.build(labs: "all", timeLimit: 1800)
        if !solutionsBuild.ok {
            fail("Solutions/ does not compile:\n" + tail(errorLines(solutionsBuild.log), lines: 30))
            done(start, false)
        } else {
            let events = "\(results)/check-solutions.events.jsonl"
            try? FileManager.default.removeItem(atPath: events)
            let limit = plan.labs.reduce(120) { $0 + $1.timeLimit }
            let run = solutions.run(
                ["test", "--skip-build", "--scratch-path", "\(build)/solutions"] + SwiftRunner.eventStream(events),
                labs: "all", timeLimit: limit)
            let stepProblems = problems.count
            var count = 0
            if let outcomes = parseTestEvents(events, target: nil) {
                count = outcomes.count
                passedTests += outcomes.filter(\.passed).count
                failedTests += outcomes.filter { !$0.passed }.count
                for outcome in outcomes where !outcome.passed {
                    fail(
                        "Solutions/ fails \(outcome.target).\(outcome.suite): \(outcome.title): "
                            + clip(outcome.messages.joined(separator: " | "), 300)
                    )
                }
                for lab in plan.labs {
                    let mine = outcomes.filter { $0.target == lab.testTarget }
                    for part in lab.parts where !mine.contains(where: { $0.suite == part.suite }) {
                        fail(
                            "lab \(lab.lab): part '\(part.name)' has no tests "
                                + "(no suite \(part.suite) in \(lab.testTarget))"
                        )
                    }
                    let graded = Set(lab.parts.map(\.suite))
                    for suite in Set(mine.map(\.suite)) where !graded.contains(suite) {
                        fail("lab \(lab.lab): suite \(suite) is in no graded part of Tests/grading.json")
                    }
                }
                if run.status != 0 && problems.count == stepProblems {
                    fail("swift test exited \(run.status):\n" + tail(run.output, lines: 20))
                }
            } else {
                fail("the test run of Solutions/ crashed or hung (exit \(run.status)):\n" + tail(run.output, lines: 30))
            }
            done(start, problems.count == stepProblems, " — \(count) tests")
        }

        // 4. Every untouched starter scores 0, each graded on its own as `make grade` does.
        start = step("Every untouched starter scores 0 (no free points)")
        let stepProblems = problems.count
        for lab in plan.labs {
            let score = labsRunner.grade(lab)
            if score.compileLog != nil { fail("lab \(lab.lab): the starter does not compile on its own") }
            say(
                "  lab \(lab.lab): \(points(score.score))/\(points(lab.maximum)) "
                + "with \(score.passed)/\(score.total) tests passing"
            )
            for part in score.parts where part.passed > 0 {
                let free = part.outcomes.filter(\.passed).map(\.title).joined(separator: ", ")
                fail("lab \(lab.lab): the starter passes tests in '\(part.part.name)': \(free)")
            }
        }
        done(start, problems.count == stepProblems)

        // 5. Carry-forward: a lab that imports another builds, tests and grades on its own.
        start = step("A lab that builds on another (kit fixtures 91 and 92) builds, tests and grades alone")
        let fixtureProblems = problems.count
        try checkCarryForward(results: results)
        done(start, problems.count == fixtureProblems)

        // 6. A warning in a student's code costs nothing, and is shown; in Solutions/ it fails.
        start = step("A starter with a compiler warning is graded normally (kit fixture 93)")
        let warningProblems = problems.count
        try checkWarnings(results: results)
        done(start, problems.count == warningProblems)

        // 7. House style that a reviewer would otherwise have to check by eye.
        start = step("One C boundary (platform #if only in the shim, no libc from NetLabKit), short lines")
        let styleProblems = problems.count
        for script in [["Tests/Lint/c-boundary.sh", "\(build)/solutions"], ["Tests/Lint/long-lines.sh"]] {
            let result = shellCommand(["bash"] + script)
            if result.status != 0 { fail("\(script[0]) found problems:\n" + tail(result.output, lines: 15)) }
        }
        done(start, problems.count == styleProblems)

        say("")
        say("check: \(passedTests) tests passed, \(failedTests) failed")
        if problems.isEmpty {
            say("make check: the kit is sound.")
            return true
        }
        say("make check: \(problems.count) problem(s):")
        for problem in problems { say("  - " + problem.split(separator: "\n").first.map(String.init)!) }
        return false
    }

    /// A runner that declares the kit's fixture labs (NETLAB_FIXTURES=1), in a scratch folder
    /// of their own inside the build folder.
    private func fixtureRunner(_ implementation: String, scratch: String, results: String) -> SwiftRunner {
        var runner = SwiftRunner(
            implementation: implementation, scratch: "\(build)/\(scratch)", resultsFolder: results, stream: false)
        runner.environment = ["NETLAB_FIXTURES": "1"]
        return runner
    }

    /// Grades fixture lab 92, which imports fixture lab 91 (Tests/Fixtures), as `make grade`
    /// would: it must compile, score full marks, and run lab 92's tests only (lab 91's one
    /// test crashes on purpose), and its executable must reach lab 91's code.
    private mutating func checkCarryForward(results: String) throws {
        let plan = try GradingPlan.load(from: "Tests/Fixtures/grading.json")
        guard let lab = plan.labs.first(where: { $0.lab == "92" }) else {
            return fail("Tests/Fixtures/grading.json has no lab 92")
        }
        let runner = fixtureRunner("solutions", scratch: "fixtures", results: results)
        let score = runner.grade(lab)
        if let log = score.compileLog {
            return fail("fixture lab \(lab.lab) does not compile:\n" + tail(errorLines(log), lines: 20))
        }
        passedTests += score.passed
        failedTests += score.total - score.passed
        say(
            "  lab \(lab.lab): \(points(score.score))/\(points(lab.maximum)) "
                + "with \(score.passed)/\(score.total) tests passing"
        )
        if score.total == 0 || score.passed != score.total {
            let failures = score.parts.flatMap { score.failureLines(in: $0) }.joined(separator: "\n")
            fail("fixture lab \(lab.lab) does not score full marks:\n" + failures)
        }
        let listed = runner.run(
            ["test", "list", "--skip-build", "--scratch-path", runner.scratch], labs: lab.lab, timeLimit: 120,
            quiet: true)
        let foreign = listed.output.split(separator: "\n").filter {
            $0.hasPrefix("Lab") && !$0.hasPrefix(lab.testTarget + ".")
        }
        if !foreign.isEmpty {
            fail("grading lab \(lab.lab) also builds other labs' tests: \(foreign.joined(separator: ", "))")
        }
        let binFolder = runner.run(
            ["build", "--scratch-path", runner.scratch, "--show-bin-path"], labs: lab.lab, timeLimit: 120, quiet: true)
        let folder = binFolder.output.split(separator: "\n").last.map(String.init) ?? ""
        let program = Process()
        program.executableURL = URL(fileURLWithPath: "\(folder)/\(lab.executable)")
        let pipe = Pipe()
        program.standardOutput = pipe
        do {
            try program.run()
            let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            program.waitUntilExit()
            if output != "hello, netlab\nHELLO, NETLAB!\n" {
                fail("\(lab.executable) should print lab 91's greeting and lab 92's; it printed: \(clip(output, 200))")
            }
        } catch {
            fail("cannot run \(lab.executable) from \(folder): \(error)")
        }
    }

    /// Grades fixture lab 93 (correct, with one warning) twice as a student's lab, and builds it
    /// once as Solutions/ are built.
    private mutating func checkWarnings(results: String) throws {
        let plan = try GradingPlan.load(from: "Tests/Fixtures/grading.json")
        guard let lab = plan.labs.first(where: { $0.lab == "93" }) else {
            return fail("Tests/Fixtures/grading.json has no lab 93")
        }
        let student = fixtureRunner("labs", scratch: "fixtures-labs", results: results)
        // Twice: the first build compiles the file (it has just changed, as a student's would),
        // the second compiles nothing, and the warning must still be shown.
        try FileManager.default.setAttributes(
            [.modificationDate: Date()], ofItemAtPath: "Tests/Fixtures/93-Warning/Counter.swift")
        for round in ["first", "second"] {
            let score = student.grade(lab)
            if score.compileLog != nil {
                return fail("a warning made fixture lab 93 fail to compile as a student's lab (\(round) build)")
            }
            passedTests += score.passed
            failedTests += score.total - score.passed
            say(
                "  lab 93, \(round) build: \(points(score.score))/\(points(lab.maximum)), "
                    + "\(score.warnings.count) warning(s) shown"
            )
            if score.total == 0 || score.passed != score.total { fail("fixture lab 93 does not score full marks") }
            let shown = score.warnings.map(\.header)
            if !shown.contains(where: { $0.hasPrefix("Tests/Fixtures/93-Warning/Counter.swift:6:") }) {
                fail("the \(round) build does not show lab 93's warning at Counter.swift:6; shown: \(shown)")
            }
        }
        let reference = fixtureRunner("solutions", scratch: "fixtures", results: results)
        let built = reference.build(labs: lab.lab, timeLimit: 600)
        if built.ok {
            fail("a warning in Solutions/ must fail the build (warnings are errors there); fixture lab 93 built")
        }
    }
}

/// Runs a command to its end and returns its exit status and everything it printed.
func shellCommand(_ arguments: [String]) -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    do { try process.run() } catch { return (127, "cannot run \(arguments[0]): \(error)") }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}
