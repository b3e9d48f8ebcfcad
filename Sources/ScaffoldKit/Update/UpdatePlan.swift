/// An update worked out in full in a scratch repository, before anything of the
/// project changes: the commits involved, the merged tree, and every file's fate.
public struct UpdatePlan: Sendable {
    public var blueprint: String
    public var fromVersion: String
    public var toVersion: String
    /// The project's HEAD commit when the plan was made.
    public var head: String
    /// The side of the merge that is the project: HEAD, or the commit that adopts a
    /// re-rendered base into history when the history held no pristine render.
    public var ours: String
    /// The old pristine render (the merge base).
    public var base: String
    /// The new pristine render (child of `base`).
    public var pristine: String
    /// The merged tree, conflicts written in diff3 style.
    public var tree: String
    public var changes: [FileChange]
    /// Stages of the paths left conflicted (they go into the index for merge tools).
    var conflictStages: [ScratchRepository.ConflictEntry]
    /// Notes for the summary (variables dropped, the base re-rendered, …).
    public var notes: [String]
    /// The message of the update's merge commit.
    public var message: String

    public var conflicted: [FileChange] { changes.filter { $0.kind == .conflicted } }
    public var hasConflicts: Bool { !conflictStages.isEmpty }
    /// Nothing would change in the project.
    public var isEmpty: Bool { changes.isEmpty }
}
