import Foundation
import Lab08RUDP
import NetLabChannel
import NetLabKit
import NetLabTesting
import Testing

@Suite struct FileTransferTests {
    /// A server on a fresh folder holding the given files.
    final class Server {
        let folder: URL
        let process: LabProcess
        let address: String

        init(files: [String: [UInt8]], flags: [String] = []) throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("lab08-\(UUID().uuidString)")
            try FileManager.default.createDirectory(
                at: folder.appendingPathComponent("root"), withIntermediateDirectories: true)
            for (name, bytes) in files {
                try Data(bytes).write(to: folder.appendingPathComponent("root/\(name)"))
            }
            try Data("secret".utf8).write(to: folder.appendingPathComponent("secret.txt"))
            process = try LabProcess.launch(
                "lab08-rudp", ["server", "--port", "0", "--root", folder.appendingPathComponent("root").path] + flags)
            let bound = try process.waitForListening(scheme: "udp")
            address = "127.0.0.1:\(bound.port)"
        }

        func output(_ name: String) -> String { folder.appendingPathComponent(name).path }

        deinit {
            process.stop()
            try? FileManager.default.removeItem(at: folder)
        }
    }

    private func contents(_ path: String) -> [UInt8]? {
        FileManager.default.contents(atPath: path).map { [UInt8]($0) }
    }

    @Test("get saves the file byte for byte and reports the transfer")
    func getFile() throws {
        let file = Fixture.payload(seed: 1, count: 300_000)
        let server = try Server(files: ["data.bin": file])
        let run = try LabProcess.run(
            "lab08-rudp", ["get", "data.bin", "--server", server.address, "-o", server.output("copy.bin")])
        #expect(run.exitCode == 0, "\(run)")
        #expect(contents(server.output("copy.bin")) == file)
        #expect(run.stdout.contains("300000 bytes"), "the summary gives the size: \(run.stdout)")
        #expect(run.stdout.contains("retransmissions") && run.stdout.contains("cwnd"), "\(run.stdout)")
    }

    @Test("get survives loss, duplication and reordering on both ends", arguments: [3, 4] as [UInt64])
    func getUnderFaults(seed: UInt64) throws {
        let file = Fixture.payload(seed: seed, count: 60_000)
        let flags = [
            "--loss", "0.15", "--duplicate", "0.05", "--jitter-ms", "2", "--corrupt", "0.01", "--seed", "\(seed)",
        ]
        let server = try Server(files: ["f.bin": file], flags: flags)
        let run = try LabProcess.run(
            "lab08-rudp", ["get", "f.bin", "--server", server.address, "-o", server.output("f.out")] + flags,
            timeout: 60)
        #expect(run.exitCode == 0, "\(run)")
        let copy = contents(server.output("f.out"))
        #expect(copy == file, "seed \(seed): lab08-rudp get … \(flags.joined(separator: " "))")
    }

    @Test(
        "every transfer completes through a relay that drops 30% each way and reorders",
        arguments: Array(1...16) as [UInt64])
    func getThroughLossyRelay(seed: UInt64) throws {
        let file = Fixture.payload(seed: 700 + seed, count: 100_000)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lab08-relay-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("root"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(file).write(to: folder.appendingPathComponent("root/f.bin"))
        // What `lab08-rudp` uses (the path picks the segment size, the default retry budget),
        // with loopback-scale timers so that a lost segment costs milliseconds, not seconds.
        var options = TransportOptions()
        options.initialRTO = 0.02
        options.minimumRTO = 0.003
        options.maximumRTO = 0.08
        let listener = try RUDPListener(bindingTo: Fixture.loopback, options: options)
        defer { listener.close() }
        let server = try FileServer(listener: listener, root: folder.appendingPathComponent("root").path)
        startThread { try? server.run() }
        var faults = Faults(seed: seed)
        faults.loss = 0.3
        faults.jitter = 0.002
        let relay = try Relay(to: listener.localAddress, faults: faults)
        defer { relay.stop() }
        let replay = "seed \(seed): a relay with \(faults) (lab08-rudp get … --loss 0.3 --jitter-ms 2 --seed \(seed))"
        let copy = folder.appendingPathComponent("copy.bin").path
        let fetched: [UInt8]
        do {
            fetched = try FileClient.fetch(
                "f.bin", from: relay.address, options: options,
                whenComplete: {
                    try LocalFile.write($0, to: copy)
                }
            ).bytes
        } catch {
            Issue.record("\(replay): \(error)")
            return
        }
        let returned = difference(fetched, file)
        #expect(returned == nil, "\(replay): what fetch returned")
        let saved = difference(contents(copy), file)
        #expect(saved == nil, "\(replay): what was saved")
    }

    /// `nil` when `bytes` is exactly `expected`; otherwise how it differs (not 100 kB of numbers).
    private func difference(_ bytes: [UInt8]?, _ expected: [UInt8]) -> String? {
        guard let bytes else { return "no file" }
        if bytes == expected { return nil }
        let common = min(bytes.count, expected.count)
        let first = (0..<common).first { bytes[$0] != expected[$0] } ?? common
        return "\(bytes.count) bytes instead of \(expected.count), the first difference at offset \(first)"
    }

    @Test("a missing file is an error, exit 1, and no file is written")
    func missingFile() throws {
        let server = try Server(files: ["here.txt": Array("here".utf8)])
        let run = try LabProcess.run(
            "lab08-rudp", ["get", "nothere.txt", "--server", server.address, "-o", server.output("out.txt")])
        #expect(run.exitCode == 1, "\(run)")
        #expect(run.stderr.contains("error:") && run.stderr.contains("nothere.txt"), "say which file: \(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: server.output("out.txt")), "no empty file left behind")
        // The server still serves files that exist.
        let good = try LabProcess.run(
            "lab08-rudp", ["get", "here.txt", "--server", server.address, "-o", server.output("here.out")])
        #expect(good.exitCode == 0 && contents(server.output("here.out")) == Array("here".utf8), "\(good)")
    }

    @Test("a request that is not GET NAME or TRACE NAME is refused with ERR, and the server goes on")
    func badRequests() throws {
        let server = try Server(files: ["f.txt": Array("file".utf8)])
        let port = try #require(server.address.split(separator: ":").last.flatMap { UInt16($0) })
        for request in ["PUT f.txt", "f.txt", "DELETE f.txt", "GET"] {
            let connection = try RUDPConnection.connect(
                to: SocketAddress(ip: "127.0.0.1", port: port), options: Fixture.options())
            defer { try? connection.close() }
            try connection.send(Array("\(request)\n".utf8))
            let answer = String(decoding: try Fixture.readToEnd(connection), as: UTF8.self)
            #expect(answer.hasPrefix("ERR "), "the answer to '\(request)': \(answer)")
        }
        let good = try LabProcess.run(
            "lab08-rudp", ["get", "f.txt", "--server", server.address, "-o", server.output("f.out")])
        #expect(good.exitCode == 0 && contents(server.output("f.out")) == Array("file".utf8), "\(good)")
    }

    @Test("names that climb out of the root are refused")
    func pathTraversal() throws {
        let server = try Server(files: ["ok.txt": Array("ok".utf8)])
        let run = try LabProcess.run(
            "lab08-rudp", ["get", "../secret.txt", "--server", server.address, "-o", server.output("stolen.txt")])
        #expect(run.exitCode == 1, "\(run)")
        #expect(!FileManager.default.fileExists(atPath: server.output("stolen.txt")))
        let good = try LabProcess.run(
            "lab08-rudp", ["get", "ok.txt", "--server", server.address, "-o", server.output("ok.out")])
        #expect(good.exitCode == 0, "\(good)")
    }

    @Test("the server serves several clients at once")
    func concurrentClients() throws {
        let files = (0..<3).map { Fixture.payload(seed: UInt64(50 + $0), count: 150_000) }
        let server = try Server(files: ["a": files[0], "b": files[1], "c": files[2]])
        let running = try ["a", "b", "c"].map { name in
            try LabProcess.launch(
                "lab08-rudp",
                [
                    "get", name, "--server", server.address, "-o", server.output("\(name).out"), "--loss", "0.05",
                    "--seed", "9",
                ])
        }
        for (index, process) in running.enumerated() {
            #expect(process.waitForExit(timeout: 60) == 0, "client \(index): \(process.stderr)")
        }
        for (index, name) in ["a", "b", "c"].enumerated() {
            #expect(contents(server.output("\(name).out")) == files[index], "file \(name)")
        }
    }

    @Test("--trace writes a CSV of cwnd over time and --plot an SVG of it")
    func traceAndPlot() throws {
        let server = try Server(
            files: ["t.bin": Fixture.payload(seed: 5, count: 400_000)], flags: ["--loss", "0.02", "--seed", "5"])
        let run = try LabProcess.run(
            "lab08-rudp",
            [
                "get", "t.bin", "--server", server.address, "-o", server.output("t.out"),
                "--trace", server.output("trace.csv"), "--plot", server.output("plot.svg"),
            ])
        #expect(run.exitCode == 0, "\(run)")
        let csv = String(decoding: contents(server.output("trace.csv")) ?? [], as: UTF8.self)
        let lines = csv.split(separator: "\n")
        #expect(lines.first == "time,cwnd,ssthresh,rto,event", "the CSV header")
        #expect(lines.count > 5, "cwnd changes are traced: \(lines.count) lines")
        let svg = String(decoding: contents(server.output("plot.svg")) ?? [], as: UTF8.self)
        #expect(svg.hasPrefix("<svg") && svg.contains("<polyline") && svg.hasSuffix("</svg>\n"), "an SVG with lines")
    }

    @Test("bad arguments are a usage error (exit 2); good ones work")
    func usage() throws {
        let run = try LabProcess.run(
            "lab08-rudp", ["get", "x", "--server", "127.0.0.1:1", "-o", "/tmp/x", "--loss", "2"])
        #expect(run.exitCode == 2, "--loss 2 is out of range: \(run)")
        let missing = try LabProcess.run("lab08-rudp", ["get", "x", "-o", "/tmp/x"])
        #expect(missing.exitCode == 2, "--server is required: \(missing)")
        let server = try Server(files: ["x": [1, 2, 3]])
        let good = try LabProcess.run(
            "lab08-rudp", ["get", "x", "--server", server.address, "-o", server.output("x"), "--loss=0.1", "--seed=1"])
        #expect(good.exitCode == 0 && contents(server.output("x")) == [1, 2, 3], "\(good)")
    }
}
