// `make grade-all SUBMISSIONS=DIR`: every submission of a course graded, N at a time, each in isolation.
//
// Each submission is graded by a child `netlab grade --submission` (the tamper-proof grading of
// Submission.swift), so one that crashes the grader, hangs or fills its time costs only itself:
// `timeout` cuts the child off. As root, the child runs in a network namespace of its own with
// only a loopback (`unshare -n`), and a PID namespace of its own, so that whatever it leaves
// running dies with it. Each of the N job slots keeps one workspace (kit copy and build folder)
// for all the submissions it grades: the given modules are built once per slot and reused, and a
// submission pays only for its own labs.
import Foundation
import Synchronization

struct GradeAll {
    /// The folder of submissions: one entry (a folder, a .zip or a git repository) per student.
    let submissions: String
    /// Where grades.csv and one folder per submission (results.json, log.txt) go.
    let out: String
    let jobs: Int
    /// The labs graded ("all", or "01,06"), and their plan (hidden parts included).
    let selection: String
    let labs: [GradingPlan.Lab]
    /// Seconds before one submission's whole grading is cut off.
    let timeout: Int
    /// Seconds before one lab's tests are cut off (NETLAB_TIME_LIMIT), or nil for grading.json's.
    let labTimeout: String?
    /// This program, which each child runs as `netlab grade`.
    let netlab: String

    struct Entry: Sendable {
        let id: String
        let path: String
    }

    /// One row of grades.csv, kept beside the submission's results as row.json.
    struct Row: Codable, Sendable {
        let id: String
        let points: [String: String]
        let total: String
        let status: String
        let seconds: Double
    }

    /// The submissions in the folder, by name. A zip's id is its name without `.zip`.
    func entries() throws -> [Entry] {
        let manager = FileManager.default
        let names = try manager.contentsOfDirectory(atPath: submissions).sorted()
        var found: [Entry] = []
        for name in names where !name.hasPrefix(".") && name != "__MACOSX" {
            let path = "\(submissions)/\(name)"
            var isFolder: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isFolder) else { continue }
            if isFolder.boolValue {
                found.append(Entry(id: name, path: path))
            } else if name.hasSuffix(".zip") {
                let id = String(name.dropLast(4))
                found.append(Entry(id: names.contains(id) ? name : id, path: path))
            }
        }
        return found
    }

    /// What the submission's grade depends on: its content (a repository's last commit), the
    /// kit and the options. A rerun skips a submission whose fingerprint has not changed.
    func fingerprint(_ entry: Entry, kit: String) -> String {
        let path = entry.path
        let content: String
        if FileManager.default.fileExists(atPath: "\(path)/.git") {
            content = (try? shell(["git", "-C", path, "rev-parse", "HEAD"])) ?? UUID().uuidString
        } else if path.hasSuffix(".zip") {
            content = sha256(file: path)
        } else {
            let script = "cd \"$1\" && find . -type f ! -path './.git/*' -print0 | LC_ALL=C sort -z"
                + " | xargs -0 -r sha256sum | sha256sum"
            content = (try? shell(["bash", "-c", script, "fingerprint", path])) ?? UUID().uuidString
        }
        return sha256(text: [content, kit, selection, labTimeout ?? "", String(timeout)].joined(separator: "\n"))
    }

    /// The kit's part of every fingerprint: the content of every file that grading reads (the
    /// manifest, the Makefile, Labs/, Tests/ with the grader, the hidden tests). Not the commit:
    /// a commit that changes only the README must not make a course's grades be run again.
    static func kitFingerprint() -> String {
        let script = "find Package.swift Makefile Labs Tests -type f -print0 2>/dev/null"
            + " | LC_ALL=C sort -z | xargs -0 -r sha256sum | sha256sum"
        return sha256(text: (try? shell(["bash", "-c", script])) ?? UUID().uuidString)
    }

    /// Can children get a network namespace of their own? Only as root, where `unshare` works.
    static func canIsolateNetwork() -> Bool {
        guard getuid() == 0 else { return false }
        return (try? shell(["unshare", "-n", "-p", "-f", "--mount-proc", "sh", "-c", "ip link set lo up"])) != nil
    }

    final class Progress: Sendable {
        struct State {
            var next = 0
            var done = 0
            var graded = 0
            var rows: [String: Row] = [:]
        }
        let state = Mutex(State())
    }

    /// Grades every submission and writes grades.csv; returns the rows, by id.
    func run() throws -> [Row] {
        let manager = FileManager.default
        try manager.createDirectory(atPath: out, withIntermediateDirectories: true)
        let all = try entries()
        guard !all.isEmpty else {
            throw GraderError("no submissions in \(submissions) (folders, .zip files or repositories)")
        }
        let kit = GradeAll.kitFingerprint()
        let isolate = GradeAll.canIsolateNetwork()
        say(
            "Grading \(all.count) submission(s) of \(submissions), \(jobs) at a time, lab(s) \(selection),"
                + " at most \(timeout) s each"
                + (isolate ? ", each in its own network namespace." : " (not root: no network namespaces)."))
        let progress = Progress()
        let started = Date()
        // Unchanged since the last run: their rows are read back, and they are not graded again.
        var pending: [(Entry, String)] = []
        for entry in all {
            let mark = fingerprint(entry, kit: kit)
            let folder = "\(out)/\(entry.id)"
            if let old = try? String(contentsOfFile: "\(folder)/fingerprint", encoding: .utf8), old == mark,
                let data = manager.contents(atPath: "\(folder)/row.json"),
                let row = try? JSONDecoder().decode(Row.self, from: data)
            {
                progress.state.withLock {
                    $0.rows[entry.id] = row
                    $0.done += 1
                }
            } else {
                pending.append((entry, mark))
            }
        }
        let skipped = all.count - pending.count
        if skipped > 0 { say("\(skipped) unchanged since they were graded: skipped (their rows are kept).") }
        writeCSV(progress.state.withLock { $0.rows })

        let finished = DispatchGroup()
        let queue = pending
        for slot in 1...max(1, min(jobs, max(1, queue.count))) {
            finished.enter()
            let thread = Thread { [self] in
                while true {
                    let index = progress.state.withLock { state -> Int in
                        defer { state.next += 1 }
                        return state.next
                    }
                    guard index < queue.count else { break }
                    let (entry, mark) = queue[index]
                    let row = grade(entry, slot: slot, isolate: isolate)
                    try? mark.write(toFile: "\(out)/\(entry.id)/fingerprint", atomically: true, encoding: .utf8)
                    let (done, graded, rows) = progress.state.withLock { state in
                        state.rows[row.id] = row
                        state.done += 1
                        state.graded += 1
                        return (state.done, state.graded, state.rows)
                    }
                    writeCSV(rows)
                    let elapsed = Date().timeIntervalSince(started)
                    let left = elapsed / Double(graded) * Double(all.count - done)
                    note(
                        "[\(done)/\(all.count)] \(row.id): \(row.total) \(row.status) (\(Int(row.seconds)) s)"
                            + " | \(duration(elapsed)) elapsed, about \(duration(left)) left")
                }
                finished.leave()
            }
            thread.start()
        }
        finished.wait()
        let rows = progress.state.withLock { $0.rows }
        let elapsed = Date().timeIntervalSince(started)
        let rate = pending.isEmpty ? 0 : Double(pending.count) / (elapsed / 60)
        say(
            "\nGraded \(pending.count) submission(s) in \(duration(elapsed))"
                + String(format: " (%.2f per minute)", rate) + "; \(skipped) skipped.")
        say("grades.csv: \(absolute(out))/grades.csv; each submission's results.json and log.txt: \(absolute(out))/ID/")
        return rows.values.sorted { $0.id < $1.id }
    }

    /// Grades one submission in job slot `slot`'s workspace, and returns its row.
    func grade(_ entry: Entry, slot: Int, isolate: Bool) -> Row {
        let manager = FileManager.default
        let started = Date()
        let work = absolute("\(out)/.work/slot-\(slot)")
        let folder = absolute("\(out)/\(entry.id)")
        // Each grading has a TMPDIR of its own, removed afterwards: every SwiftPM call leaves
        // empty TemporaryDirectory.* folders in it.
        let temporary = "\(work)/tmp"
        try? manager.removeItem(atPath: temporary)
        try? manager.createDirectory(atPath: temporary, withIntermediateDirectories: true)
        try? manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let results = "\(folder)/results.json"
        try? manager.removeItem(atPath: results)
        var arguments = ["timeout", "-s", "INT", "-k", "30", String(timeout)]
        if isolate {
            // A new network namespace (its own loopback, no other network) and PID namespace
            // (when its first process ends, the kernel stops every process left in it).
            arguments += [
                "unshare", "-n", "-p", "-f", "--mount-proc", "--kill-child", "sh", "-c",
                "ip link set lo up && exec \"$0\" \"$@\"",
            ]
        }
        arguments += [
            netlab, "grade", "--lab", selection, "--submission", absolute(entry.path), "--workspace", work,
            "--results", "\(work)/results", "--out", results,
        ]
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        var variables = ProcessInfo.processInfo.environment
        variables["TMPDIR"] = temporary
        if let labTimeout { variables["NETLAB_TIME_LIMIT"] = labTimeout }
        process.environment = variables
        _ = manager.createFile(atPath: "\(folder)/log.txt", contents: nil)
        let log = FileHandle(forWritingAtPath: "\(folder)/log.txt")
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        var status: Int32 = 127
        if (try? process.run()) != nil {
            process.waitUntilExit()
            status = process.terminationStatus
        }
        try? log?.close()
        if status == 124 || status == 137 { stopLeftovers(under: work) }
        try? manager.removeItem(atPath: temporary)
        let seconds = Date().timeIntervalSince(started)
        let row = makeRow(entry, results: results, status: status, seconds: seconds, log: "\(folder)/log.txt")
        if let data = try? JSONEncoder().encode(row) { try? data.write(to: URL(fileURLWithPath: "\(folder)/row.json")) }
        return row
    }

    /// The grade sheet's row, from the child's results.json (or from how it ended, if it wrote none).
    func makeRow(_ entry: Entry, results: String, status: Int32, seconds: Double, log: String) -> Row {
        guard let data = FileManager.default.contents(atPath: results),
            let document = try? JSONDecoder().decode(GradescopeResults.self, from: data)
        else {
            let why: String
            if status == 124 || status == 137 {
                why = "timed out after \(timeout) s"
            } else {
                let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
                let error = text.split(separator: "\n").last { $0.hasPrefix("error: ") }.map(String.init)
                why = "not graded: " + (error.map { String($0.dropFirst(7)) } ?? "the grader exited with \(status)")
            }
            return Row(
                id: entry.id, points: Dictionary(uniqueKeysWithValues: labs.map { ($0.lab, "0.0") }), total: "0.0",
                status: clip(why, 200), seconds: seconds)
        }
        let extra = document.extra_data ?? [:]
        var notes: [String] = []
        var marks: [String: String] = [:]
        for lab in labs {
            marks[lab.lab] = extra["lab_\(lab.lab)_score"] ?? "0.0"
            let labStatus = extra["lab_\(lab.lab)_status"] ?? "not graded"
            if labStatus != "ok" { notes.append("\(lab.lab) \(labStatus)") }
        }
        let changed = (extra["differed_from_kit"] ?? "").split(separator: "\n").count
        if changed > 0 { notes.append("edited \(changed) kit file(s): the kit's were used") }
        return Row(
            id: entry.id, points: marks, total: points(document.score),
            status: notes.isEmpty ? "ok" : notes.joined(separator: "; "), seconds: seconds)
    }

    /// Writes grades.csv (sorted by id), whole, each time a row comes in.
    func writeCSV(_ rows: [String: Row]) {
        var text = (["id"] + labs.map { "lab \($0.lab)" } + ["total", "status"]).joined(separator: ",") + "\n"
        for row in rows.values.sorted(by: { $0.id < $1.id }) {
            let fields = [row.id] + labs.map { row.points[$0.lab] ?? "0.0" } + [row.total, row.status]
            text += fields.map(csvField).joined(separator: ",") + "\n"
        }
        try? text.write(toFile: "\(out)/grades.csv", atomically: true, encoding: .utf8)
    }

    /// Stops the processes a cut-off grading left behind (without a PID namespace, a lab server
    /// or test could outlive it): those whose working folder is inside the slot's workspace.
    func stopLeftovers(under work: String) {
        let manager = FileManager.default
        for name in (try? manager.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let pid = Int32(name), pid != getpid(),
                let folder = try? manager.destinationOfSymbolicLink(atPath: "/proc/\(name)/cwd"),
                folder.hasPrefix(work)
            else { continue }
            kill(pid, SIGKILL)
        }
    }
}

/// A CSV field, quoted when it has a comma, a quote or a line break (RFC 4180).
func csvField(_ text: String) -> String {
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return text }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}

/// `3m05s`, `41s`.
func duration(_ seconds: Double) -> String {
    let whole = Int(seconds.rounded())
    return whole >= 60 ? String(format: "%dm%02ds", whole / 60, whole % 60) : "\(whole)s"
}
