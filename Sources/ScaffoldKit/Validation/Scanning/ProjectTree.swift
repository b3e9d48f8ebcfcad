/// What one bounded walk of a project saw: the regular files of the walked
/// directories, the directories it skipped and why, notices about anything
/// odd (links, special files, limits), and whether the walk stopped early.
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

    /// Relative path of every regular file seen, sorted.
    public var sortedFiles: [String] = []
    /// Test modules (see `isTestFile`), sorted.
    public private(set) var testFiles: [String] = []
    /// Code and configuration files that are not tests, sorted.
    public private(set) var sourceFiles: [String] = []
    public private(set) var notebooks: [String] = []
    /// Every directory walked (relative; the root is "").
    public var directories: Set<String> = [""]
    /// Directories seen but not walked, with the reason (".venv" → "virtualenv").
    public var skipped: [String: String] = [:]
    public var notices: [Notice] = []
    /// Notices beyond the cap (counted, not kept).
    public var droppedNotices = 0
    public var entriesSeen = 0
    /// Set when the walk stopped at its entry limit: rules that would judge the
    /// unwalked part skip instead of failing.
    public var truncated: String?

    public init() {}

    /// Whether the walk saw this regular file (a binary search of the sorted list).
    public func hasFile(_ path: String) -> Bool {
        var low = 0, high = sortedFiles.count
        while low < high {
            let middle = (low + high) / 2
            if sortedFiles[middle] < path { low = middle + 1 } else { high = middle }
        }
        return low < sortedFiles.count && sortedFiles[low] == path
    }

    /// What a file of the walk is.
    enum FileClass: UInt8 {
        case test, source, other
    }

    /// Records the files of a walk (any order) with their classes, sorted once.
    mutating func setFiles(_ files: [(path: String, kind: FileClass)]) {
        var files = files
        files.sort { $0.path < $1.path }
        sortedFiles = []
        sortedFiles.reserveCapacity(files.count)
        testFiles = []
        sourceFiles = []
        sourceFiles.reserveCapacity(files.count)
        notebooks = []
        for (path, kind) in files {
            sortedFiles.append(path)
            switch kind {
            case .test: testFiles.append(path)
            case .source:
                sourceFiles.append(path)
                if path.hasSuffix(".ipynb") { notebooks.append(path) }
            case .other: break
            }
        }
    }

    /// Records files classified by path alone (tests and tools).
    mutating func setFiles(_ files: [String]) {
        setFiles(files.map { path in
            (path, Self.isTestFile(path) ? .test : Self.isSource(path) ? .source : .other)
        })
    }

    /// Whether a directory exists (walked or skipped).
    public func hasDirectory(_ path: String) -> Bool { directories.contains(path) || skipped[path] != nil }

    mutating func notice(_ path: String, _ message: String, cap: Int) {
        if notices.count < cap { notices.append(Notice(path, message)) } else { droppedNotices += 1 }
    }
}
