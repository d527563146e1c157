// The kit's file calls, checked against Foundation (which builds its files its own way, so
// a bug in the kit cannot hide itself).
import Foundation
import NetLabKit
import Testing

/// A fresh folder under /tmp, deleted when the test ends.
private final class Folder {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.path + "/netlab-kit-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes a file with Foundation and returns its path.
    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let file = path + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        return file
    }
}

@Suite("Files (given code)")
struct FileSystemTests {
    let bytes = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) }

    @Test("stat gives a file's kind, size and modification time")
    func info() throws {
        let folder = try Folder()
        let path = try folder.write("data.bin", bytes)
        let stamp = Date(timeIntervalSince1970: 784_111_777)  // 06 Nov 1994 08:49:37 UTC
        try FileManager.default.setAttributes([.modificationDate: stamp], ofItemAtPath: path)
        let info = FileSystem.info(path)
        #expect(info == FileInfo(kind: .regular, size: bytes.count, modified: 784_111_777))
        #expect(FileSystem.info(folder.path)?.kind == .directory)
        #expect(FileSystem.isRegularFile(path) && !FileSystem.isDirectory(path))
        #expect(FileSystem.isDirectory(folder.path) && !FileSystem.isRegularFile(folder.path))
        #expect(FileSystem.info(folder.path + "/missing") == nil)
    }

    @Test("realpath resolves '.', '..' and symlinks, and is nil for a missing path")
    func realPath() throws {
        let folder = try Folder()
        let path = try folder.write("data.bin", bytes)
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/link", withDestinationPath: "data.bin")
        let real = FileSystem.realPath(path)
        #expect(real != nil && real?.hasPrefix("/") == true)
        let viaDots = FileSystem.realPath(folder.path + "/./sub/../data.bin")
        #expect(viaDots == nil, "a missing folder on the way makes the path missing")
        let viaDot = FileSystem.realPath(folder.path + "/./data.bin")
        let viaLink = FileSystem.realPath(folder.path + "/link")
        #expect(viaDot == real)
        #expect(viaLink == real)
        #expect(FileSystem.realPath(folder.path + "/missing") == nil)
    }

    @Test("a folder lists its names without . and ..")
    func names() throws {
        let folder = try Folder()
        try folder.write("a.txt", [1])
        try folder.write("b.txt", [2])
        try FileManager.default.createDirectory(atPath: folder.path + "/sub", withIntermediateDirectories: false)
        let names = FileSystem.names(inDirectory: folder.path)?.sorted()
        #expect(names == ["a.txt", "b.txt", "sub"])
        #expect(FileSystem.names(inDirectory: folder.path + "/missing") == nil)
    }

    @Test("a whole file reads back byte for byte, and an empty file as no bytes")
    func readAll() throws {
        let folder = try Folder()
        let path = try folder.write("data.bin", bytes)
        let read = try FileSystem.readAll(path)
        #expect(read == bytes)
        let empty = try FileSystem.readAll(try folder.write("empty", []))
        #expect(empty == [])
    }

    @Test("a range reads exactly those bytes; past the end it is shorter (or nil when asked for exactly)")
    func ranges() throws {
        let folder = try Folder()
        let path = try folder.write("data.bin", bytes)
        let file = try OpenFile(path)
        let middle = try file.read(at: 70_000, length: 20_000)
        #expect(middle == Array(bytes[70_000..<90_000]))
        let tail = try file.read(at: 90_000, length: 20_000)
        #expect(tail == Array(bytes[90_000...]))
        let beyond = try file.read(at: 200_000, length: 10)
        #expect(beyond == [])
        #expect(FileSystem.read(path, offset: 10, length: 5) == Array(bytes[10..<15]))
        #expect(FileSystem.read(path, offset: 99_990, length: 20) == nil, "the file is shorter than asked")
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = file.read(into: &buffer, at: 99_980, maximum: 1_000)
        #expect(count == 20)
        #expect(Array(buffer[0..<20]) == Array(bytes[99_980...]))
        let size = try file.info().size
        #expect(size == bytes.count)
    }

    @Test("an atomic write replaces the old file whole and leaves no temporary file behind")
    func writeAtomically() throws {
        let folder = try Folder()
        let path = folder.path + "/out.bin"
        try FileSystem.writeAtomically(Array(repeating: 9, count: 5_000), to: path)
        try FileSystem.writeAtomically(bytes, to: path)
        let written = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(Array(written) == bytes)
        let names = FileSystem.names(inDirectory: folder.path)
        #expect(names == ["out.bin"])
    }

    @Test("writing and appending through an open file")
    func openFileWrites() throws {
        let folder = try Folder()
        let path = folder.path + "/log.txt"
        try OpenFile(path, for: .writing).write(Array("first\n".utf8))
        try OpenFile(path, for: .appending).write(Array("second\n".utf8))
        try OpenFile(path, for: .appending).write(Array("third\n".utf8)[...])
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text == "first\nsecond\nthird\n")
        try OpenFile(path, for: .writing).write(Array("new\n".utf8))
        let replaced = try String(contentsOfFile: path, encoding: .utf8)
        #expect(replaced == "new\n", "writing starts the file afresh")
    }

    @Test("a missing file is an error that names the path and says why")
    func missingFile() throws {
        let folder = try Folder()
        let missing = folder.path + "/nothing-here.txt"
        let error = #expect(throws: FileError.self) { try FileSystem.readAll(missing) }
        #expect(error?.path == missing)
        #expect(error?.call == "open")
        #expect(error?.isNotFound == true)
        #expect(error?.description == "\(missing): No such file or directory (open(2) failed, errno 2)")
        #expect(OpenFile(path: missing) == nil)

        let nowhere = folder.path + "/no-such-folder/out.bin"
        let writeError = #expect(throws: FileError.self) { try FileSystem.writeAtomically([1, 2, 3], to: nowhere) }
        #expect(writeError?.path == nowhere)
        #expect(writeError?.isNotFound == true)
    }
}
