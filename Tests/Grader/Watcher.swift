// `make watch LAB=NN`: tests a lab again each time one of its files changes.
//
// It polls (no file-system events, no packages): every second it compares each file's size
// and modification time under the lab's folder with what it saw last. After a change it
// waits for the saving to settle, then builds and tests, and prints the table, the first
// failure to work on, and the part to do next.
import Foundation

struct Watcher {
    let lab: GradingPlan.Lab
    let runner: SwiftRunner
    let results: String

    /// The folder a student edits for this lab (Labs/01-Ping), or Solutions/ when watching those.
    var folder: String {
        let tree = runner.implementation == "labs" ? "Labs" : "Solutions"
        let name = (try? FileManager.default.contentsOfDirectory(atPath: tree))?.first { $0.hasPrefix(lab.lab + "-") }
        return "\(tree)/\(name ?? lab.lab)"
    }

    /// Path → (size, modification time) of every file under `folder`.
    func snapshot() -> [String: String] {
        var seen: [String: String] = [:]
        let manager = FileManager.default
        for name in (manager.subpaths(atPath: folder) ?? []) {
            let path = "\(folder)/\(name)"
            guard let attributes = try? manager.attributesOfItem(atPath: path),
                attributes[.type] as? FileAttributeType == .typeRegular
                    || attributes[.type] as? FileAttributeType == .typeSymbolicLink
            else { continue }
            let date = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            seen[path] = "\(attributes[.size] ?? 0)@\(date)"
        }
        return seen
    }

    func run() -> Never {
        say("Watching \(folder): the tests run again each time you save a file there. Ctrl-C stops.\n")
        var last = snapshot()
        while true {
            testOnce()
            say("\nWaiting for a change in \(folder)…")
            while true {
                sleep(1)
                let now = snapshot()
                guard now != last else { continue }
                // Editors save in several steps: wait until nothing changes for half a second.
                last = now
                while true {
                    usleep(500_000)
                    let settled = snapshot()
                    if settled == last { break }
                    last = settled
                }
                break
            }
            let time = ISO8601DateFormatter().string(from: Date()).dropFirst(11).prefix(8)
            say("\n──── \(time): a file changed, testing lab \(lab.lab) again ────\n")
        }
    }

    /// Builds and tests once, and prints what to do next.
    func testOnce() {
        let score = runner.grade(lab)
        record(score, implementation: runner.implementation, in: results)
        if let log = score.compileLog {
            say(errorLines(log))
            say("\nLab \(lab.lab) does not compile: fix the first error above, then save.")
            return
        }
        say(table([score], showParts: true))
        if let report = warningReport(score) { say("\n" + report) }
        // The next part is the first, in the handout's order, that is not full marks.
        guard let next = score.parts.first(where: { $0.total == 0 || $0.passed < $0.total }) else {
            say("\nAll \(score.total) tests pass: lab \(lab.lab) is done.")
            return
        }
        let files = next.part.files.map { " (\($0.joined(separator: ", ")))" } ?? ""
        say("\nNext: \(next.part.name)\(files), \(next.passed)/\(next.total) tests passing.")
        if let first = score.failureLines(in: next).first {
            say("The first failure to work on:\n" + first)
        }
    }
}
