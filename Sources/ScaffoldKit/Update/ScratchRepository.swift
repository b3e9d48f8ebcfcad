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
    /// Every step runs as a critical section: an interruption's cleanup (which removes
    /// `root`) never races a git process writing into it, and no step starts after it.
    let interruption: InterruptionGuard
    var repository: String { root + "/repo.git" }

    /// Runs `body` with a scratch repository under `temporaryDirectory` borrowing
    /// `projectObjects`; the scratch is removed afterwards, or by an interruption.
    static func with<Result>(
        borrowing projectObjects: String, temporaryDirectory: String, git: Git, fileSystem: any FileSystem,
        interruption: InterruptionGuard, _ body: (ScratchRepository) throws(ScaffoldError) -> Result
    ) throws(ScaffoldError) -> Result {
        let root = Path.normalize(temporaryDirectory) + "/scaffold-update-\(getpid())-" + String(UInt32.random(in: 0...UInt32.max), radix: 36)
        let token = interruption.register { ProjectWriter.remove(root, fileSystem: fileSystem) }
        defer {
            interruption.remove(token)
            _ = interruption.critical { ProjectWriter.remove(root, fileSystem: fileSystem) }
        }
        let scratch = ScratchRepository(root: root, git: git, fileSystem: fileSystem, interruption: interruption)
        try scratch.step { () throws(FileSystemError) in try fileSystem.createDirectory(root) }
        try scratch.run(["init", "-q", "--bare", "--template=", scratch.repository], bare: false)
        try scratch.step { () throws(FileSystemError) in
            if fileSystem.kind(of: scratch.repository + "/objects/info") == .missing {
                try fileSystem.createDirectory(scratch.repository + "/objects/info")
            }
            try fileSystem.createFile(scratch.repository + "/objects/info/alternates", contents: Data((projectObjects + "\n").utf8), executable: false)
        }
        return try body(scratch)
    }

    /// Runs one file-system step unless an interruption has begun.
    func step(_ body: () throws(FileSystemError) -> Void) throws(ScaffoldError) {
        var failure: FileSystemError?
        let ran = interruption.critical {
            do throws(FileSystemError) { try body() } catch { failure = error }
        }
        if let failure {
            throw ScaffoldError(failure.description, fix: "nothing was changed; check free space in TMPDIR", exitCode: .failure)
        }
        if !ran { throw ScaffoldError("interrupted", fix: "nothing was changed", exitCode: .interrupted) }
    }

    @discardableResult
    func run(_ arguments: [String], input: Data? = nil, environment: [String: String] = [:], bare: Bool = true) throws(ScaffoldError) -> Git.Output {
        let result = try output(arguments, input: input, environment: environment, bare: bare)
        guard result.status == 0 else {
            let last = result.stderr.split(separator: "\n").last.map(String.init) ?? "exit status \(result.status)"
            throw ScaffoldError("git \(arguments.prefix(2).joined(separator: " ")) failed: \(last)", fix: "nothing was changed; check the project with 'git fsck'", exitCode: .failure)
        }
        return result
    }

    func output(_ arguments: [String], input: Data? = nil, environment: [String: String] = [:], bare: Bool = true) throws(ScaffoldError) -> Git.Output {
        var result: Git.Output?
        var failure: ScaffoldError?
        let ran = interruption.critical {
            do throws(ScaffoldError) {
                result = try git.output((bare ? ["--git-dir=" + repository] : []) + arguments, in: root, input: input, environment: environment)
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        guard ran, let result else { throw ScaffoldError("interrupted", fix: "nothing was changed", exitCode: .interrupted) }
        return result
    }

    /// The tree of a rendered plan, as `git add -A` of the rendered files records it (the
    /// render's own .gitignore applies, nothing else), exactly like `new`'s first commit.
    func tree(of plan: GenerationPlan, label: String) throws(ScaffoldError) -> String {
        let directory = root + "/render-" + label
        let fileSystem = self.fileSystem
        try step { () throws(FileSystemError) in try fileSystem.createDirectory(directory) }
        for sub in plan.directories {
            try step { () throws(FileSystemError) in try fileSystem.createDirectory(directory + "/" + sub) }
        }
        for file in plan.files {
            try step { () throws(FileSystemError) in
                try fileSystem.createFile(directory + "/" + file.path, contents: file.contents, executable: file.executable)
            }
        }
        defer { _ = interruption.critical { try? fileSystem.removeTree(directory) } }
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
