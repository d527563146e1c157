// `make check` in the student edition (`make student-kit`), which has no Solutions/: it checks
// what it can without the reference. Every lab has a handout with hints, and the starters
// compile, each lab with its tests.
import Foundation

struct StudentCheck {
    let plan: GradingPlan
    let build: String

    func run(_ labs: [GradingPlan.Lab]) -> Bool {
        say("This is the student edition of NetLab: it has no Solutions/, so make check checks what it can.")
        say("(The instructor's edition also proves that the solutions score 100 and the starters 0.)")
        var problems: [String] = []
        say("\n▶ Every lab has a handout with hints")
        for lab in labs {
            if let text = try? String(contentsOfFile: lab.handout, encoding: .utf8) {
                if !text.contains("\n## Hints") { problems.append("\(lab.handout) has no '## Hints' section") }
            } else {
                problems.append("lab \(lab.lab): no handout at \(lab.handout)")
            }
        }
        let listed = problems.map { "  ✗ " + $0 }.joined(separator: "\n")
        say(problems.isEmpty ? "  ✓ ok (\(labs.count) handouts)" : listed)
        say("\n▶ The starters in Labs/ compile, each lab with its tests")
        let runner = SwiftRunner(
            implementation: "labs", scratch: "\(build)/labs", resultsFolder: "\(build)/results", stream: false)
        for lab in labs {
            let start = Date()
            let built = runner.build(labs: lab.lab, timeLimit: 1200)
            let seconds = String(format: "%.0f s", Date().timeIntervalSince(start))
            if built.ok {
                say("  ✓ lab \(lab.lab) compiles (\(seconds))")
            } else {
                problems.append("lab \(lab.lab) does not compile")
                say("  ✗ lab \(lab.lab) does not compile (\(seconds)):\n" + tail(errorLines(built.log), lines: 20))
            }
        }
        say("")
        if problems.isEmpty {
            say("make check: the student edition is sound. Now: make test LAB=01")
            return true
        }
        say("make check: \(problems.count) problem(s):")
        for problem in problems { say("  - " + problem) }
        return false
    }
}
