import Foundation

/// Brings a project to a new render of its blueprint with a real 3-way merge:
/// base = the newest pristine render in the project's history, theirs = the new
/// render (committed as the next pristine, child of the base), ours = HEAD.
///
/// `plan` works in a scratch repository and changes nothing of the project; `apply`
/// then, in one critical section (SIGINT/SIGTERM wait for it), copies the new objects
/// in and moves the working tree, index and HEAD; a failure on the way puts all three
/// back as they were.
public struct Updater: Sendable {
    /// The project's repository, as checked before planning.
    public struct Repository: Sendable {
        public var root: String
        public var head: String
        public var objects: String
        public var mergeMessage: String
        /// Whether a MERGE_MSG file was there before (a rollback then leaves it).
        public var hadMergeMessage: Bool
        /// `git status --porcelain` lines (uncommitted changes, untracked files).
        public var dirty: [String]
        /// Author and committer for the commits scaffold makes (see `Git.identity`).
        public var identity: [String: String]
    }

    public var git: Git
    public var fileSystem: any FileSystem
    public var interruption: InterruptionGuard
    public var temporaryDirectory: String

    public init(context: ScaffoldContext) {
        git = Git(environment: context.environment)
        fileSystem = context.fileSystem
        interruption = context.interruption
        let tmp = context.environment["TMPDIR"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? "/tmp"
        temporaryDirectory = Path.normalize(tmp)
    }

    /// Checks that `root` is the top of its own git repository with a commit, and reads its state.
    public func repository(at root: String) throws(ScaffoldError) -> Repository {
        let initFix = "make it one: cd \(root) && git init && git add -A && git commit -m 'Project as generated' (scaffold then re-renders the recorded version as the base)"
        guard Git.available(environment: git.environment) else {
            throw ScaffoldError("scaffold update needs git, and git is not on PATH", fix: "install git; the update is a git merge (see README \"scaffold update\")", exitCode: .usage)
        }
        let top = try git.output(["rev-parse", "--show-toplevel"], in: root)
        guard top.status == 0 else {
            throw ScaffoldError("\(root) is not a git repository, and scaffold update merges with git", fix: initFix)
        }
        let resolvedRoot = URL(fileURLWithPath: root).resolvingSymlinksInPath().path
        let resolvedTop = URL(fileURLWithPath: top.line).resolvingSymlinksInPath().path
        guard resolvedTop == resolvedRoot else {
            throw ScaffoldError(
                "\(root) is inside the git repository \(top.line), not the root of its own",
                fix: "scaffold update works on a project that is its own repository: \(initFix)")
        }
        let head = try git.output(["rev-parse", "--verify", "-q", "HEAD^{commit}"], in: root)
        guard head.status == 0 else {
            throw ScaffoldError("\(root) has no commit yet", fix: "commit the project first: git add -A && git commit -m 'Project as generated'")
        }
        let paths = try git.run(["rev-parse", "--path-format=absolute", "--git-path", "objects", "--git-path", "MERGE_MSG"], in: root).text
            .split(separator: "\n").map(String.init)
        guard paths.count == 2 else {
            throw ScaffoldError("git rev-parse --git-path printed no paths", fix: "upgrade git to 2.38 or later", exitCode: .failure)
        }
        if try git.output(["rev-parse", "-q", "--verify", "MERGE_HEAD"], in: root).status == 0 {
            throw ScaffoldError(
                "\(root) is in the middle of a merge",
                fix: "finish it (resolve the conflicts, git add, git commit) or abort it (git merge --abort), then run scaffold update again")
        }
        let status = try git.run(["status", "--porcelain"], in: root).text
        return Repository(
            root: root, head: head.line, objects: paths[0], mergeMessage: paths[1],
            hadMergeMessage: fileSystem.kind(of: paths[1]) != .missing,
            dirty: status.split(separator: "\n").map(String.init), identity: git.identity(in: root))
    }

    /// The newest pristine render reachable from HEAD.
    public func pristineBase(_ repository: Repository) throws(ScaffoldError) -> (commit: String, name: String, version: String)? {
        try PristineRender.latest(from: repository.head, in: repository.root, git: git)
    }

    /// Runs `body` with a scratch repository borrowing the project's objects (removed
    /// afterwards, or by an interruption).
    func withScratch<Result>(
        for repository: Repository, _ body: (ScratchRepository) throws(ScaffoldError) -> Result
    ) throws(ScaffoldError) -> Result {
        try ScratchRepository.with(
            borrowing: repository.objects, temporaryDirectory: temporaryDirectory, git: git, fileSystem: fileSystem,
            interruption: interruption, body)
    }

    /// Works out the update: `render` is the new version's plan, `baseRender` the old
    /// version's (only used when the history holds no pristine render).
    func plan(
        _ repository: Repository, in scratch: ScratchRepository, render: GenerationPlan, from recorded: RecordedBlueprint,
        baseRender: () throws(ScaffoldError) -> GenerationPlan?
    ) throws(ScaffoldError) -> UpdatePlan {
        let identity = repository.identity
        var notes: [String] = []
        var ours = repository.head
        let base: String
        if let found = try pristineBase(repository) {
            base = found.commit
        } else {
            // No pristine render in history (a project made with --no-git, or committed by
            // hand): re-render the recorded version as the base, and adopt it into history
            // with a merge that keeps the project's tree as it is (like `git merge -s ours`).
            guard let old = try baseRender() else {
                throw ScaffoldError(
                    "the history of \(repository.root) holds no pristine render of \(recorded.name) \(recorded.version), and that version is not available to re-render it",
                    fix: "point --base-blueprint at \(recorded.name) \(recorded.version) (a directory, or git+URL@TAG) so scaffold can re-render it as the merge base")
            }
            let tree = try scratch.tree(of: old, label: "base")
            base = try scratch.commit(
                tree: tree, parents: [],
                message: PristineRender.message(subject: "scaffold: pristine render of \(recorded.name) \(recorded.version)", blueprint: recorded.name, version: recorded.version),
                identity: identity)
            let headTree = try scratch.run(["rev-parse", repository.head + "^{tree}"]).line
            ours = try scratch.commit(
                tree: headTree, parents: [repository.head, base],
                message: "scaffold: adopt the pristine render of \(recorded.name) \(recorded.version) as the merge base\n\nThe project's files are unchanged; scaffold update merges from this render.\n",
                identity: identity)
            notes.append("the history held no pristine render: \(recorded.name) \(recorded.version) was re-rendered as the merge base and recorded in history")
        }

        let newTree = try scratch.tree(of: render, label: "new")
        let pristine = try scratch.commit(
            tree: newTree, parents: [base],
            message: PristineRender.message(subject: "scaffold: pristine render of \(render.blueprint) \(render.version)", blueprint: render.blueprint, version: render.version),
            identity: identity)
        let theirsLabel = "\(render.blueprint)-\(render.version)"
        try scratch.setBranch("yours", to: ours)
        try scratch.setBranch(theirsLabel, to: pristine)
        let merged = try scratch.mergeTree(ours: "yours", theirs: theirsLabel)

        // Resolve what the rules decide rather than the user.
        var removing: [String] = []
        var setting: [(path: String, mode: String, object: String)] = []
        var resolved: [FileChange] = []
        var remaining: [ScratchRepository.ConflictEntry] = []
        let byPath = Dictionary(grouping: merged.conflicts, by: \.path)
        for path in byPath.keys.sorted() {
            let entries = byPath[path]!
            let stages = Set(entries.map(\.stage))
            if path == Planner.manifestFile { continue }
            if stages == [1, 3] {
                removing.append(path)
                resolved.append(FileChange(kind: .keptDeleted, path: path, from: nil))
            } else if stages == [1, 2] {
                resolved.append(FileChange(kind: .keptYours, path: path, from: nil))
            } else {
                remaining += entries
            }
        }
        // scaffold.json: merged member by member; `blueprint` records the new render.
        if let theirsData = try scratch.blob(pristine, Planner.manifestFile),
           let theirsJSON = try? JSONValue.parse(theirsData) {
            let oursJSON = (try scratch.blob(ours, Planner.manifestFile)).flatMap { try? JSONValue.parse($0) }
            let baseJSON = (try scratch.blob(base, Planner.manifestFile)).flatMap { try? JSONValue.parse($0) } ?? .object([:])
            if let oursJSON {
                let mergedJSON = ManifestMerge.merge(base: baseJSON, ours: oursJSON, theirs: theirsJSON)
                let object = try scratch.hashObject(Data(mergedJSON.prettyPrinted().utf8))
                setting.append((Planner.manifestFile, "100644", object))
            } else {
                remaining += byPath[Planner.manifestFile] ?? []
            }
        }
        let tree = try scratch.edit(merged.tree, removing: removing, setting: setting)

        let conflictedPaths = Set(remaining.map(\.path))
        var changes: [FileChange] = []
        for change in try scratch.changes(from: repository.head, to: tree) {
            if conflictedPaths.contains(change.path) {
                changes.append(FileChange(kind: .conflicted, path: change.path, from: change.from))
            } else if resolved.contains(where: { $0.path == change.path }) {
                continue
            } else {
                changes.append(change)
            }
        }
        for path in conflictedPaths.sorted() where !changes.contains(where: { $0.path == path }) {
            changes.append(FileChange(kind: .conflicted, path: path, from: nil))
        }
        changes += resolved
        let versions = recorded.version == render.version ? render.version : "\(recorded.version) → \(render.version)"
        var message = "Update \(render.blueprint) \(versions) (scaffold update)\n\n"
        message += "Merges the pristine render of \(render.blueprint) \(render.version) (second parent) into the project.\n"
        if !remaining.isEmpty {
            message += "\n# Conflicts:\n" + conflictedPaths.sorted().map { "#\t\($0)\n" }.joined()
        }
        return UpdatePlan(
            blueprint: render.blueprint, fromVersion: recorded.version, toVersion: render.version,
            head: repository.head, ours: ours, base: base, pristine: pristine, tree: tree, changes: changes,
            conflictStages: remaining, notes: notes, message: message)
    }

    /// Applies a plan to the project: all of it, or (on any failure) nothing. Runs as one
    /// critical section, so SIGINT/SIGTERM wait until the project is fully updated.
    /// Returns the merge commit, or nil when conflicts were left to resolve.
    func apply(_ plan: UpdatePlan, to repository: Repository, from scratch: ScratchRepository) throws(ScaffoldError) -> String? {
        let identity = repository.identity
        var mergeCommit: String?
        if !plan.hasConflicts {
            mergeCommit = try scratch.commit(
                tree: plan.tree, parents: [plan.ours, plan.pristine],
                message: plan.message.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("#") }.joined(separator: "\n"),
                identity: identity)
        }
        var failure: ScaffoldError?
        let ran = interruption.critical {
            do throws(ScaffoldError) {
                try applySteps(plan, repository: repository, scratch: scratch, mergeCommit: mergeCommit)
            } catch {
                rollback(repository)
                failure = error
            }
        }
        if let failure { throw failure }
        if !ran { throw ScaffoldError("interrupted", fix: "nothing was changed", exitCode: .interrupted) }
        return mergeCommit
    }

    private func applySteps(_ plan: UpdatePlan, repository: Repository, scratch: ScratchRepository, mergeCommit: String?) throws(ScaffoldError) {
        let root = repository.root
        let fix = "the project was put back as it was; check free space and permissions, then run scaffold update again"
        do { try scratch.copyObjects(into: repository.objects) } catch {
            throw ScaffoldError(error.description, fix: fix, exitCode: .failure)
        }
        if let mergeCommit {
            try git.run(["read-tree", "-m", "-u", repository.head, mergeCommit], in: root, fix: fix)
            try git.run(["update-ref", "-m", "scaffold update", "HEAD", mergeCommit, repository.head], in: root, fix: fix)
            return
        }
        if plan.ours != plan.head {
            try git.run(["update-ref", "-m", "scaffold update: adopt the pristine base", "HEAD", plan.ours, repository.head], in: root, fix: fix)
        }
        try git.run(["read-tree", "-m", "-u", plan.ours, plan.tree], in: root, fix: fix)
        var lines = ""
        for path in Set(plan.conflictStages.map(\.path)).sorted() {
            lines += "0 0000000000000000000000000000000000000000\t\(path)\n"
        }
        for entry in plan.conflictStages { lines += "\(entry.mode) \(entry.object) \(entry.stage)\t\(entry.path)\n" }
        try git.run(["update-index", "--index-info"], in: root, input: Data(lines.utf8), fix: fix)
        do {
            let temporary = repository.mergeMessage + ".scaffold-\(getpid())"
            try? fileSystem.removeTree(temporary)
            try fileSystem.createFile(temporary, contents: Data(plan.message.utf8), executable: false)
            try fileSystem.rename(temporary, to: repository.mergeMessage)
        } catch {
            throw ScaffoldError(error.description, fix: fix, exitCode: .failure)
        }
        try git.run(["update-ref", "MERGE_HEAD", plan.pristine], in: root, fix: fix)
    }

    /// Puts the project back at its HEAD of before: working tree, index, HEAD, no merge state.
    private func rollback(_ repository: Repository) {
        let root = repository.root
        _ = try? git.output(["update-ref", "-d", "MERGE_HEAD"], in: root)
        if !repository.hadMergeMessage { try? fileSystem.removeTree(repository.mergeMessage) }
        _ = try? git.output(["update-ref", "-m", "scaffold update: rolled back", "HEAD", repository.head], in: root)
        _ = try? git.output(["read-tree", "--reset", "-u", repository.head], in: root)
    }
}
