// Turning test outcomes into points, part by part, and reporting them.
import Foundation

struct PartScore {
    let part: GradingPlan.Part
    let outcomes: [TestOutcome]
    /// Tests (or cases of parameterised tests) that passed, and how many there are.
    var passed: Int { outcomes.filter(\.passed).count }
    var total: Int { outcomes.count }
    /// The part's points, shared equally by its tests; a parameterised test's share is shared
    /// equally by its cases, so one wrong case costs only that case.
    var score: Double {
        let weight = outcomes.reduce(0.0) { $0 + 1 / Double(max(1, $1.testCaseCount)) }
        let earned = outcomes.filter(\.passed).reduce(0.0) { $0 + 1 / Double(max(1, $1.testCaseCount)) }
        return weight == 0 ? 0 : (part.points * earned / weight * 100).rounded() / 100
    }
}

struct LabScore {
    let lab: GradingPlan.Lab
    let parts: [PartScore]
    /// Set when the lab did not compile: every part then scores 0.
    let compileLog: String?
    /// The compiler's warnings about the lab's code. They cost nothing; they are shown.
    let warnings: [Diagnostic]

    init(lab: GradingPlan.Lab, run: LabRun, warnings: [Diagnostic] = []) {
        self.lab = lab
        self.warnings = warnings
        switch run {
        case .compileError(let log):
            compileLog = log
            parts = lab.parts.map { PartScore(part: $0, outcomes: []) }
        case .finished(let outcomes):
            compileLog = nil
            parts = lab.parts.map { part in PartScore(part: part, outcomes: outcomes.filter { $0.suite == part.suite })
            }
        }
    }

    var score: Double { parts.reduce(0) { $0 + $1.score } }

    /// How the lab's run ended, in a few words for a grade sheet: "does not compile",
    /// "timed out" (a test hung and was stopped), "crashed" (a test crashed the test process), or "ok".
    var status: String {
        if compileLog != nil { return "does not compile" }
        let messages = parts.flatMap(\.outcomes).filter { !$0.passed }.flatMap(\.messages)
        let cutOff = ["the test hung", "not run: the lab's time limit"]
        if messages.contains(where: { message in cutOff.contains { message.hasPrefix($0) } }) {
            return "timed out"
        }
        if messages.contains(where: { $0.hasPrefix("the test crashed") }) { return "crashed" }
        return "ok"
    }
    var passed: Int { parts.reduce(0) { $0 + $1.passed } }
    var total: Int { parts.reduce(0) { $0 + $1.total } }

    /// The failed tests, with what went wrong (a few lines each).
    func failureLines(in part: PartScore) -> [String] {
        part.outcomes.filter { !$0.passed }.map { outcome in
            let messages = outcome.messages.prefix(3).map { "      " + clip($0, 400) }
            let more = outcome.messages.count > 3 ? ["      … and \(outcome.messages.count - 3) more"] : []
            return (["  ✘ \(outcome.suite): \(outcome.title)"] + messages + more).joined(separator: "\n")
        }
    }

    /// The text Gradescope shows for one part.
    func output(for part: PartScore) -> String {
        if let compileLog {
            return "Lab \(lab.lab) does not compile, so no test could run. The compiler said:\n"
                + tail(errorLines(compileLog), lines: 30)
        }
        if part.total == 0 { return "No tests ran for this part." }
        var text = "\(part.passed)/\(part.total) tests passed."
        let failures = failureLines(in: part)
        if !failures.isEmpty { text += "\nFailed:\n" + failures.joined(separator: "\n") }
        return text
    }
}

/// The compiler's errors in `log`, each once with its source line and caret; or, if the log
/// has none in that form, its lines that say `error:`, or else the whole log.
func errorLines(_ log: String) -> String {
    let folder = FileManager.default.currentDirectoryPath
    let diagnostics = Diagnostic.parse(log, severity: .error, relativeTo: folder)
    if !diagnostics.isEmpty { return diagnostics.map(\.text).joined(separator: "\n\n") }
    let errors = log.split(separator: "\n").filter { $0.contains("error:") }
    return errors.isEmpty ? log : errors.joined(separator: "\n")
}

/// The compiler's warnings in `log`, each once.
func warnings(in log: String) -> [Diagnostic] {
    Diagnostic.parse(log, severity: .warning, relativeTo: FileManager.default.currentDirectoryPath)
}

/// What `make test` and Gradescope say about a lab's warnings, or `nil` if it has none.
func warningReport(_ score: LabScore) -> String? {
    guard !score.warnings.isEmpty else { return nil }
    let count = score.warnings.count == 1 ? "1 warning" : "\(score.warnings.count) warnings"
    return "Lab \(score.lab.lab): the compiler has \(count) about your code. Warnings cost no points, "
        + "but each one is worth reading:\n\n" + score.warnings.map(\.text).joined(separator: "\n\n")
}

func clip(_ text: String, _ limit: Int) -> String {
    let flat = text.replacingOccurrences(of: "\n", with: " ⏎ ")
    return flat.count <= limit ? flat : String(flat.prefix(limit)) + "…"
}

func points(_ value: Double) -> String {
    String(format: "%.1f", value)
}

/// The score table printed by `make grade` and `make test`.
func table(_ scores: [LabScore], showParts: Bool) -> String {
    var lines: [String] = []
    // Wide enough for the longest title or part name, so that none is cut short.
    let longest = scores.flatMap { [$0.lab.title.count - 2] + $0.parts.map(\.part.name.count) }.max() ?? 0
    let width = max(34, longest + 4)
    let header = "Lab  " + "Title".padding(toLength: width, withPad: " ", startingAt: 0) + "Tests      Points"
    lines.append(header)
    lines.append(String(repeating: "-", count: header.count + 4))
    for score in scores {
        let tests = score.compileLog != nil ? "no build" : "\(score.passed)/\(score.total)"
        lines.append(
            score.lab.lab + "   " + score.lab.title.padding(toLength: width, withPad: " ", startingAt: 0)
                + tests.padding(toLength: 11, withPad: " ", startingAt: 0)
                + "\(points(score.score))/\(points(score.lab.maximum))")
        if showParts {
            for part in score.parts {
                let tests = score.compileLog != nil ? "-" : "\(part.passed)/\(part.total)"
                lines.append(
                    "       " + part.part.name.padding(toLength: width - 2, withPad: " ", startingAt: 0)
                        + tests.padding(toLength: 11, withPad: " ", startingAt: 0)
                        + "\(points(part.score))/\(points(part.part.points))")
            }
        }
    }
    let total = scores.reduce(0) { $0 + $1.score }
    let maximum = scores.reduce(0) { $0 + $1.lab.maximum }
    lines.append(String(repeating: "-", count: header.count + 4))
    let totalLabel = "Total".padding(toLength: width + 16, withPad: " ", startingAt: 0)
    lines.append(totalLabel + "\(points(total))/\(points(maximum))")
    return lines.joined(separator: "\n")
}

/// Gradescope's results file (its "autograder results" format): the whole score, and one
/// `tests[]` entry per graded part.
struct GradescopeResults: Codable {
    struct Test: Codable {
        let name: String
        let score: Double
        let max_score: Double
        let output: String
        let visibility: String
    }

    let score: Double
    /// Seconds the grading took.
    var execution_time: Double? = nil
    let output: String
    let visibility: String
    let stdout_visibility: String
    let tests: [Test]
    /// Gradescope keeps this as is: the maximum, each lab's points and status (what
    /// `make grade-all` puts in grades.csv), and what was graded (the kit's commit, the
    /// submission's digest).
    var extra_data: [String: String]? = nil
}

/// Writes the Gradescope results file for `scores` to `path`, and returns its full path.
func writeGradescope(
    _ scores: [LabScore], implementation: String, to path: String, submission: Submission.Prepared? = nil,
    started: Date? = nil
) throws -> String {
    let tests = scores.flatMap { score in
        score.parts.map { part in
            GradescopeResults.Test(
                name: "Lab \(score.lab.lab) \(score.lab.title): \(part.part.name)", score: part.score,
                max_score: part.part.points, output: score.output(for: part),
                visibility: part.part.hidden == true ? "after_published" : "visible")
        }
    }
    let total = scores.reduce(0) { $0 + $1.score }
    let maximum = scores.reduce(0) { $0 + $1.lab.maximum }
    let whose = submission != nil ? "the submission" : implementation == "labs" ? "Labs/" : "Solutions/"
    let summary = "NetLab grade of \(whose): \(points(total))/\(points(maximum))"
    var notes: [String] = []
    var extra: [String: String] = ["max_score": points(maximum)]
    for score in scores {
        extra["lab_\(score.lab.lab)_score"] = points(score.score)
        extra["lab_\(score.lab.lab)_max"] = points(score.lab.maximum)
        extra["lab_\(score.lab.lab)_status"] = score.status
    }
    if let submission {
        notes.append(submission.report)
        extra["kit_commit"] = submission.kitCommit
        extra["graded_files_sha256"] = submission.digest
        extra["differed_from_kit"] = submission.differed.joined(separator: "\n")
    }
    let document = GradescopeResults(
        score: (total * 100).rounded() / 100,
        execution_time: started.map { (Date().timeIntervalSince($0) * 10).rounded() / 10 },
        output: ([summary] + notes + scores.compactMap(warningReport)).joined(separator: "\n\n"),
        visibility: "visible", stdout_visibility: "visible", tests: tests, extra_data: extra)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let url = URL(fileURLWithPath: path)
    try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try encoder.encode(document).write(to: url)
    return url.standardizedFileURL.path
}

/// A lab's last result, kept in the results folder for `make list`.
struct LabRecord: Codable {
    let passed: Int
    let total: Int
    let score: Double
    let max: Double
    let compiled: Bool
    /// When it was graded, as ISO 8601 text (`2026-12-02T04:39:01Z`).
    let when: String

    static func path(lab: String, implementation: String, in folder: String) -> String {
        "\(folder)/\(implementation)-\(lab).json"
    }

    /// The record `make test` last left for `lab`, or `nil` if there is none (or it is unreadable).
    static func load(lab: String, implementation: String, in folder: String) -> LabRecord? {
        guard
            let data = FileManager.default.contents(atPath: path(lab: lab, implementation: implementation, in: folder))
        else { return nil }
        return try? JSONDecoder().decode(LabRecord.self, from: data)
    }
}

/// Remembers a lab's last result, for `make list`.
func record(_ score: LabScore, implementation: String, in folder: String) {
    let entry = LabRecord(
        passed: score.passed, total: score.total, score: score.score, max: score.lab.maximum,
        compiled: score.compileLog == nil, when: ISO8601DateFormatter().string(from: Date()))
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    if let data = try? encoder.encode(entry) {
        try? data.write(
            to: URL(fileURLWithPath: LabRecord.path(lab: score.lab.lab, implementation: implementation, in: folder)))
    }
}
