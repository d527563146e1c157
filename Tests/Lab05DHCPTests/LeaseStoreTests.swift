import Foundation
import Lab05DHCP
import NetLabKit
import NetLabTesting
import Synchronization
import Testing

/// A fresh folder for one test's lease file.
func temporaryFolder() throws -> String {
    let path = NSTemporaryDirectory() + "lab05-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

func lease(_ address: String, _ client: String, _ state: Lease.State, _ expires: Double) -> Lease {
    Lease(address: ip(address), client: ClientKey(client), state: state, expires: expires)
}

func fileText(_ path: String) -> String {
    (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
}

@Suite("The lease store: a journal on disk that survives a crash")
struct LeaseStoreTests {
    @Test("every state round-trips through one journal line")
    func linesRoundTrip() throws {
        let leases = [
            lease("10.0.0.10", "hw:020000000001", .bound, 1_764_681_600.5),
            lease("10.0.0.11", "id:00616c696365", .released, 1_764_681_000),
            lease("10.0.0.12", "declined", .declined, 1_764_690_000.25),
        ]
        let text = try leases.map { try LeaseJournal.line($0) }.joined()
        #expect(text.hasSuffix("\n"))
        #expect(text.split(separator: "\n").count == 3)
        let parsed = try LeaseJournal.parse(text)
        #expect(parsed == leases)
    }

    @Test("the last line about an address wins; a torn last line and garbage are skipped")
    func parseIsForgiving() throws {
        let first = try LeaseJournal.line(lease("10.0.0.10", "hw:01", .bound, 100))
        let second = try LeaseJournal.line(lease("10.0.0.10", "hw:01", .released, 150))
        let other = try LeaseJournal.line(lease("10.0.0.11", "hw:02", .bound, 200))
        let torn = String(try LeaseJournal.line(lease("10.0.0.11", "hw:03", .bound, 999)).dropLast(4))
        let text = first + "not a lease line\n" + second + other + torn
        let parsed = try LeaseJournal.parse(text)
        #expect(parsed == [lease("10.0.0.10", "hw:01", .released, 150), lease("10.0.0.11", "hw:02", .bound, 200)])
    }

    @Test("opening compacts the journal to one line per address, and new records are appended")
    func openCompacts() throws {
        let path = try temporaryFolder() + "/leases"
        let lines = try [
            lease("10.0.0.10", "hw:01", .bound, 100), lease("10.0.0.10", "hw:01", .bound, 200),
            lease("10.0.0.11", "hw:02", .bound, 300), lease("10.0.0.10", "hw:01", .bound, 400),
        ].map { try LeaseJournal.line($0) }
        try lines.joined().write(toFile: path, atomically: true, encoding: .utf8)
        let (journal, leases) = try LeaseJournal.open(path)
        #expect(leases == [lease("10.0.0.10", "hw:01", .bound, 400), lease("10.0.0.11", "hw:02", .bound, 300)])
        #expect(fileText(path).split(separator: "\n").count == 2)
        try journal.record(lease("10.0.0.12", "hw:03", .bound, 500))
        #expect(fileText(path).split(separator: "\n").count == 3)
        #expect(fileText(path).hasSuffix(try LeaseJournal.line(lease("10.0.0.12", "hw:03", .bound, 500))))
    }

    @Test("a missing lease file is created empty")
    func missingFile() throws {
        let path = try temporaryFolder() + "/new.leases"
        let (_, leases) = try LeaseJournal.open(path)
        #expect(leases.isEmpty)
        #expect(FileManager.default.fileExists(atPath: path))
    }

    @Test("an ACK is in the file by the time the client has it")
    func ackIsOnDiskFirst() throws {
        let path = try temporaryFolder() + "/leases"
        try withDHCPServer(configure: { $0.leasesFile = path }) { server in
            let peer = try Peer(server.address, number: 1)
            let got1 = try peer.lease()
            #expect(got1 == ip("10.0.0.10"))
            let onDisk = try LeaseJournal.parse(fileText(path))
            #expect(onDisk.map(\.address) == [ip("10.0.0.10")])
            #expect(onDisk.first?.state == .bound)
            #expect(onDisk.first?.expires == server.time.now() + 1000)
        }
    }

    @Test("a restarted server gives each client its own address back and never leases one twice")
    func restartKeepsLeases() throws {
        let path = try temporaryFolder() + "/leases"
        let configure: (inout DHCPServerConfiguration) -> Void = { $0.leasesFile = path }
        try withDHCPServer(pool: "10.0.0.10-10.0.0.13", configure: configure) { server in
            for number in UInt8(1)...3 { _ = try Peer(server.address, number: number).lease() }
            var release = try Peer(server.address, number: 3).message(.release)
            release.ciaddr = ip("10.0.0.12")
            _ = try server.answer(release)
        }
        try withDHCPServer(pool: "10.0.0.10-10.0.0.13", configure: configure) { server in
            let got2 = try Peer(server.address, number: 2).lease()
            #expect(got2 == ip("10.0.0.11"))
            let got3 = try Peer(server.address, number: 9).lease()
            #expect(got3 == ip("10.0.0.13"))
            let eight = try Peer(server.address, number: 8).lease()  // released: free again
            #expect(eight == ip("10.0.0.12"))
            let got4 = try Peer(server.address, number: 1).lease()
            #expect(got4 == ip("10.0.0.10"))
        }
    }

    @Test("a server killed with SIGKILL mid-storm and restarted never gives a leased address to another client")
    func survivesSIGKILL() throws {
        let path = try temporaryFolder() + "/leases"
        let arguments = ["server", "--port", "0", "--pool", "10.0.1.1-10.0.1.250", "--leases", path, "--lease", "3600"]
        let first = try LabProcess.launch("lab05-dhcp", arguments)
        let address = try first.waitForListening()
        let granted = Mutex<[UInt8: IPv4Address]>([:])
        let stopped = Atomic<Bool>(false)
        let finished = Atomic<Bool>(false)
        startThread {
            var number: UInt8 = 1
            while !stopped.load(ordering: .relaxed), number < 200 {
                if let peer = try? Peer(address, number: number), let ack = try? peer.dora(), ack.messageType == .ack {
                    granted.withLock { $0[number] = ack.yiaddr }
                }
                number += 1
            }
            finished.store(true, ordering: .releasing)
        }
        let deadline = SystemTime().now() + 30
        while granted.withLock({ $0.count }) < 25, SystemTime().now() < deadline, !finished.load(ordering: .acquiring) {
            sleep(seconds: 0.002)
        }
        first.stop()  // SIGKILL, in the middle of the storm
        stopped.store(true, ordering: .relaxed)
        while !finished.load(ordering: .acquiring) { sleep(seconds: 0.01) }
        let before = granted.withLock { $0 }
        try #require(before.count >= 25, "the server granted only \(before.count) leases: \(first.stderr)")

        let second = try LabProcess.launch("lab05-dhcp", arguments)
        defer { second.stop() }
        let again = try second.waitForListening()
        for (number, address) in before.sorted(by: { $0.key < $1.key }) {
            let peer = try Peer(again, number: number)
            let got5 = try peer.lease()
            #expect(got5 == address, "client \(number) had \(address) before the crash")
        }
        let taken = Set(before.values)
        for number in UInt8(201)...230 {
            let got = try Peer(again, number: number).lease()
            let fresh = try #require(got)
            #expect(!taken.contains(fresh), "\(fresh) was leased before the crash, and again to client \(number)")
        }
    }
}
