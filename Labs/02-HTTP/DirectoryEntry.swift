import NetLabKit

/// One entry of a directory listing.
public struct DirectoryEntry: Sendable, Equatable {
    public var name: String
    public var isDirectory: Bool
    public var size: Int
    /// Last modification, seconds since 1970.
    public var modified: Int

    public init(name: String, isDirectory: Bool, size: Int, modified: Int) {
        self.name = name
        self.isDirectory = isDirectory
        self.size = size
        self.modified = modified
    }
}
