/// One bounded walk of a project tree: links are never followed, special
/// files never opened, entry types come from the directory read itself (no
/// lstat per entry where the kernel said), and the directories that hold other
/// people's code (VCS metadata, virtualenvs, node_modules, caches) or run
/// outputs are recorded but not entered. Top-level `data/`, `datasets/`,
/// `outputs/` and `checkpoints/` are entered for their code only (a pipeline
/// in `data/<name>/prepare.py`), their bulk files left out. Nothing is read
/// here; discovery and the rules read the few files they need through
/// `ProjectAccess`, within a byte budget.
public struct ProjectScanner: Sendable {
    public struct Limits: Sendable {
        /// Directory entries examined in all (beyond: the walk stops, and rules
        /// that depend on the rest skip with the reason). The walk costs one
        /// readdir per directory and no stat per entry, so this is generous.
        public var maxEntries = 200_000
        public var maxDepth = 24
        /// A directory with more entries than this is bulk data: not walked.
        public var maxDirectoryEntries = 5_000
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

    /// Top-level directory names that hold run outputs, not code: not entered.
    public static let runOutputNames: [String: String] = [
        "mlruns": "MLflow runs", "mlartifacts": "MLflow artifacts", "wandb": "Weights & Biases runs",
        "lightning_logs": "training logs", "multirun": "run outputs", "dvclive": "dvclive logs",
    ]

    /// Top-level directory names that hold data as well as code: entered for code only.
    public static let bulkNames: Set<String> = ["data", "datasets", "dataset", "outputs", "checkpoints"]

    public let access: ProjectAccess
    public var limits: Limits

    public init(access: ProjectAccess, limits: Limits = Limits()) {
        self.access = access
        self.limits = limits
    }

    /// Walks the project; throws only when the root itself cannot be listed.
    public func scan() throws(FileSystemError) -> ProjectTree {
        let reader = DirectoryReader(fileSystem: access.fileSystem)
        var tree = ProjectTree()
        var files: [(path: String, kind: ProjectTree.FileClass)] = []
        // (relative path, depth, inside a bulk folder, inside a tests folder)
        var pending: [(path: String, depth: Int, bulk: Bool, tests: Bool)] = [("", 0, false, false)]
        var first = true
        walk: while let (directory, depth, bulk, inTests) = pending.popLast() {
            let entries: [DirectoryReader.Entry]
            do {
                entries = try reader.entries(directory.isEmpty ? access.root : access.root + "/" + directory)
            } catch {
                if first { throw error }
                tree.notice(directory, "cannot be listed (\(error.reason))", cap: limits.maxNotices)
                continue
            }
            if !first {
                if entries.contains(where: { $0.name == "pyvenv.cfg" || $0.name == "conda-meta" }) {
                    tree.directories.remove(directory)
                    tree.skipped[directory] = "virtualenv"
                    continue
                }
                if entries.count > limits.maxDirectoryEntries {
                    tree.directories.remove(directory)
                    tree.skipped[directory] = "\(entries.count) entries (bulk data?)"
                    tree.notice(directory, "holds \(entries.count) entries: not walked, taken for bulk data", cap: limits.maxNotices)
                    continue
                }
            }
            first = false
            let prefix = directory.isEmpty ? "" : directory + "/"
            for entry in entries {
                if tree.entriesSeen >= limits.maxEntries {
                    let message = "stopped walking after \(limits.maxEntries) entries; the rest of the tree was not examined"
                    tree.notice(directory, message, cap: limits.maxNotices)
                    tree.truncated = "the walk stopped at its limit of \(limits.maxEntries) entries (in \(directory.isEmpty ? "." : directory))"
                    break walk
                }
                tree.entriesSeen += 1
                let name = entry.name
                let relative = prefix + name
                switch entry.kind {
                case .directory:
                    if let reason = Self.prunedNames[name] ?? (name.hasSuffix(".egg-info") ? "build products" : nil) {
                        tree.skipped[relative] = reason
                    } else if directory.isEmpty, let reason = Self.runOutputNames[name] {
                        tree.skipped[relative] = reason
                    } else if depth + 1 > limits.maxDepth {
                        tree.skipped[relative] = "too deep"
                        tree.notice(relative, "deeper than \(limits.maxDepth) levels: not walked", cap: limits.maxNotices)
                    } else {
                        tree.directories.insert(relative)
                        pending.append((relative, depth + 1, bulk || (directory.isEmpty && Self.bulkNames.contains(name)),
                                        inTests || ProjectTree.isTestDirectoryName(name)))
                    }
                case .file:
                    if bulk && !ProjectTree.isCodeInBulkFolder(name) { continue }
                    files.append((relative, ProjectTree.classify(name: name, inTests: inTests)))
                case .symlink:
                    let target = (try? access.fileSystem.linkDestination(access.root + "/" + relative)).map { " to \($0)" } ?? ""
                    tree.notice(relative, "symbolic link\(target): not followed", cap: limits.maxNotices)
                case .other:
                    tree.notice(relative, "special file (FIFO, socket or device): not read", cap: limits.maxNotices)
                case .missing:
                    tree.notice(relative, "vanished or has an unreadable name: skipped", cap: limits.maxNotices)
                }
            }
        }
        tree.setFiles(files)
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
