/// One bounded walk of a project tree with lstat only: links are never
/// followed, special files never opened, and the directories that hold other
/// people's code or bulk data (VCS metadata, virtualenvs, node_modules,
/// caches, `data/`) are recorded but not entered. Nothing is read here; the
/// rules read the few small files they need through `ProjectAccess`.
public struct ProjectScanner: Sendable {
    public struct Limits: Sendable {
        /// Directory entries examined in all (beyond: a notice, and the walk stops).
        public var maxEntries = 60_000
        public var maxDepth = 24
        /// A directory with more entries than this is bulk data: not walked.
        public var maxDirectoryEntries = 5_000
        /// Files at least this large get a notice (they are never read anyway).
        public var largeFile: UInt64 = 256 << 20
        public var maxNotices = 40

        public init() {}
    }

    /// Directory names never entered, anywhere, with the reason shown.
    public static let prunedNames: [String: String] = [
        ".git": "git metadata", ".hg": "version control metadata", ".svn": "version control metadata",
        ".venv": "virtualenv", "venv": "virtualenv", "env": "virtualenv", ".env": "virtualenv",
        "virtualenv": "virtualenv", ".virtualenvs": "virtualenvs", ".conda": "conda environment",
        "site-packages": "installed packages", "node_modules": "installed packages",
        "__pycache__": "cache", ".mypy_cache": "cache", ".pytest_cache": "cache", ".ruff_cache": "cache",
        ".hypothesis": "cache", ".cache": "cache", ".ipynb_checkpoints": "cache", ".tox": "test environments",
        ".nox": "test environments", ".build": "build products", ".eggs": "build products",
        ".dvc": "DVC metadata and cache", ".idea": "editor settings", ".vscode": "editor settings",
        ".terraform": "tool state", ".gradle": "build products", ".swiftpm": "build products",
    ]

    /// Top-level directory names that hold data or run outputs, not code.
    public static let bulkNames: [String: String] = [
        "data": "bulk data", "datasets": "bulk data", "dataset": "bulk data", "mlruns": "MLflow runs",
        "wandb": "Weights & Biases runs", "lightning_logs": "training logs", "checkpoints": "model checkpoints",
        "outputs": "run outputs", "multirun": "run outputs",
    ]

    public let access: ProjectAccess
    public var limits: Limits

    public init(access: ProjectAccess, limits: Limits = Limits()) {
        self.access = access
        self.limits = limits
    }

    /// Walks the project; throws only when the root itself cannot be listed.
    public func scan() throws(FileSystemError) -> ProjectTree {
        let fileSystem = access.fileSystem
        var tree = ProjectTree()
        var pending: [(path: String, depth: Int)] = [("", 0)]
        var first = true
        while let (directory, depth) = pending.popLast() {
            let names: [String]
            do {
                names = try fileSystem.listDirectory(access.absolute(directory))
            } catch {
                if first { throw error }
                tree.notice(directory, "cannot be listed (\(error.reason))", cap: limits.maxNotices)
                continue
            }
            if !first {
                if names.contains("pyvenv.cfg") || names.contains("conda-meta") {
                    tree.directories.remove(directory)
                    tree.skipped[directory] = "virtualenv"
                    continue
                }
                if names.count > limits.maxDirectoryEntries {
                    tree.directories.remove(directory)
                    tree.skipped[directory] = "\(names.count) entries (bulk data?)"
                    tree.notice(directory, "holds \(names.count) entries: not walked, taken for bulk data", cap: limits.maxNotices)
                    continue
                }
            }
            first = false
            for name in names {
                if tree.entriesSeen >= limits.maxEntries {
                    tree.notice(directory, "stopped walking after \(limits.maxEntries) entries; the rest of the tree was not examined", cap: limits.maxNotices)
                    return tree
                }
                tree.entriesSeen += 1
                let relative = directory.isEmpty ? name : directory + "/" + name
                let path = access.absolute(relative)
                switch fileSystem.kind(of: path) {
                case .directory:
                    if let reason = Self.prunedNames[name] ?? (name.hasSuffix(".egg-info") ? "build products" : nil) {
                        tree.skipped[relative] = reason
                    } else if directory.isEmpty, let reason = Self.bulkNames[name] {
                        tree.skipped[relative] = reason
                    } else if depth + 1 > limits.maxDepth {
                        tree.skipped[relative] = "too deep"
                        tree.notice(relative, "deeper than \(limits.maxDepth) levels: not walked", cap: limits.maxNotices)
                    } else {
                        tree.directories.insert(relative)
                        pending.append((relative, depth + 1))
                    }
                case .file:
                    let size = fileSystem.size(of: path) ?? 0
                    tree.files[relative] = size
                    if size >= limits.largeFile {
                        tree.notice(relative, "large file (\(Self.describe(size))): not read", cap: limits.maxNotices)
                    }
                case .symlink:
                    let target = (try? fileSystem.linkDestination(path)).map { " to \($0)" } ?? ""
                    tree.notice(relative, "symbolic link\(target): not followed", cap: limits.maxNotices)
                case .other:
                    tree.notice(relative, "special file (FIFO, socket or device): not read", cap: limits.maxNotices)
                case .missing:
                    tree.notice(relative, "vanished or has an unreadable name: skipped", cap: limits.maxNotices)
                }
            }
        }
        return tree
    }

    /// "3.0 GB", "12 MB", "900 KB", "12 B".
    public static func describe(_ bytes: UInt64) -> String {
        let units: [(UInt64, String)] = [(1 << 30, "GB"), (1 << 20, "MB"), (1 << 10, "KB")]
        for (size, unit) in units where bytes >= size {
            let value = Double(bytes) / Double(size)
            return value >= 10 ? "\(Int(value.rounded())) \(unit)" : "\((value * 10).rounded() / 10) \(unit)"
        }
        return "\(bytes) B"
    }
}
