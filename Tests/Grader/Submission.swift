// `make grade SUBMISSION=PATH`: one student's submission graded in a pristine copy of the kit.
//
// Only the student's own files under Labs/NN-*/ are taken from the submission. Everything else
// (Tests/, Labs/Given/, Package.swift, the Makefile, grading.json, and the given files inside
// each lab folder, the ones Solutions/ links to) always comes from the kit; the report lists
// the submission's copies of them that differed, so an instructor sees an attempt to edit a test.
import Foundation

struct Submission {
    /// What the submission was given as: a folder, a .zip or a local git repository.
    let source: String
    /// Where the grading happens: `<build>/submission` (the kit copy, the unpacked submission).
    let workspace: String

    /// What preparing the submission found.
    struct Prepared {
        /// The pristine kit copy, with the student's lab files in it.
        let kit: String
        /// Files the submission had that the kit always supplies, and that differed from the kit's.
        let differed: [String]
        /// Files of the submission that were ignored (symbolic links, files outside Labs/NN-*/).
        let ignored: [String]
        /// SHA-256 over the graded files (each file's path and digest, sorted).
        let digest: String
        /// The kit's commit (`git rev-parse HEAD`), with `-dirty` if its tree has changes.
        let kitCommit: String
        /// How the tests ran: in the sandbox or not (Sandbox.swift).
        var sandbox = ""

        /// What the grade report says about the submission's files.
        var report: String {
            var lines = ["Kit commit: \(kitCommit)", "SHA-256 of the graded files: \(digest)"]
            if !sandbox.isEmpty { lines.append(sandbox) }
            if differed.isEmpty {
                lines.append("No file the kit supplies was changed in the submission.")
            } else {
                lines.append("The submission changed files the kit supplies; the kit's copies were used:")
                lines += differed.map { "  " + $0 }
            }
            if !ignored.isEmpty {
                lines.append("Ignored (not under Labs/NN-*/, or a link):")
                lines += ignored.prefix(20).map { "  " + $0 }
                if ignored.count > 20 { lines.append("  … and \(ignored.count - 20) more") }
            }
            return lines.joined(separator: "\n")
        }
    }

    /// Unpacks the submission, makes the kit copy and puts the student's lab files in it.
    func prepare(plan: GradingPlan) throws -> Prepared {
        let manager = FileManager.default
        let unpacked = "\(workspace)/unpacked"
        try? manager.removeItem(atPath: unpacked)
        try manager.createDirectory(atPath: unpacked, withIntermediateDirectories: true)
        var isFolder: ObjCBool = false
        guard manager.fileExists(atPath: source, isDirectory: &isFolder) else {
            throw GraderError("no submission at \(source)")
        }
        if isFolder.boolValue && manager.fileExists(atPath: "\(source)/.git") {
            // A repository: what is committed, not what happens to lie in its working tree.
            try shell(["git", "clone", "--quiet", "--depth", "1", "file://" + absolute(source), "\(unpacked)/repo"])
        } else if isFolder.boolValue {
            try shell(["cp", "-R", source, "\(unpacked)/folder"])
        } else if source.hasSuffix(".zip") {
            try shell(["unzip", "-q", "-o", source, "-d", "\(unpacked)/zip"])
        } else {
            throw GraderError("\(source) is not a folder, a .zip or a git repository")
        }
        let root = try submissionRoot(in: unpacked)

        // The pristine copy: everything but Solutions/ (the starters are graded, never the reference).
        let kit = "\(workspace)/kit"
        let copy = KitCopy(folder: kit)
        try copy.refresh(items: ["Package.swift", "Makefile", "Labs", "Tests", "Handouts"])

        // An instructor's hidden tests for each graded lab go in beside the lab's own tests.
        for lab in plan.labs where manager.fileExists(atPath: "\(Submission.hiddenTests)/\(lab.testTarget)") {
            try copy.place("\(Submission.hiddenTests)/\(lab.testTarget)", at: "Tests/\(lab.testTarget)/Hidden")
        }

        var differed: [String] = []
        var ignored: [String] = []
        // Given files outside the lab folders: the submission's copies are compared, never used.
        for file in files(under: root) {
            let isLabFile = plan.labs.contains { lab in
                guard let folder = labFolder(lab) else { return false }
                return file.hasPrefix("Labs/\(folder)/")
            }
            if isLabFile { continue }
            if let kitBytes = manager.contents(atPath: file) {
                if manager.contents(atPath: "\(root)/\(file)") != kitBytes { differed.append(file) }
            } else if !file.hasPrefix(".") && !file.contains("/.") {
                ignored.append(file)
            }
        }
        // Each lab folder: the kit's given files, and the student's own files.
        var graded: [String] = []
        for lab in plan.labs {
            guard let folder = labFolder(lab) else { continue }
            let given = givenFiles(folder)
            let target = "\(kit)/Labs/\(folder)"
            for name in try manager.contentsOfDirectory(atPath: target) where !given.contains(name) {
                try manager.removeItem(atPath: "\(target)/\(name)")
            }
            let theirs = "\(root)/Labs/\(folder)"
            for file in files(under: theirs) {
                let path = "Labs/\(folder)/\(file)"
                if given.contains(file) {
                    if manager.contents(atPath: "\(theirs)/\(file)") != manager.contents(atPath: path) {
                        differed.append(path)
                    }
                    continue
                }
                try manager.createDirectory(
                    atPath: (("\(target)/\(file)") as NSString).deletingLastPathComponent,
                    withIntermediateDirectories: true)
                try manager.copyItem(atPath: "\(theirs)/\(file)", toPath: "\(target)/\(file)")
                graded.append(path)
            }
            // Links inside the submission are never followed: they could point at the kit's tests.
            for link in links(under: theirs) { ignored.append("Labs/\(folder)/\(link) (a symbolic link)") }
        }
        var listing = ""
        for path in graded.sorted() {
            listing += "\(sha256(file: "\(kit)/\(path)"))  \(path)\n"
        }
        return Prepared(
            kit: kit, differed: differed.sorted(), ignored: ignored.sorted(), digest: sha256(text: listing),
            kitCommit: Submission.kitCommit())
    }

    /// Where an instructor keeps extra tests that students never see: one folder per test
    /// target (`Tests/Instructor/HiddenTests/Lab01PingTests/`), and `hidden.json` with their parts.
    static let hiddenTests = "Tests/Instructor/HiddenTests"

    /// The kit's commit, with `-dirty` if its tree has changes; in an exported kit (the
    /// Gradescope bundle, which is no git repository) the commit it was exported from.
    static func kitCommit() -> String {
        if let commit = (try? shell(["git", "rev-parse", "HEAD"]))?.trimmingCharacters(in: .whitespacesAndNewlines),
            FileManager.default.fileExists(atPath: ".git")
        {
            let dirty = ((try? shell(["git", "status", "--porcelain"])) ?? "").isEmpty ? "" : "-dirty"
            return commit + dirty
        }
        if let data = FileManager.default.contents(atPath: exportedCommit) {
            return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return "unknown (not a git repository)"
    }

    /// An exported kit's record of the commit it came from (written by Tests/Instructor/export.sh).
    static let exportedCommit = "Tests/kit-commit.txt"
    /// An exported kit's list of given files inside the lab folders (`Labs/08-RUDP/Endpoint.swift`),
    /// since it has no Solutions/ whose links would say which they are.
    static let exportedGivenFiles = "Tests/given-files.txt"

    /// The lab's folder name under Labs/ (`01-Ping`), from the kit.
    func labFolder(_ lab: GradingPlan.Lab) -> String? {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "Labs")) ?? []
        return names.sorted().first { $0.hasPrefix(lab.lab + "-") }
    }

    /// The files of `folder` that are given: Solutions/ links to them instead of having its own.
    func givenFiles(_ folder: String) -> Set<String> {
        let manager = FileManager.default
        if !manager.fileExists(atPath: "Solutions"),
            let data = manager.contents(atPath: Submission.exportedGivenFiles)
        {
            let prefix = "Labs/\(folder)/"
            return Set(
                String(decoding: data, as: UTF8.self).split(separator: "\n").filter { $0.hasPrefix(prefix) }
                    .map { String($0.dropFirst(prefix.count)) })
        }
        let names = (try? manager.contentsOfDirectory(atPath: "Solutions/\(folder)")) ?? []
        return Set(
            names.filter { (try? manager.destinationOfSymbolicLink(atPath: "Solutions/\(folder)/\($0)")) != nil })
    }

    /// The folder of the unpacked submission that holds Labs/ (it may be one or two levels down,
    /// as a zip of a folder is); a zip of lab folders alone (`make handin`) is given a Labs/.
    private func submissionRoot(in unpacked: String) throws -> String {
        let manager = FileManager.default
        var queue = [unpacked]
        var depth = 0
        while !queue.isEmpty && depth < 4 {
            var next: [String] = []
            for folder in queue {
                if manager.fileExists(atPath: "\(folder)/Labs") { return folder }
                let names = (try? manager.contentsOfDirectory(atPath: folder)) ?? []
                if names.contains(where: { $0.range(of: #"^\d\d-"#, options: .regularExpression) != nil }) {
                    let wrapped = "\(unpacked)/wrapped"
                    try manager.createDirectory(atPath: wrapped, withIntermediateDirectories: true)
                    try manager.moveItem(atPath: folder, toPath: "\(wrapped)/Labs")
                    return wrapped
                }
                for name in names where name != "__MACOSX" && !name.hasPrefix(".") {
                    var isFolder: ObjCBool = false
                    let path = "\(folder)/\(name)"
                    if manager.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
                        next.append(path)
                    }
                }
            }
            queue = next
            depth += 1
        }
        throw GraderError("the submission has no Labs/ folder (and no NN-Name lab folders)")
    }
}

/// The regular files under `folder`, as paths relative to it (links and .git left out).
func files(under folder: String) -> [String] {
    let manager = FileManager.default
    guard let walker = manager.enumerator(atPath: folder) else { return [] }
    var found: [String] = []
    while let path = walker.nextObject() as? String {
        if path == ".git" || path.hasPrefix(".git/") || path.hasPrefix(".build") { continue }
        let full = "\(folder)/\(path)"
        guard let kind = try? manager.attributesOfItem(atPath: full)[.type] as? FileAttributeType else { continue }
        if kind == .typeRegular { found.append(path) }
    }
    return found.sorted()
}

/// The symbolic links under `folder`, relative to it.
func links(under folder: String) -> [String] {
    let manager = FileManager.default
    guard let walker = manager.enumerator(atPath: folder) else { return [] }
    var found: [String] = []
    while let path = walker.nextObject() as? String {
        if (try? manager.destinationOfSymbolicLink(atPath: "\(folder)/\(path)")) != nil { found.append(path) }
    }
    return found
}

func absolute(_ path: String) -> String {
    path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
}

/// Runs a command; its standard output, or an error with what it printed.
@discardableResult
func shell(_ arguments: [String], input: Data? = nil) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    let out = Pipe()
    let inPipe = Pipe()
    process.standardOutput = out
    process.standardError = out
    process.standardInput = input == nil ? FileHandle.nullDevice : inPipe
    try process.run()
    if let input {
        inPipe.fileHandleForWriting.write(input)
        try? inPipe.fileHandleForWriting.close()
    }
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let text = String(decoding: data, as: UTF8.self)
    guard process.terminationStatus == 0 else {
        throw GraderError("\(arguments.joined(separator: " ")) failed: \(tail(text, lines: 5))")
    }
    return text
}

func sha256(file: String) -> String {
    ((try? shell(["sha256sum", file])) ?? "").split(separator: " ").first.map(String.init) ?? "?"
}

func sha256(text: String) -> String {
    ((try? shell(["sha256sum"], input: Data(text.utf8))) ?? "").split(separator: " ").first.map(String.init) ?? "?"
}
