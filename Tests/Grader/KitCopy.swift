// A copy of the kit's sources in a folder of the build, for tools that must change files
// (`make mutants`, `make order`) without ever touching the real Labs/ or Solutions/.
import Foundation

struct KitCopy {
    /// Where the copy lives, such as `.build/mutants/tree`.
    let folder: String

    /// Makes the copy match the kit. Files whose bytes are unchanged are not rewritten, so a
    /// build inside the copy stays incremental.
    func refresh(items: [String] = ["Package.swift", "Labs", "Solutions", "Tests", "Handouts"]) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for item in items {
            try mirror(item, to: "\(folder)/\(item)")
        }
    }

    /// Puts `source` (a path in the kit) at `destination` (a path inside the copy).
    func place(_ source: String, at destination: String) throws {
        let target = "\(folder)/\(destination)"
        try? FileManager.default.removeItem(atPath: target)
        try FileManager.default.copyItem(atPath: source, toPath: target)
    }

    /// Makes `target` a copy of `source`: symbolic links stay links, extra files go.
    private func mirror(_ source: String, to target: String) throws {
        let manager = FileManager.default
        if let link = try? manager.destinationOfSymbolicLink(atPath: source) {
            if (try? manager.destinationOfSymbolicLink(atPath: target)) != link {
                try? manager.removeItem(atPath: target)
                try manager.createSymbolicLink(atPath: target, withDestinationPath: link)
            }
            return
        }
        var isFolder: ObjCBool = false
        guard manager.fileExists(atPath: source, isDirectory: &isFolder) else { return }
        if isFolder.boolValue {
            if (try? manager.destinationOfSymbolicLink(atPath: target)) != nil {
                try manager.removeItem(atPath: target)
            }
            try manager.createDirectory(atPath: target, withIntermediateDirectories: true)
            let names = try manager.contentsOfDirectory(atPath: source)
            for name in names { try mirror("\(source)/\(name)", to: "\(target)/\(name)") }
            for extra in try manager.contentsOfDirectory(atPath: target) where !names.contains(extra) {
                try manager.removeItem(atPath: "\(target)/\(extra)")
            }
        } else if manager.contents(atPath: source) != manager.contents(atPath: target) {
            try? manager.removeItem(atPath: target)
            try manager.copyItem(atPath: source, toPath: target)
        }
    }
}
