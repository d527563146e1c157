// `make mutants LAB=NN`: how strong is a lab's test suite?
//
// It seeds one small mistake at a time (a mutant) into the lab's reference solution: a
// flipped comparison, an off-by-one, a swapped constant, a dropped check. Then it runs the
// lab's tests against it. A suite that fails on the mutant "kills" it; a mutant that passes
// every test "survives", and shows a mistake a student could make and still get full marks.
//
// Mutants are made in a copy of the kit (under the build folder), never in Solutions/, so an
// interrupted run leaves nothing behind. A mutant that does not compile is not counted, and
// another is drawn. Each mutant's tests stop at the first failing test (one is enough to kill
// it); tests that hang past three times the reference's time (at least 60 s) kill it too.
// Mutants that cannot change behaviour (equivalent ones) are listed, with the reason, in
// Tests/Mutants/NN.txt, and left out of the score. An entry names the file, the change and
// the mutated line's text, not its number, so edits that only move lines keep it valid; an
// entry that matches no mutant of today's code is reported as stale.
import Foundation

/// One single-token change to one line of a solution file.
struct Mutant: CustomStringConvertible {
    /// The file, relative to the kit's folder (`Solutions/01-Ping/RTTStatistics.swift`).
    let file: String
    /// 1-based.
    let line: Int
    let original: String
    let replacement: String
    /// Where in the line the token starts (in characters).
    let column: Int

    /// The mutated line as it reads in the solution, trimmed (`guard count < limit else {`).
    let text: String

    var description: String { "\(file):\(line): \(original) → \(replacement)" }

    /// The equivalent-mutant list's key for this mutant: the file's name, the change and the
    /// trimmed text of the line it is made in, but not the line's number, so an edit that
    /// moves lines keeps the key: `RTTStatistics.swift: < → <= in: if sample < lowest {`.
    /// A line whose text appears twice in a file shares its key: list it once for both.
    var key: String { "\((file as NSString).lastPathComponent): \(original) → \(replacement) in: \(text)" }
}

enum MutantGenerator {
    /// Swaps for operators and keywords, tried at every place the token appears as a token.
    static let swaps: [(String, [String])] = [
        ("<=", ["<", ">"]), (">=", [">", "<"]), ("==", ["!="]), ("!=", ["=="]),
        ("&&", ["||"]), ("||", ["&&"]), ("+=", ["-="]), ("-=", ["+="]),
        ("<", ["<=", ">"]), (">", [">=", "<"]), ("+", ["-"]), ("-", ["+"]), ("*", ["/"]),
        ("...", ["..<"]), ("..<", ["..."]), ("min", ["max"]), ("max", ["min"]),
        ("true", ["false"]), ("false", ["true"]), ("first", ["last"]), ("last", ["first"]),
        ("continue", ["break"]), ("break", ["continue"]),
    ]

    /// Every mutant of `text` (a Swift file), skipping comments and string literals.
    static func mutants(of text: String, file: String) -> [Mutant] {
        var found: [Mutant] = []
        var inBlockComment = false
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = Array(rawLine)
            var column = 0
            var inString = false
            let trimmed = rawLine.trimmingCharacters(in: .whitespaces)
            let code = codeText(line)
            let mutant = { (original: String, replacement: String, column: Int) in
                Mutant(
                    file: file, line: index + 1, original: original, replacement: replacement, column: column,
                    text: code)
            }
            // Declarations and imports: mutating them rarely compiles and never teaches.
            if trimmed.hasPrefix("import ") || trimmed.hasPrefix("#") || trimmed.hasPrefix("@") { continue }
            while column < line.count {
                if inBlockComment {
                    if line[column] == "*", column + 1 < line.count, line[column + 1] == "/" {
                        inBlockComment = false
                        column += 2
                    } else {
                        column += 1
                    }
                    continue
                }
                let character = line[column]
                if inString {
                    if character == "\\" { column += 2; continue }
                    if character == "\"" { inString = false }
                    column += 1
                    continue
                }
                if character == "\"" { inString = true; column += 1; continue }
                if character == "/", column + 1 < line.count {
                    if line[column + 1] == "/" { break }
                    if line[column + 1] == "*" { inBlockComment = true; column += 2; continue }
                }
                if let (token, replacements) = match(line, at: column) {
                    for replacement in replacements {
                        found.append(mutant(token, replacement, column))
                    }
                    column += token.count
                    continue
                }
                if character.isNumber, column == 0 || !isIdentifier(line[column - 1]) {
                    var end = column
                    while end < line.count, line[end].isNumber || line[end] == "_" { end += 1 }
                    let isDecimal =
                        end < line.count && line[end] == "." && end + 1 < line.count && line[end + 1].isNumber
                    let isHex = end < line.count && (line[end] == "x" || line[end] == "b" || line[end] == "o")
                    if !isDecimal, !isHex,
                        let value = Int(String(line[column..<end]).replacingOccurrences(of: "_", with: ""))
                    {
                        let token = String(line[column..<end])
                        for replacement in Set([value + 1, value == 0 ? 1 : value - 1]) {
                            found.append(mutant(token, String(replacement), column))
                        }
                    }
                    column = max(end, column + 1)
                    // A literal's suffix (`1.5`, `0x1F`, `2.bigEndian`), but not a range operator
                    // after it: `1...31` still has its `...` and its `31` to mutate.
                    while column < line.count, isIdentifier(line[column]) || line[column] == "." {
                        if line[column] == ".", column + 1 < line.count, line[column + 1] == "." { break }
                        column += 1
                    }
                    continue
                }
                if isIdentifier(character) {
                    // A whole identifier: `guard`'s condition and `if`'s are "dropped checks".
                    var end = column
                    while end < line.count, isIdentifier(line[end]) { end += 1 }
                    let word = String(line[column..<end])
                    if word == "guard" || word == "if" || word == "while" {
                        if let dropped = droppedCheck(line, keyword: word, at: column) {
                            found.append(mutant(dropped.original, dropped.replacement, column))
                        }
                    }
                    column = end
                    continue
                }
                column += 1
            }
        }
        return found
    }

    /// The code of one line, trimmed, without its `//` comment (the mutant's key quotes it, so
    /// rewording a comment does not make an equivalent-mutant entry stale).
    static func codeText(_ line: [Character]) -> String {
        var inString = false
        var column = 0
        while column < line.count {
            let character = line[column]
            if inString {
                if character == "\\" { column += 2; continue }
                if character == "\"" { inString = false }
            } else if character == "\"" {
                inString = true
            } else if character == "/", column + 1 < line.count, line[column + 1] == "/" {
                break
            }
            column += 1
        }
        return String(line[..<min(column, line.count)]).trimmingCharacters(in: .whitespaces)
    }

    /// `guard x < y else {` → `guard true else {`; `if x {` → `if false {`: the check is gone.
    private static func droppedCheck(
        _ line: [Character], keyword: String, at column: Int
    ) -> (original: String, replacement: String)? {
        let rest = String(line[column...])
        let terminator = keyword == "guard" ? " else {" : " {"
        guard let end = rest.range(of: terminator) else { return nil }
        let condition = rest[rest.index(rest.startIndex, offsetBy: keyword.count)..<end.lowerBound]
        // `if let` / `guard let` bind names the body uses: dropping them does not compile.
        let words = condition.trimmingCharacters(in: .whitespaces)
        if words.hasPrefix("let ") || words.hasPrefix("var ") || words.hasPrefix("case ") || words.contains(" let ") {
            return nil
        }
        let drop = keyword == "guard" ? "true" : keyword == "if" ? "false" : "false"
        return (keyword + condition, keyword + " " + drop)
    }

    private static func isIdentifier(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_"
    }

    private static func match(_ line: [Character], at column: Int) -> (String, [String])? {
        for (token, replacements) in swaps {
            let characters = Array(token)
            guard column + characters.count <= line.count,
                Array(line[column..<(column + characters.count)]) == characters
            else { continue }
            let before = column > 0 ? line[column - 1] : " "
            let after = column + characters.count < line.count ? line[column + characters.count] : " "
            if token.first!.isLetter {
                // Whole words only: `first` but not `firstIndex`; `.first`, `min(` and `true` qualify.
                if isIdentifier(before) || isIdentifier(after) { continue }
                if token == "min" || token == "max" { guard after == "(" else { continue } }
                if token == "first" || token == "last" { guard before == "." else { continue } }
                return (token, replacements)
            }
            // Operators: spaced on both sides (`a < b`), so `->`, `<T>` and `-1` are not touched.
            let operatorCharacters: Set<Character> = ["<", ">", "=", "!", "&", "|", "+", "-", "*", "/", "."]
            if operatorCharacters.contains(before) || operatorCharacters.contains(after) { continue }
            if token == "..." || token == "..<" { return (token, replacements) }
            guard before == " ", after == " " else { continue }
            return (token, replacements)
        }
        return nil
    }

    /// `text` with `mutant` applied.
    static func apply(_ mutant: Mutant, to text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard mutant.line <= lines.count else { return text }
        var characters = Array(lines[mutant.line - 1])
        guard mutant.column + mutant.original.count <= characters.count,
            String(characters[mutant.column..<(mutant.column + mutant.original.count)]) == mutant.original
        else { return text }
        characters.replaceSubrange(
            mutant.column..<(mutant.column + mutant.original.count), with: Array(mutant.replacement))
        lines[mutant.line - 1] = String(characters)
        return lines.joined(separator: "\n")
    }
}

/// Runs a lab's tests against a sample of mutants of its solution.
struct MutationRun {
    let lab: GradingPlan.Lab
    let build: String
    let sampleSize: Int
    let seed: UInt64
    /// Only the mutants whose description or key contains this (`make mutants MUTANT=…`).
    var only: String? = nil

    /// Where the copy of the kit lives, and its build folder (kept between runs: incremental).
    var tree: String { "\(build)/mutants/tree" }
    var scratch: String { "\(build)/mutants/scratch" }

    /// The equivalent mutants of this lab, one a line: `File.swift: OLD → NEW in: LINE  # why`,
    /// where LINE is the mutated line's trimmed text (see `Mutant.key`). Lines that start with
    /// `#` are comments.
    func equivalents() -> [String] {
        let path = "Tests/Mutants/\(lab.lab).txt"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            if line.hasPrefix("#") { return nil }
            let entry = line.range(of: "  # ").map { String(line[..<$0.lowerBound]) } ?? String(line)
            let key = entry.trimmingCharacters(in: .whitespaces)
            return key.isEmpty ? nil : key
        }
    }

    /// The solution's own files (given files are symlinks to Labs/ and are not mutated).
    func solutionFiles() throws -> [String] {
        let manager = FileManager.default
        let folder = try manager.contentsOfDirectory(atPath: "Solutions").first { $0.hasPrefix(lab.lab + "-") }
        guard let folder else { throw GraderError("lab \(lab.lab) has no folder in Solutions/") }
        return try manager.contentsOfDirectory(atPath: "Solutions/\(folder)").sorted().compactMap { name in
            let path = "Solutions/\(folder)/\(name)"
            guard name.hasSuffix(".swift"),
                (try? manager.destinationOfSymbolicLink(atPath: path)) == nil
            else { return nil }
            return path
        }
    }

    /// Copies the kit (sources only) into `tree`, replacing what an earlier run left.
    func copyKit() throws {
        try KitCopy(folder: tree).refresh()
    }

    /// Runs the whole sample; prints progress and the report. Returns the kill rate (0…1).
    func run() throws -> Double {
        try copyKit()
        var runner = SwiftRunner(
            implementation: "solutions", scratch: scratch, resultsFolder: "\(build)/results", stream: false)
        runner.ownProcessGroup = true
        runner.workingDirectory = tree
        say("Lab \(lab.lab): building the reference in a copy of the kit (\(tree))…")
        let baseline = runner.build(labs: lab.lab, timeLimit: 1200)
        guard baseline.ok else {
            throw GraderError("the reference of lab \(lab.lab) does not build:\n\(errorLines(baseline.log))")
        }
        let clock = Date()
        let (clean, _) = runTests(runner, limit: lab.timeLimit)
        guard clean == .passed else {
            throw GraderError("the reference of lab \(lab.lab) does not pass its own tests (\(clean))")
        }
        let baselineSeconds = Date().timeIntervalSince(clock)
        let limit = max(60, baselineSeconds * 3)
        say(
            "Lab \(lab.lab): the tests pass on the reference in \(Int(baselineSeconds)) s; "
                + "a mutant gets \(Int(limit)) s."
        )

        let listed = equivalents()
        let skip = Set(listed)
        var candidates: [Mutant] = []
        for file in try solutionFiles() {
            // Mutants come from the copy they are applied to: the kit may change during a run.
            let text = try String(contentsOfFile: "\(tree)/\(file)", encoding: .utf8)
            candidates += MutantGenerator.mutants(of: text, file: file)
        }
        // Each mutant's place in line comes from the seed and the mutant alone (its key and
        // column), not from the others: listing an equivalent, adding a test, moving lines or
        // editing another line leaves the rest of a seed's sample as it was.
        candidates.sort { rank($0) < rank($1) }
        let excluded = candidates.filter { skip.contains($0.key) }
        candidates.removeAll { skip.contains($0.key) }
        if let only { candidates.removeAll { !$0.description.contains(only) && !$0.key.contains(only) } }
        say(
            "Lab \(lab.lab): \(candidates.count) possible mutants (\(excluded.count) listed as equivalent); "
                + "testing \(sampleSize), seed \(seed)\(only.map { ", only those matching '\($0)'" } ?? "").")
        // A listed entry that matches no mutant of today's code is stale: its line was edited,
        // moved to another file or deleted, so the entry excludes nothing any more.
        let matched = Set(excluded.map(\.key))
        let stale = listed.filter { !matched.contains($0) }
        if !stale.isEmpty {
            say(
                "Tests/Mutants/\(lab.lab).txt: \(stale.count) stale entr\(stale.count == 1 ? "y" : "ies") "
                    + "(no mutant of today's code has that file, change and line text; the line was edited, "
                    + "moved to another file or deleted, so the entry excludes nothing: re-key it from the "
                    + "survivor list below, or delete it):")
            for entry in stale { say("  \(entry)") }
        }
        say("")

        var killed = 0
        var survivors: [Mutant] = []
        var tested = 0
        var uncompilable = 0
        for mutant in candidates where tested < sampleSize {
            let original = try String(contentsOfFile: "\(tree)/\(mutant.file)", encoding: .utf8)
            let mutated = MutantGenerator.apply(mutant, to: original)
            // The line no longer holds the token (the file changed under the run): not a mutant.
            guard mutated != original else { continue }
            try mutated.write(toFile: "\(tree)/\(mutant.file)", atomically: true, encoding: .utf8)
            defer { try? original.write(toFile: "\(tree)/\(mutant.file)", atomically: true, encoding: .utf8) }
            let built = runner.build(labs: lab.lab, timeLimit: 600)
            guard built.ok else {
                uncompilable += 1
                let error = built.log.split(separator: "\n").first { $0.contains("error:") }
                let why = error.flatMap { line in line.range(of: "error:").map { String(line[$0.upperBound...]) } }
                say("  (not compiled, not counted: \(mutant):\(why ?? " the build failed"))")
                continue
            }
            tested += 1
            let started = Date()
            let (outcome, killer) = runTests(runner, limit: limit)
            let seconds = String(format: "%.0f s", Date().timeIntervalSince(started))
            let label = "[\(tested)/\(sampleSize)] \(mutant)"
            if outcome == .passed {
                survivors.append(mutant)
                say("  SURVIVED  \(label)  (\(seconds))")
            } else {
                killed += 1
                // Which test killed it, so a kill by a flaky or unrelated test can be seen.
                say("  killed    \(label)  (\(outcome), \(seconds))\(killer.map { "\n              by \($0)" } ?? "")")
            }
        }
        // Put the tree back as it was, so the next run's baseline is the real reference.
        try copyKit()
        let rate = tested == 0 ? 0 : Double(killed) / Double(tested)
        say(
            "\nLab \(lab.lab): killed \(killed) of \(tested) mutants (\(Int((rate * 100).rounded()))%); "
                + "\(uncompilable) did not compile and were not counted.")
        if !survivors.isEmpty {
            say(
                "Survivors (each is a mistake the tests miss: add a test, or, if it truly cannot change "
                    + "behaviour, list it in Tests/Mutants/\(lab.lab).txt as shown, with the reason after '  # '):")
            for mutant in survivors { say("  \(mutant.description)\n      \(mutant.key)  # why") }
        }
        return rate
    }

    /// Stops the lab binaries that a stopped test run left running. Tests spawn them (with
    /// LabProcess) in process groups of their own, and an interrupted test never stops them:
    /// they are found by their executable, which lives in this run's own build folder.
    func stopLeftovers() {
        // `swift` runs in the copy of the kit, so a relative scratch path is inside it.
        let built = scratch.hasPrefix("/") ? scratch : "\(tree)/\(scratch)"
        let folder = URL(fileURLWithPath: built).standardizedFileURL.path + "/"
        let manager = FileManager.default
        for entry in (try? manager.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let pid = Int32(entry), pid != getpid(),
                let executable = try? manager.destinationOfSymbolicLink(atPath: "/proc/\(entry)/exe"),
                executable.hasPrefix(folder)
            else { continue }
            kill(pid, SIGKILL)
        }
    }

    /// Where `mutant` stands in this seed's sample: a hash (FNV-1a, then mixed) of the seed,
    /// the mutant's key and its column.
    func rank(_ mutant: Mutant) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in "\(mutant.key)@\(mutant.column)".utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        var mixer = SplitMix(seed: hash ^ seed)
        return mixer.next()
    }

    enum Outcome: Equatable, CustomStringConvertible {
        case passed, failed, stoppedAtFirstFailure, crashed, hung
        var description: String {
            switch self {
            case .passed: return "passed"
            case .failed: return "a test failed"
            case .stoppedAtFirstFailure: return "a test failed; stopped there"
            case .crashed: return "the tests crashed"
            case .hung: return "the tests hung"
            }
        }
    }

    /// Runs the lab's tests, stopping at the first failure (one is enough to kill a mutant).
    /// - Returns: how the run ended, and the first failing test's line of output, if any.
    func runTests(_ runner: SwiftRunner, limit: Double) -> (Outcome, String?) {
        defer { stopLeftovers() }
        let result = runner.run(
            ["test", "--skip-build", "--scratch-path", runner.scratch], labs: lab.lab, timeLimit: limit, quiet: true,
            stopWhen: { $0.contains("✘ Test") })
        let failure = result.output.split(separator: "\n").first { $0.contains("✘ Test") }.map { line in
            let text = line.drop { $0 != "✘" }
            return text.count > 160 ? String(text.prefix(157)) + "…" : String(text)
        }
        if result.stoppedEarly { return (.stoppedAtFirstFailure, failure) }
        if result.status == 124 { return (.hung, failure) }
        if result.status == 0 { return (.passed, nil) }
        if let failure { return (.failed, failure) }
        return (.crashed, crashSummary(result.output).split(separator: "\n").first.map(String.init))
    }
}

/// A small seeded generator, so the same seed samples the same mutants.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
