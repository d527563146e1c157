// `make order`: proves that every part can be passed in the handout's order.
//
// For each lab and each part k, it builds the starter with the reference's files for parts
// 1…k put in (Tests/grading.json names each part's files), grades it, and checks that parts
// 1…k score full marks while every later part still falls short. It is rustlings' "every
// exercise fails unsolved and passes solved", applied part by part: a student who finishes
// part 2 before part 3 must see part 2 pass.
import Foundation

struct PartOrder {
    let plan: GradingPlan
    let build: String

    /// Checks every lab in `labs`; prints one line per step and returns the problems found.
    func run(_ labs: [GradingPlan.Lab]) throws -> [String] {
        let root = FileManager.default.currentDirectoryPath
        let copy = KitCopy(folder: "\(root)/\(build)/order/tree")
        let results = "\(root)/\(build)/order/results"
        try FileManager.default.createDirectory(atPath: results, withIntermediateDirectories: true)
        var runner = SwiftRunner(
            implementation: "labs", scratch: "\(root)/\(build)/order/scratch", resultsFolder: results, stream: false)
        runner.ownProcessGroup = true
        runner.workingDirectory = copy.folder
        var problems: [String] = []
        for lab in labs {
            let folder = try labFolder(lab)
            let missing = lab.parts.filter { ($0.files ?? []).isEmpty }.map(\.name)
            if !missing.isEmpty {
                problems.append("lab \(lab.lab): grading.json names no files for \(missing.joined(separator: ", "))")
                say("lab \(lab.lab): ✗ no files named for \(missing.joined(separator: ", "))")
                continue
            }
            // Every file a student edits (not a symlinked given file) belongs to some part.
            let named = Set(lab.parts.flatMap { $0.files ?? [] })
            for file in try studentFiles(folder) where !named.contains(file) {
                problems.append("lab \(lab.lab): \(folder)/\(file) is in no part's files")
            }
            for k in 1...lab.parts.count {
                try copy.refresh()
                // A lab built on an earlier one runs on that lab's reference, as if the student
                // had finished it: only this lab's parts are being checked.
                for earlier in lab.dependsOn ?? [] {
                    guard let other = plan.labs.first(where: { $0.lab == earlier }) else { continue }
                    let otherFolder = try labFolder(other)
                    for file in try studentFiles(otherFolder) {
                        try copy.place("Solutions/\(otherFolder)/\(file)", at: "Labs/\(otherFolder)/\(file)")
                    }
                }
                for part in lab.parts.prefix(k) {
                    for file in part.files ?? [] {
                        try copy.place("Solutions/\(folder)/\(file)", at: "Labs/\(folder)/\(file)")
                    }
                }
                let score = runner.grade(lab)
                let label = "lab \(lab.lab), parts 1–\(k) written"
                if score.compileLog != nil {
                    problems.append("\(label): does not compile:\n" + tail(errorLines(score.compileLog!), lines: 12))
                    say("\(label): ✗ does not compile")
                    continue
                }
                var line: [String] = []
                for (index, part) in score.parts.enumerated() {
                    let full = part.total > 0 && part.passed == part.total
                    line.append("\(index + 1):\(part.passed)/\(part.total)")
                    if index < k && !full {
                        let failures = score.failureLines(in: part).prefix(3).joined(separator: "\n")
                        problems.append(
                            "\(label): part \(index + 1) (\(part.part.name)) scores "
                                + "\(points(part.score))/\(points(part.part.points)):\n\(failures)"
                        )
                    }
                    if index >= k && full {
                        problems.append(
                            "\(label): part \(index + 1) (\(part.part.name)) already has full marks: "
                                + "its tests do not need its own files"
                        )
                    }
                }
                let ok = problems.allSatisfy { !$0.hasPrefix(label + ":") }
                say("\(label): \(ok ? "✓" : "✗") \(line.joined(separator: "  "))")
            }
        }
        try copy.refresh()
        return problems
    }

    private func labFolder(_ lab: GradingPlan.Lab) throws -> String {
        let names = try FileManager.default.contentsOfDirectory(atPath: "Labs")
        guard let name = names.first(where: { $0.hasPrefix(lab.lab + "-") }) else {
            throw GraderError("lab \(lab.lab) has no folder in Labs/")
        }
        return name
    }

    /// The lab's files in Solutions/ that are not given (given files are symlinks to Labs/).
    private func studentFiles(_ folder: String) throws -> [String] {
        let manager = FileManager.default
        return try manager.contentsOfDirectory(atPath: "Solutions/\(folder)").sorted().filter { name in
            name.hasSuffix(".swift")
                && (try? manager.destinationOfSymbolicLink(atPath: "Solutions/\(folder)/\(name)")) == nil
        }
    }
}
