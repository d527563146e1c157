// The grading plan: Tests/grading.json, the one place that says what each lab is worth.
import Foundation

struct GradingPlan: Decodable {
    struct Part: Decodable {
        /// The test suite (a struct in the lab's test target) that grades this part.
        let suite: String
        let name: String
        let points: Double
        /// The files, in the lab's folder, that hold this part's TODOs.
        let files: [String]?
        /// A hidden part (an instructor's extra tests, Tests/Instructor/HiddenTests): its own line in
        /// the grade, shown to students on Gradescope only once grades are published.
        var hidden: Bool? = nil
    }

    struct Lab: Decodable {
        let lab: String
        let title: String
        let module: String
        /// The lab's program (`lab01-ping`); `make check` runs fixture lab 92's.
        let executable: String
        let handout: String
        let timeLimitSeconds: Double?
        /// Earlier labs whose modules this one imports (Package.swift's `dependsOn`).
        let dependsOn: [String]?
        var parts: [Part]

        var testTarget: String { module + "Tests" }
        var maximum: Double { parts.reduce(0) { $0 + $1.points } }
        /// Seconds before the lab's tests are cut off; NETLAB_TIME_LIMIT overrides every lab's
        /// (`make grade-all LAB_TIMEOUT=…`, so that a hanging submission is cut off sooner).
        var timeLimit: Double {
            ProcessInfo.processInfo.environment["NETLAB_TIME_LIMIT"].flatMap(Double.init) ?? timeLimitSeconds ?? 600
        }
    }

    var labs: [Lab]

    /// The extra parts of an instructor's hidden tests (`hidden.json` beside them), or `nil`.
    struct Hidden: Decodable {
        struct LabParts: Decodable {
            let lab: String
            let parts: [Part]
        }
        let labs: [LabParts]
    }

    /// The plan with the hidden parts of `folder/hidden.json` added to their labs (each marked
    /// hidden); the plan itself if there is no such file.
    func addingHidden(from folder: String) throws -> GradingPlan {
        let path = "\(folder)/hidden.json"
        guard let data = FileManager.default.contents(atPath: path) else { return self }
        let hidden: Hidden
        do {
            hidden = try JSONDecoder().decode(Hidden.self, from: data)
        } catch {
            throw GraderError("\(path) is not a valid list of hidden parts: \(error)")
        }
        var plan = self
        for extra in hidden.labs {
            guard let index = plan.labs.firstIndex(where: { $0.lab == extra.lab }) else {
                throw GraderError("\(path) names lab \(extra.lab), which is not in Tests/grading.json")
            }
            plan.labs[index].parts += extra.parts.map { part in
                var part = part
                part.hidden = true
                return part
            }
        }
        return plan
    }

    static func load(from path: String = "Tests/grading.json") throws -> GradingPlan {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw GraderError("cannot read \(path): run make from the top of the NetLab folder")
        }
        do {
            return try JSONDecoder().decode(GradingPlan.self, from: data)
        } catch {
            throw GraderError("\(path) is not a valid grading plan: \(error)")
        }
    }

    /// The labs named by `selection` ("all", "01", or "01,06"), in teaching order.
    func labs(_ selection: String) throws -> [Lab] {
        if selection == "all" || selection.isEmpty { return labs }
        let wanted = selection.split(separator: ",").map { $0.count == 1 ? "0\($0)" : String($0) }
        for number in wanted where !labs.contains(where: { $0.lab == number }) {
            throw GraderError("there is no lab \(number); the labs are \(labs.map(\.lab).joined(separator: ", "))")
        }
        return labs.filter { wanted.contains($0.lab) }
    }
}

struct GraderError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
