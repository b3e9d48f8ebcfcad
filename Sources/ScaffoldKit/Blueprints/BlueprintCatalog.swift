import Foundation

/// Finds blueprints: every `--blueprints-dir` given, then the directories in
/// `SCAFFOLD_BLUEPRINTS_PATH` (colon-separated), then the built-in ones. An
/// earlier directory's blueprint shadows a later one of the same name.
public struct BlueprintCatalog: Sendable {
    /// One listed blueprint.
    public struct Entry: Sendable {
        public var manifest: BlueprintManifest
        public var origin: BlueprintOrigin
    }

    public var directories: [String]
    public var fileSystem: any FileSystem
    /// Fetches `git+URL[@REF]` and `PATH@REF` blueprints; nil: they are refused.
    public var gitFetcher: GitBlueprintFetcher?

    public init(directories: [String], fileSystem: any FileSystem, gitFetcher: GitBlueprintFetcher? = nil) {
        self.directories = directories
        self.fileSystem = fileSystem
        self.gitFetcher = gitFetcher
    }

    /// The catalog for a command: `--blueprints-dir` values, then the environment.
    public init(context: ScaffoldContext, blueprintDirectories: [String]) {
        let fromEnvironment = (context.environment["SCAFFOLD_BLUEPRINTS_PATH"] ?? "")
            .split(separator: ":").map(String.init).filter { !$0.isEmpty }
        self.init(
            directories: (blueprintDirectories + fromEnvironment).map(context.absolutePath),
            fileSystem: context.fileSystem, gitFetcher: GitBlueprintFetcher(context: context))
    }

    /// Every blueprint that can be generated (abstract bases left out), by name,
    /// with problems (unreadable or broken blueprints) reported beside.
    public func entries(includeAbstract: Bool = false) -> (entries: [Entry], problems: [ScaffoldError]) {
        var byName: [String: Entry] = [:]
        var problems: [ScaffoldError] = []
        for directory in directories {
            guard fileSystem.kind(of: directory) == .directory else {
                problems.append(ScaffoldError("blueprint directory \(directory) does not exist", fix: "fix --blueprints-dir or SCAFFOLD_BLUEPRINTS_PATH"))
                continue
            }
            let names = (try? fileSystem.listDirectory(directory)) ?? []
            for name in names where byName[name] == nil {
                let path = directory + "/" + name
                guard fileSystem.kind(of: path + "/blueprint.json") == .file else { continue }
                do {
                    let manifest = try BlueprintLayer.manifest(directory: path, fileSystem: fileSystem)
                    try Self.checkName(manifest.name, directory: path)
                    byName[manifest.name] = byName[manifest.name] ?? Entry(manifest: manifest, origin: .directory(Path.normalize(path)))
                } catch {
                    problems.append(error)
                }
            }
        }
        for name in BlueprintLayer.builtInNames where byName[name] == nil {
            do {
                if let manifest = try BlueprintLayer.builtInManifest(named: name) {
                    byName[name] = Entry(manifest: manifest, origin: .builtIn)
                }
            } catch {
                problems.append(error)
            }
        }
        let entries = byName.values
            .filter { includeAbstract || !$0.manifest.abstract }
            .sorted { $0.manifest.name < $1.manifest.name }
        return (entries, problems)
    }

    /// Loads a blueprint by name, or by path when `reference` contains a `/`,
    /// and applies its `extends` chain.
    public func blueprint(_ reference: String, currentDirectory: String, allowAbstract: Bool = false) throws(ScaffoldError) -> Blueprint {
        let source = BlueprintSource.parse(reference, currentDirectory: currentDirectory, fileSystem: fileSystem)
        if case .git = source { return try blueprint(source, currentDirectory: currentDirectory, allowAbstract: allowAbstract) }
        let leaf: BlueprintLayer
        if reference.contains("/") {
            var path = Path.normalize(reference.hasPrefix("/") ? reference : currentDirectory + "/" + reference)
            // The directory the user names may itself be a link (links inside it are checked when loading).
            if fileSystem.kind(of: path) == .symlink {
                path = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
            }
            leaf = try BlueprintLayer.load(directory: path, fileSystem: fileSystem)
        } else {
            leaf = try layer(named: reference, besides: nil)
        }
        if leaf.manifest.abstract && !allowAbstract {
            let children = entries().entries.filter { $0.manifest.extends == leaf.manifest.name }.map(\.manifest.name)
            throw ScaffoldError(
                "blueprint '\(leaf.manifest.name)' is a base layer that exists only to be extended",
                fix: children.isEmpty ? "pick a blueprint from 'scaffold list'" : "pick one that extends it: \(children.joined(separator: ", "))")
        }
        var chain = [leaf]
        while let parent = chain.first?.manifest.extends {
            if chain.contains(where: { $0.manifest.name == parent }) {
                let names = (chain.map(\.manifest.name) + [parent]).reversed().joined(separator: " → ")
                throw ScaffoldError("blueprint '\(leaf.manifest.name)' extends itself in a loop: \(names)", fix: "remove one of the 'extends'")
            }
            guard chain.count < 16 else {
                throw ScaffoldError("blueprint '\(leaf.manifest.name)' extends more than 16 layers", fix: "shorten the 'extends' chain")
            }
            var besides: String?
            if case .directory(let path) = chain[0].origin { besides = Path.parent(path) }
            do {
                chain.insert(try layer(named: parent, besides: besides), at: 0)
            } catch {
                throw ScaffoldError(
                    "blueprint '\(chain[0].manifest.name)' extends '\(parent)', which cannot be loaded: \(error.what)",
                    fix: error.fix)
            }
        }
        return Blueprint(layers: chain)
    }

    /// Loads a blueprint from a source; a git one is fetched (shallow, cached) at the
    /// commit its ref names and then loaded like a local directory.
    public func blueprint(_ source: BlueprintSource, currentDirectory: String, allowAbstract: Bool = false) throws(ScaffoldError) -> Blueprint {
        switch source {
        case .name(let name):
            return try blueprint(name, currentDirectory: currentDirectory, allowAbstract: allowAbstract)
        case .directory(let path):
            return try blueprint(path.contains("/") ? path : "./" + path, currentDirectory: currentDirectory, allowAbstract: allowAbstract)
        case .git(let url, let ref):
            guard let gitFetcher else {
                throw ScaffoldError("git blueprints are not available here", fix: "use a blueprint directory")
            }
            let (commit, _) = try gitFetcher.resolve(url, ref: ref)
            let directory = try gitFetcher.checkout(url, commit: commit)
            var blueprint = try blueprint(directory, currentDirectory: currentDirectory, allowAbstract: allowAbstract)
            blueprint.provenance = BlueprintProvenance(source: "git+" + url, commit: commit)
            return blueprint
        }
    }

    /// A blueprint found by name must be named like its directory.
    static func checkName(_ name: String, directory: String) throws(ScaffoldError) {
        let folder = Path.lastComponent(directory)
        guard name == folder else {
            throw ScaffoldError("\(directory)/blueprint.json is named '\(name)', not '\(folder)'", fix: "rename the directory or the blueprint so they match")
        }
    }

    /// One layer by name: next to the extending blueprint first, then the search directories, then built-in.
    private func layer(named name: String, besides: String?) throws(ScaffoldError) -> BlueprintLayer {
        for directory in [besides].compactMap({ $0 }) + directories {
            let path = directory + "/" + name
            if fileSystem.kind(of: path + "/blueprint.json") == .file {
                let layer = try BlueprintLayer.load(directory: path, fileSystem: fileSystem)
                try Self.checkName(layer.manifest.name, directory: path)
                return layer
            }
        }
        if let builtIn = try BlueprintLayer.builtIn(named: name) { return builtIn }
        let known = entries().entries.map(\.manifest.name)
        let hint = Suggestion.closest(to: name, in: known).map { "did you mean '\($0)'? " } ?? ""
        throw ScaffoldError("unknown blueprint '\(name)'", fix: "\(hint)run 'scaffold list' to see the available blueprints")
    }
}
