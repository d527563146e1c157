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
        let parts: [Part]

        var testTarget: String { module + "Tests" }
        var maximum: Double { parts.reduce(0) { $0 + $1.points } }
        var timeLimit: Double { timeLimitSeconds ?? 600 }
    }

    let labs: [Lab]

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
