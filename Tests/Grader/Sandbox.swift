// The sandbox a submission's tests run in when the grader runs as root (`make grade
// SUBMISSION=…`, `make grade-all`, Gradescope).
//
// A submission's code runs inside the test process, so it can do whatever that process can.
// As root that is everything: it could rewrite the build of the given modules that the next
// submission graded in the same job slot reuses, another submission's results, grades.csv or
// the kit. So the tests (never the compiler, which runs no student code) run:
// - as the user `nobody`, with no capabilities and no way to gain any (`setpriv`);
// - in a mount namespace of their own in which the whole file system is read-only except one
//   empty folder of their own: their TMPDIR and HOME, and where the event stream is written;
// - with fresh, empty /tmp, /var/tmp and /dev/shm, so nothing one submission leaves there
//   reaches another.
// grade-all adds a network namespace and a PID namespace around each whole grading
// (GradeAll.swift). Where mount namespaces are refused (a container without CAP_SYS_ADMIN),
// the tests still run as `nobody`, which can write only where everyone can.
//
// What no sandbox can stop: the code shares the test process, so it could write false records
// into its own event stream. It can change its own grade that way, and nobody else's.
import Foundation

struct Sandbox {
    /// The one folder the tests may write. It is emptied and given to `nobody` before each run.
    let folder: String
    /// Whether the tests also get a read-only file system (a mount namespace of their own).
    let readOnly: Bool

    static let user = "65534"  // nobody
    static let group = "65534"  // nogroup

    /// A sandbox in `folder`, or nil where the grader cannot make one (not root, no setpriv,
    /// or `nobody` cannot reach `workspace`, where the build is). NETLAB_SANDBOX=0 turns it off.
    static func make(folder: String, workspace: String) -> Sandbox? {
        guard getuid() == 0, ProcessInfo.processInfo.environment["NETLAB_SANDBOX"] != "0" else { return nil }
        let drop = ["setpriv", "--reuid=\(user)", "--regid=\(group)", "--clear-groups", "--no-new-privs"]
        // Every folder above the build must let `nobody` pass, or the binary cannot start.
        guard (try? shell(drop + ["test", "-x", absolute(workspace)])) != nil else {
            note("no sandbox: the user nobody cannot reach \(workspace) (a folder above it is closed to others)")
            return nil
        }
        let readOnly =
            (try? shell(["unshare", "-m", "sh", "-c", "mount --make-rprivate / && mount -o remount,bind,ro /"])) != nil
        return Sandbox(folder: absolute(folder), readOnly: readOnly)
    }

    /// What the grade report says about how the tests ran.
    var description: String {
        readOnly
            ? "The tests ran as the user nobody, on a read-only file system with a folder of their own."
            : "The tests ran as the user nobody (no mount namespace here: the file system was not made read-only)."
    }

    /// What the grade report says when there is no sandbox.
    static let none =
        "No sandbox: the grader is not root, NETLAB_SANDBOX=0, or the user nobody cannot reach the workspace (the log"
        + " says which), so the tests ran as the grader's user."

    /// The mount namespace's set-up: everything read-only, then `$1` writable again, fresh
    /// temporary folders, then the command (`$2…`) as `nobody`.
    private static let script = """
        set -e
        folder=$1; shift
        mount --make-rprivate /
        mount -o remount,bind,ro /
        for shared in /tmp /var/tmp /dev/shm; do
            case "$folder/" in "$shared"/*) continue ;; esac
            [ -d "$shared" ] && mount -t tmpfs -o size=256m,mode=1777 tmpfs "$shared"
        done
        mount --bind "$folder" "$folder"
        mount -o remount,bind,rw "$folder"
        exec "$@"
        """

    /// The command that runs a `swift test --skip-build …` call inside the sandbox. It runs the
    /// test binary itself: `swift test` writes its build database even with --skip-build, and
    /// that database is in the build folder, which must stay read-only.
    ///
    /// The event stream goes to `events`, in the sandbox's folder; `collect` copies it to where
    /// the caller asked.
    func command(for arguments: [String], scratch: String) -> [String] {
        var tests = ["\(scratch)/debug/NetLabPackageTests.xctest", "--testing-library", "swift-testing"]
        if arguments.dropFirst().first == "list" { tests.append("--list-tests") }
        if let at = arguments.firstIndex(of: "--filter"), at + 1 < arguments.count {
            tests += ["--filter", arguments[at + 1]]
        }
        if arguments.contains("--experimental-event-stream-output") {
            tests += SwiftRunner.eventStream(events)
        }
        let drop = [
            "setpriv", "--reuid=\(Sandbox.user)", "--regid=\(Sandbox.group)", "--clear-groups", "--no-new-privs",
        ]
        let inside = drop + tests
        return readOnly ? ["unshare", "-m", "sh", "-c", Sandbox.script, "sh", folder] + inside : inside
    }

    /// Where the tests write their event stream.
    var events: String { "\(folder)/events.jsonl" }

    /// Empties the folder and gives it to `nobody`, before a run.
    func prepare() throws {
        let manager = FileManager.default
        try? manager.removeItem(atPath: folder)
        try manager.createDirectory(atPath: "\(folder)/tmp", withIntermediateDirectories: true)
        try shell(["chown", "-R", "\(Sandbox.user):\(Sandbox.group)", folder])
    }

    /// The environment the tests see: their own TMPDIR and HOME.
    func environment(_ variables: [String: String]) -> [String: String] {
        var variables = variables
        variables["TMPDIR"] = "\(folder)/tmp"
        variables["HOME"] = folder
        return variables
    }

    /// Copies the event stream to `path`, after a run. Only a regular file counts: the tests
    /// could have left a link to another submission's results in its place.
    func collect(to path: String) {
        let manager = FileManager.default
        try? manager.removeItem(atPath: path)
        guard let type = (try? manager.attributesOfItem(atPath: events))?[.type] as? FileAttributeType,
            type == .typeRegular
        else { return }
        try? manager.copyItem(atPath: events, toPath: path)
    }
}
