import Foundation

/// `scaffold update [PATH] [--to VERSION|REF] [--set KEY=VALUE]... [--dry-run]`
///
/// Exit 0 when the project is updated (or already up to date), 4 when the merge left
/// conflicts to resolve, 2 for a usage error or a refused project (dirty working tree,
/// not a repository), 3 when git or the file system failed (the project is put back).
struct UpdateCommand {
    struct Options: CommandOptions {
        var path: String?
        var to: String?
        var sets: [KeyValue] = []
        var dryRun = false
        var noInput = false
        var blueprint: String?
        var baseBlueprint: String?
        var blueprintsDirectories: [String] = []
    }

    let options: Options
    let context: ScaffoldContext

    func run() throws(ScaffoldError) -> ExitCode {
        let catalog = BlueprintCatalog(context: context, blueprintDirectories: options.blueprintsDirectories)
        let target = UpdateTarget(context: context, catalog: catalog)
        let (root, recorded) = try target.project(options.path)
        let updater = Updater(context: context)
        let repository = try updater.repository(at: root)
        if !repository.dirty.isEmpty && !options.dryRun {
            let shown = repository.dirty.prefix(3).map { String($0.dropFirst(3)) }.joined(separator: ", ")
            let more = repository.dirty.count > 3 ? ", …" : ""
            throw ScaffoldError(
                "\(root) has uncommitted changes (\(repository.dirty.count) path\(repository.dirty.count == 1 ? "" : "s"): \(shown)\(more))",
                fix: "commit or stash them (git stash -u), then run scaffold update again; --dry-run shows the plan meanwhile")
        }
        let blueprint = try target.newest(for: recorded, override: options.blueprint, to: options.to)
        if let newer = BlueprintVersion(blueprint.version), let older = BlueprintVersion(recorded.version), newer < older {
            throw ScaffoldError(
                "\(blueprint.name) \(blueprint.version) is older than the project's \(recorded.version)",
                fix: "scaffold update moves forward only; give --to a version newer than \(recorded.version)")
        }
        var prompter: Prompter?
        if context.stdin.isTerminal && !options.noInput {
            prompter = Prompter(input: context.stdin, output: context.stderr, style: TextStyle.forOutput(context.stderr, environment: context.environment))
        }
        let (answers, dropped) = try target.answers(for: blueprint, recorded: recorded, sets: options.sets, prompter: prompter)
        let sameAnswers = answers.json.objectValue ?? [:] == recorded.answers
        if blueprint.version == recorded.version && sameAnswers && blueprint.provenance.commit == recorded.provenance?.commit {
            context.stdout.write("\(root) is up to date: \(blueprint.name) \(blueprint.version) (\(blueprint.provenance.source)).\n")
            return .success
        }
        let render = try Planner().plan(blueprint, answers: answers)
        let changed = (answers.json.objectValue ?? [:]).filter { recorded.answers[$0.key] != nil && recorded.answers[$0.key] != $0.value }
            .map(\.key).sorted()

        let newVariables = blueprint.manifest.variables.map(\.name).filter { recorded.answers[$0] == nil && !options.sets.map(\.key).contains($0) }
        let outcome: (plan: UpdatePlan, commit: String?)? = try updater.withScratch(for: repository) { scratch throws(ScaffoldError) in
            var plan = try updater.plan(repository, in: scratch, render: render, from: recorded) { () throws(ScaffoldError) in
                target.recordedRender(recorded, override: options.baseBlueprint ?? options.blueprint)
            }
            if !dropped.isEmpty {
                plan.notes.append("no longer used by \(blueprint.name) \(blueprint.version): \(dropped.joined(separator: ", ")) (dropped from scaffold.json)")
            }
            if !newVariables.isEmpty {
                let values = newVariables.map { "\($0)=\(answers[$0].map { "\($0)" } ?? "")" }
                plan.notes.append("new in \(blueprint.version): \(values.joined(separator: ", "))")
            }
            if options.dryRun {
                var out = "Would \(Self.action(root, recorded: recorded, to: blueprint, changed: changed)): \(Self.counts(plan))\n"
                out += Self.list(plan)
                if !repository.dirty.isEmpty {
                    out += "note: the working tree has uncommitted changes; the plan is against HEAD, and scaffold update will refuse to run until they are committed or stashed\n"
                }
                let patch = try scratch.patch(from: plan.head, to: plan.tree)
                out += patch.isEmpty ? "" : "\n" + patch
                out += "Nothing was written (--dry-run).\n"
                context.stdout.write(out)
                return nil
            }
            return (plan, try updater.apply(plan, to: repository, from: scratch))
        }
        guard let (plan, commit) = outcome else { return .success }
        var out = "\(Self.action(root, recorded: recorded, to: blueprint, changed: changed, done: true)): \(Self.counts(plan))\n"
        out += Self.list(plan)
        if let commit {
            out += "Committed as \(commit.prefix(12)): a merge of the project and the pristine render of \(blueprint.name) \(blueprint.version).\n"
            context.stdout.write(out)
            return .success
        }
        let paths = plan.conflicted.map(\.path)
        out += """
            \(paths.count) file\(paths.count == 1 ? " has" : "s have") conflicts, marked diff3-style: <<<<<<< yours, ||||||| base, ======= and >>>>>>> \(blueprint.name)-\(blueprint.version).
            Resolve them, then: git add \(paths.joined(separator: " ")) && git commit
            (or undo the whole update: git merge --abort)

            """
        context.stdout.write(out)
        return .conflicts
    }

    /// "Updated ROOT from NAME 1.0.0 to 2.0.0", or, when only answers change, "Re-rendered ROOT with
    /// NAME 2.0.0 and the changed answers unit, units" (without `done`: "update …" / "re-render …").
    static func action(_ root: String, recorded: RecordedBlueprint, to blueprint: Blueprint, changed: [String], done: Bool = false) -> String {
        if recorded.version == blueprint.version && !changed.isEmpty {
            let answers = "the changed answer\(changed.count == 1 ? "" : "s") \(changed.joined(separator: ", "))"
            return "\(done ? "Re-rendered" : "re-render") \(root) with \(blueprint.name) \(blueprint.version) and \(answers)"
        }
        return "\(done ? "Updated" : "update") \(root) from \(recorded.name) \(recorded.version) to \(blueprint.version)"
    }

    static func counts(_ plan: UpdatePlan) -> String {
        var parts: [String] = []
        for kind in [FileChange.Kind.updated, .added, .removed, .renamed, .conflicted, .keptDeleted, .keptYours] {
            let count = plan.changes.filter { $0.kind == kind }.count
            if count > 0 { parts.append("\(count) \(kind.rawValue)") }
        }
        return parts.isEmpty ? "no file changes." : parts.joined(separator: ", ") + "."
    }

    static func list(_ plan: UpdatePlan) -> String {
        var out = ""
        for change in plan.changes {
            let label = change.kind.rawValue.padding(toLength: 13, withPad: " ", startingAt: 0)
            switch change.kind {
            case .renamed: out += "  \(label)\(change.from ?? "") → \(change.path)\n"
            case .keptDeleted: out += "  \(label)\(change.path)  (you deleted it; the blueprint changed it)\n"
            case .keptYours: out += "  \(label)\(change.path)  (the blueprint dropped it; you changed it)\n"
            case .conflicted: out += "  \(label)\(change.path)  (you and the blueprint changed the same lines)\n"
            default: out += "  \(label)\(change.path)\n"
            }
        }
        for note in plan.notes { out += "note: \(note)\n" }
        return out
    }
}
