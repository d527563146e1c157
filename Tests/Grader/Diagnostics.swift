// Reading the compiler's errors and warnings out of a `swift build` log.
//
// swift build prints each diagnostic as a header line (`path:line:col: warning: text`)
// followed by the source lines around it, with a caret line under the column. The same
// diagnostic often comes twice (once per build step), so it is kept once.
import Foundation

/// One compiler diagnostic, with the source lines the compiler showed under it.
struct Diagnostic: Equatable {
    enum Severity: String {
        case error, warning
    }

    let severity: Severity
    /// `Labs/01-Ping/PingServer.swift:6:9: warning: variable 'x' was never mutated`, with the
    /// path made relative to the kit's folder.
    let header: String
    /// The source lines and the caret line, as the compiler printed them.
    let context: [String]

    var text: String { ([header] + context).joined(separator: "\n") }

    /// Every diagnostic of `severity` in `log`, each once, in the order they first came.
    static func parse(_ log: String, severity: Severity, relativeTo folder: String) -> [Diagnostic] {
        var found: [Diagnostic] = []
        var current: (header: String, context: [String])? = nil
        func finish() {
            if let current, !found.contains(where: { $0.header == current.header }) {
                found.append(Diagnostic(severity: severity, header: current.header, context: current.context))
            }
            current = nil
        }
        let marker = ": \(severity.rawValue): "
        for line in log.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.contains(marker), let colon = line.firstIndex(of: ":"), line[..<colon].hasSuffix(".swift") {
                finish()
                let header = line.hasPrefix(folder + "/") ? String(line.dropFirst(folder.count + 1)) : line
                current = (header, [])
            } else if current != nil, isContext(line) {
                current?.context.append(line)
            } else {
                finish()
            }
        }
        finish()
        return found
    }

    /// A line of the source excerpt under a diagnostic: `6 |     var x = 0`, `  |  ` and
    /// caret lines, or `:` where the compiler skipped lines.
    private static func isContext(_ line: String) -> Bool {
        let trimmed = line.drop(while: { $0 == " " })
        if trimmed.hasPrefix("|") || trimmed == ":" { return true }
        let digits = trimmed.prefix(while: \.isNumber)
        return !digits.isEmpty && trimmed.dropFirst(digits.count).hasPrefix(" |")
    }
}

/// The warnings about a lab's code in Labs/, remembered between builds.
///
/// A build compiles only the files that changed, so it prints warnings only for those. The
/// grader keeps the last warnings of every file (in the scratch folder), so that a warning
/// stays on show until the file that causes it is fixed, not only until the next build.
struct WarningMemory: Codable {
    /// Source path (relative to the kit's folder) → the texts of its warnings.
    var byFile: [String: [String]] = [:]

    /// Updates the memory with one build's log and returns every warning it now holds.
    static func update(lab: String, scratch: String, log: String) -> [Diagnostic] {
        let path = "\(scratch)/netlab-warnings-\(lab).json"
        var memory =
            FileManager.default.contents(atPath: path)
            .flatMap { try? JSONDecoder().decode(WarningMemory.self, from: $0) } ?? WarningMemory()
        // Files this build compiled: `[4/6] Compiling Lab01Ping PingServer.swift, Heartbeat.swift`.
        let compiled = Set(
            log.split(separator: "\n").compactMap { line -> [String]? in
                guard let range = line.range(of: "] Compiling ") else { return nil }
                let rest = line[range.upperBound...].split(separator: " ", maxSplits: 1)
                guard rest.count == 2 else { return nil }
                return rest[1].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            }.joined())
        for file in memory.byFile.keys where compiled.contains(String(file.split(separator: "/").last ?? "")) {
            memory.byFile[file] = nil
        }
        // Only a student's lab module may warn (everything else has warnings as errors).
        for diagnostic in warnings(in: log) {
            let file = String(diagnostic.header.prefix(while: { $0 != ":" }))
            memory.byFile[file, default: []].append(diagnostic.text)
        }
        // A file that was deleted or renamed takes its warnings with it.
        memory.byFile = memory.byFile.filter { FileManager.default.fileExists(atPath: $0.key) }
        if let data = try? JSONEncoder().encode(memory) {
            try? data.write(to: URL(fileURLWithPath: path))
        }
        return memory.byFile.keys.sorted().flatMap { file in
            memory.byFile[file]!.map { text in
                let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                return Diagnostic(severity: .warning, header: lines[0], context: Array(lines.dropFirst()))
            }
        }
    }
}
