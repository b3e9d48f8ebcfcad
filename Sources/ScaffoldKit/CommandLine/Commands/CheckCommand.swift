import Foundation

/// `scaffold check [PATH] [--json]`: is the project on the newest version of its blueprint?
///
/// Exit 0 when it is, 1 when a newer version exists (with the versions and what the
/// blueprint's output changes), 2 on any error. Meant for CI.
struct CheckCommand {
    struct Options: CommandOptions {
        var path: String?
        var json = false
        var blueprint: String?
        var blueprintsDirectories: [String] = []
    }

    let options: Options
    let context: ScaffoldContext

    func run() throws(ScaffoldError) -> ExitCode {
        do {
            return try check()
        } catch {
            var error = error
            error.exitCode = .usage  // check: every error is exit 2
            throw error
        }
    }

    private func check() throws(ScaffoldError) -> ExitCode {
        let catalog = BlueprintCatalog(context: context, blueprintDirectories: options.blueprintsDirectories)
        let target = UpdateTarget(context: context, catalog: catalog)
        let (root, recorded) = try target.project(options.path)
        let blueprint = try target.newest(for: recorded, override: options.blueprint, to: nil)
        let newer: Bool
        if let latest = BlueprintVersion(blueprint.version), let current = BlueprintVersion(recorded.version) {
            newer = latest > current
        } else {
            newer = blueprint.version != recorded.version
        }
        var changes: [FileChange]?
        if newer { changes = try? blueprintChanges(root: root, recorded: recorded, blueprint: blueprint, target: target) }

        if options.json {
            var object: [String: JSONValue] = [
                "schema": .string("scaffold-check/1"),
                "project": .string(root),
                "blueprint": .string(recorded.name),
                "current": .string(recorded.version),
                "latest": .string(blueprint.version),
                "up_to_date": .bool(!newer),
                "source": .string(blueprint.provenance.source),
                "summary": .string(blueprint.manifest.summary),
            ]
            object["commit"] = blueprint.provenance.commit.map(JSONValue.string) ?? .null
            object["changes"] = changes.map { list in
                .array(list.map { change in
                    .object(["kind": .string(change.kind.rawValue), "path": .string(change.path), "from": change.from.map(JSONValue.string) ?? .null])
                })
            } ?? .null
            context.stdout.write(JSONValue.object(object).prettyPrinted())
            return newer ? .findings : .success
        }
        guard newer else {
            context.stdout.write("\(recorded.name) \(recorded.version) is the newest version (\(blueprint.provenance.source)).\n")
            return .success
        }
        var out = "\(recorded.name) \(recorded.version) → \(blueprint.version): a newer version is available (\(blueprint.provenance.source)).\n"
        out += "  \(blueprint.manifest.summary)\n"
        if let changes {
            let counts = [FileChange.Kind.updated, .added, .removed, .renamed].compactMap { kind -> String? in
                let count = changes.filter { $0.kind == kind }.count
                return count == 0 ? nil : "\(count) \(kind.rawValue)"
            }
            out += "  The blueprint's output changes \(changes.count) file\(changes.count == 1 ? "" : "s")\(counts.isEmpty ? "" : " (" + counts.joined(separator: ", ") + ")"):\n"
            for change in changes {
                out += "    \(change.kind.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0))\(change.from.map { "\($0) → " } ?? "")\(change.path)\n"
            }
        }
        out += "Run 'scaffold update' to merge it (see 'scaffold update --dry-run' first).\n"
        context.stdout.write(out)
        return .findings
    }

    /// What the blueprint's own output changes between the project's pristine render and the
    /// newest version (nil without git history holding a pristine render).
    private func blueprintChanges(root: String, recorded: RecordedBlueprint, blueprint: Blueprint, target: UpdateTarget) throws(ScaffoldError) -> [FileChange]? {
        let updater = Updater(context: context)
        let repository = try updater.repository(at: root)
        guard let base = try updater.pristineBase(repository) else { return nil }
        let (answers, _) = try target.answers(for: blueprint, recorded: recorded, sets: [], prompter: nil)
        let render = try Planner().plan(blueprint, answers: answers)
        return try updater.withScratch(for: repository) { scratch throws(ScaffoldError) in
            let tree = try scratch.tree(of: render, label: "new")
            return try scratch.changes(from: base.commit, to: tree)
        }
    }
}
