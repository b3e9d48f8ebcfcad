/// What one bounded walk of a project saw: the regular files of the walked
/// directories (with their lstat sizes), the directories it skipped and why,
/// and notices about anything odd (links, special files, huge files, limits).
public struct ProjectTree: Sendable {
    /// Something in the tree that changed nothing but is worth saying.
    public struct Notice: Sendable, Equatable {
        public var path: String
        public var message: String

        public init(_ path: String, _ message: String) {
            self.path = path
            self.message = message
        }
    }

    /// Relative path → size in bytes, for every regular file seen.
    public var files: [String: UInt64] = [:]
    /// Every directory walked (relative; the root is "").
    public var directories: Set<String> = [""]
    /// Directories seen but not walked, with the reason (".venv" → "virtualenv").
    public var skipped: [String: String] = [:]
    public var notices: [Notice] = []
    /// Notices beyond the cap (counted, not kept).
    public var droppedNotices = 0
    public var entriesSeen = 0

    public init() {}

    /// Files sorted by path.
    public var sortedFiles: [String] { files.keys.sorted() }

    public func hasFile(_ path: String) -> Bool { files[path] != nil }

    /// Whether a directory exists (walked or skipped).
    public func hasDirectory(_ path: String) -> Bool { directories.contains(path) || skipped[path] != nil }

    mutating func notice(_ path: String, _ message: String, cap: Int) {
        if notices.count < cap { notices.append(Notice(path, message)) } else { droppedNotices += 1 }
    }
}
