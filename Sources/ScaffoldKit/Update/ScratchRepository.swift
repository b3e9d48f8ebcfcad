import Foundation

/// A throw-away bare repository in a temporary directory whose object store borrows the
/// project's (git alternates). Renders are committed and merged here with git's own
/// machinery, so nothing of the project changes while an update is planned; applying
/// copies the few new objects into the project and then moves its HEAD.
struct ScratchRepository {
    /// How merge-tree left one path: its stages (1 base, 2 yours, 3 the blueprint's).
    struct ConflictEntry: Sendable, Equatable {
        var mode: String
        var object: String
        var stage: Int
        var path: String
    }

    let root: String
    let git: Git
    let fileSystem: any FileSystem
    var repository: String { root + "/repo.git" }

    /// Creates the scratch repository under `temporaryDirectory`, borrowing `projectObjects`.
    static func create(
        borrowing projectObjects: String, temporaryDirectory: String, git: Git, fileSystem: any FileSystem
    ) throws(ScaffoldError) -> ScratchRepository {
        let root = Path.normalize(temporaryDirectory) + "/scaffold-update-\(getpid())-" + String(UInt32.random(in: 0...UInt32.max), radix: 36)
        do { try fileSystem.createDirectory(root) } catch {
            throw ScaffoldError(error.description, fix: "set TMPDIR to a writable directory (nothing was changed)", exitCode: .failure)
        }
        let scratch = ScratchRepository(root: root, git: git, fileSystem: fileSystem)
        try git.run(["init", "-q", "--bare", "--template=", scratch.repository], in: root)
        do {
            try fileSystem.createDirectory(scratch.repository + "/objects/info")
        } catch {
            if fileSystem.kind(of: scratch.repository + "/objects/info") != .directory {
                throw ScaffoldError(error.description, fix: "set TMPDIR to a writable directory", exitCode: .failure)
            }
        }
        do {
            try fileSystem.createFile(scratch.repository + "/objects/info/alternates", contents: Data((projectObjects + "\n").utf8), executable: false)
        } catch {
            throw ScaffoldError(error.description, fix: "set TMPDIR to a writable directory", exitCode: .failure)
        }
        return scratch
    }

    func remove() { try? fileSystem.removeTree(root) }

    @discardableResult
    func run(_ arguments: [String], input: Data? = nil, environment: [String: String] = [:]) throws(ScaffoldError) -> Git.Output {
        try git.run(["--git-dir=" + repository] + arguments, in: root, input: input, environment: environment)
    }

    func output(_ arguments: [String], environment: [String: String] = [:]) throws(ScaffoldError) -> Git.Output {
        try git.output(["--git-dir=" + repository] + arguments, in: root, environment: environment)
    }

    /// The tree of a rendered plan, as `git add -A` of the rendered files records it (the
    /// render's own .gitignore applies, nothing else), exactly like `new`'s first commit.
    func tree(of plan: GenerationPlan, label: String) throws(ScaffoldError) -> String {
        let directory = root + "/render-" + label
        do {
            try fileSystem.createDirectory(directory)
            for sub in plan.directories { try fileSystem.createDirectory(directory + "/" + sub) }
            for file in plan.files {
                try fileSystem.createFile(directory + "/" + file.path, contents: file.contents, executable: file.executable)
            }
        } catch {
            throw ScaffoldError(error.description, fix: "check free space in TMPDIR (nothing was changed)", exitCode: .failure)
        }
        defer { try? fileSystem.removeTree(directory) }
        let index = ["GIT_INDEX_FILE": root + "/index-" + label]
        try run(["-c", "core.excludesFile=/dev/null", "--work-tree=" + directory, "add", "-A", "."], environment: index)
        return try run(["write-tree"], environment: index).line
    }

    func commit(tree: String, parents: [String], message: String, identity: [String: String]) throws(ScaffoldError) -> String {
        try run(["commit-tree", tree] + parents.flatMap { ["-p", $0] }, input: Data(message.utf8), environment: identity).line
    }

    func setBranch(_ name: String, to commit: String) throws(ScaffoldError) {
        try run(["update-ref", "refs/heads/" + name, commit])
    }

    /// `git merge-tree --write-tree` of two branches (merge base found by git), conflicts
    /// written diff3-style: the merged tree, and the stages of every conflicted path.
    func mergeTree(ours: String, theirs: String) throws(ScaffoldError) -> (tree: String, conflicts: [ConflictEntry]) {
        let result = try output(["-c", "merge.conflictStyle=diff3", "merge-tree", "--write-tree", "-z", ours, theirs])
        guard result.status == 0 || result.status == 1 else {
            let last = result.stderr.split(separator: "\n").last.map(String.init) ?? "status \(result.status)"
            throw ScaffoldError("git merge-tree failed: \(last)", fix: "check the repository with 'git fsck'", exitCode: .failure)
        }
        let fields = result.stdout.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        guard let tree = fields.first, !tree.isEmpty else {
            throw ScaffoldError("git merge-tree printed no tree", fix: "upgrade git to 2.38 or later", exitCode: .failure)
        }
        var conflicts: [ConflictEntry] = []
        if result.status == 1 {
            for field in fields.dropFirst() {
                if field.isEmpty { break }
                let parts = field.split(separator: "\t", maxSplits: 1)
                let head = parts.first?.split(separator: " ") ?? []
                guard parts.count == 2, head.count == 3, let stage = Int(head[2]) else { continue }
                conflicts.append(ConflictEntry(mode: String(head[0]), object: String(head[1]), stage: stage, path: String(parts[1])))
            }
        }
        return (tree, conflicts)
    }

    /// The bytes of `path` in a tree-ish, or nil when it has none.
    func blob(_ treeish: String, _ path: String) throws(ScaffoldError) -> Data? {
        let result = try output(["cat-file", "blob", "\(treeish):\(path)"])
        return result.status == 0 ? result.stdout : nil
    }

    func hashObject(_ data: Data) throws(ScaffoldError) -> String {
        try run(["hash-object", "-w", "--stdin"], input: data).line
    }

    /// `tree` with `removing` taken out and `setting` (path, mode, blob) put in.
    func edit(_ tree: String, removing: [String], setting: [(path: String, mode: String, object: String)]) throws(ScaffoldError) -> String {
        if removing.isEmpty && setting.isEmpty { return tree }
        let index = ["GIT_INDEX_FILE": root + "/index-edit"]
        try run(["read-tree", tree], environment: index)
        var lines = ""
        for path in removing { lines += "0 0000000000000000000000000000000000000000\t\(path)\n" }
        for entry in setting { lines += "\(entry.mode) \(entry.object) 0\t\(entry.path)\n" }
        try run(["update-index", "--index-info"], input: Data(lines.utf8), environment: index)
        return try run(["write-tree"], environment: index).line
    }

    /// What changes from `old` to `new` (tree-ishes), renames detected.
    func changes(from old: String, to new: String) throws(ScaffoldError) -> [FileChange] {
        let output = try run(["diff-tree", "-r", "-z", "-M", "--name-status", "--no-commit-id", old, new]).stdout
        let fields = output.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        var changes: [FileChange] = []
        var index = 0
        while index < fields.count {
            let status = fields[index]
            index += 1
            guard let letter = status.first else { continue }
            if letter == "R" || letter == "C", index + 1 < fields.count {
                changes.append(FileChange(kind: letter == "R" ? .renamed : .added, path: fields[index + 1], from: fields[index]))
                index += 2
            } else if index < fields.count {
                let kind: FileChange.Kind = letter == "A" ? .added : letter == "D" ? .removed : .updated
                changes.append(FileChange(kind: kind, path: fields[index], from: nil))
                index += 1
            }
        }
        return changes
    }

    /// The unified diff from `old` to `new`.
    func patch(from old: String, to new: String) throws(ScaffoldError) -> String {
        try run(["diff-tree", "-r", "-p", "-M", "--no-commit-id", "--no-color", old, new]).text
    }

    /// Copies every object this scratch repository wrote into `objects` (the project's
    /// object store). Objects are content-addressed: adding them changes nothing the
    /// project's history or working tree shows.
    func copyObjects(into objects: String) throws(FileSystemError) {
        let own = repository + "/objects"
        for directory in try fileSystem.listDirectory(own) where directory.count == 2 && directory.allSatisfy(\.isHexDigit) {
            let names = try fileSystem.listDirectory(own + "/" + directory)
            if names.isEmpty { continue }
            let destination = objects + "/" + directory
            if fileSystem.kind(of: destination) == .missing {
                do { try fileSystem.createDirectory(destination) } catch {
                    if fileSystem.kind(of: destination) != .directory { throw error }
                }
            }
            for name in names where fileSystem.kind(of: destination + "/" + name) == .missing {
                let data = try fileSystem.readFile(own + "/" + directory + "/" + name, limit: Int.max)
                let temporary = destination + "/tmp_scaffold_\(getpid())_" + name
                try fileSystem.createFile(temporary, contents: data, executable: false)
                try fileSystem.rename(temporary, to: destination + "/" + name)
            }
        }
    }
}
