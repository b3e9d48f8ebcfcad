import Foundation

/// What `update` and `check` need from a project and its blueprint: the recorded
/// blueprint, the version to move to, and the answers to render it with.
struct UpdateTarget {
    let context: ScaffoldContext
    let catalog: BlueprintCatalog

    /// The project directory (absolute) and its recorded blueprint.
    func project(_ argument: String?) throws(ScaffoldError) -> (root: String, recorded: RecordedBlueprint) {
        var root = context.absolutePath(argument ?? ".")
        if context.fileSystem.kind(of: root) == .symlink {
            root = Path.normalize(URL(fileURLWithPath: root).resolvingSymlinksInPath().path)
        }
        guard context.fileSystem.kind(of: root) == .directory else {
            throw ScaffoldError("no such project directory: \(root)", fix: "give the project's directory, e.g. 'scaffold update path/to/project'")
        }
        let file = root + "/" + Planner.manifestFile
        let data: Data
        do { data = try context.fileSystem.readFile(file, limit: 16 << 20) } catch {
            throw ScaffoldError(
                "\(root) has no readable \(Planner.manifestFile) (\(error.reason))",
                fix: "run this in a project made by 'scaffold new' (its scaffold.json records the blueprint)")
        }
        return (root, try RecordedBlueprint.read(data, file: file))
    }

    /// Where the blueprint comes from now: `--blueprint` if given, else what scaffold.json records.
    func source(for recorded: RecordedBlueprint, override: String?) -> BlueprintSource {
        if let override {
            return BlueprintSource.parse(override, currentDirectory: context.currentDirectory, fileSystem: context.fileSystem)
        }
        return recorded.provenance?.blueprintSource ?? .name(recorded.name)
    }

    /// The blueprint to update to: a git source at `--to` (default: the newest version
    /// tag); any other source as it is now, whose version `--to` must then name.
    func newest(for recorded: RecordedBlueprint, override: String?, to: String?) throws(ScaffoldError) -> Blueprint {
        var source = source(for: recorded, override: override)
        if case .git(let url, let ref) = source { source = .git(url: url, ref: to ?? ref) }
        let blueprint = try catalog.blueprint(source, currentDirectory: context.currentDirectory)
        guard blueprint.name == recorded.name else {
            throw ScaffoldError(
                "\(source) is the blueprint '\(blueprint.name)', but this project was made from '\(recorded.name)'",
                fix: "give --blueprint the source of \(recorded.name)")
        }
        var isGit = false
        if case .git = source { isGit = true }
        let sameVersion = to.map { to in
            to == blueprint.version || BlueprintVersion(to, allowPrefix: true).map { BlueprintVersion(blueprint.version) == $0 } == true
        } ?? true
        if let to, !isGit, !sameVersion {
            let origin = blueprint.provenance.source == BlueprintProvenance.builtIn ? "the built-in \(blueprint.name) of this scaffold" : "\(blueprint.name) at \(blueprint.provenance.source)"
            throw ScaffoldError(
                "--to \(to): \(origin) is version \(blueprint.version)",
                fix: "a built-in or a blueprint directory offers only its current version; a git blueprint offers every tag (--blueprint git+URL)")
        }
        return blueprint
    }

    /// The recorded version, re-rendered with the recorded answers, or nil when that
    /// version is not available any more (only needed when history holds no pristine render).
    func recordedRender(_ recorded: RecordedBlueprint, override: String?) -> GenerationPlan? {
        var source = source(for: recorded, override: override)
        if case .git(let url, _) = source {
            guard let commit = recorded.provenance?.commit else { return nil }
            source = .git(url: url, ref: commit)
        }
        guard let blueprint = try? catalog.blueprint(source, currentDirectory: context.currentDirectory),
              blueprint.name == recorded.name, blueprint.version == recorded.version,
              let (answers, _) = try? answers(for: blueprint, recorded: recorded, sets: [], prompter: nil)
        else { return nil }
        return try? Planner().plan(blueprint, answers: answers)
    }

    /// The answers for `blueprint`: the recorded ones (those it still declares), then
    /// `--set`; a variable new in this version is prompted for (on a terminal) or takes
    /// its default. Returns the names of recorded answers the blueprint no longer uses.
    func answers(
        for blueprint: Blueprint, recorded: RecordedBlueprint, sets: [KeyValue], prompter: Prompter?
    ) throws(ScaffoldError) -> (Answers, dropped: [String]) {
        let names = Set(blueprint.manifest.variables.map(\.name))
        var resolver = AnswerResolver()
        resolver.file = recorded.answers.filter { names.contains($0.key) }
        resolver.sets = sets.map { ($0.key, $0.value) }
        resolver.prompter = prompter
        let dropped = recorded.answers.keys.filter { !names.contains($0) }.sorted()
        return (try resolver.resolve(blueprint), dropped)
    }
}
