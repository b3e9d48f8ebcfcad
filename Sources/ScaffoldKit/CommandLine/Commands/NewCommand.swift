import Foundation

/// `scaffold new [DIRECTORY] --blueprint NAME|PATH ...`
struct NewCommand {
    struct Options: CommandOptions {
        var directory: String?
        var blueprint: String?
        var sets: [KeyValue] = []
        var answers: String?
        var noInput = false
        var dryRun = false
        var force = false
        var noGit = false
        var blueprintsDirectories: [String] = []

        mutating func validate() throws(ScaffoldError) {
            guard blueprint != nil else {
                throw ScaffoldError("missing --blueprint", fix: "name one from 'scaffold list', e.g. 'scaffold new --blueprint nlp-eval my-project'")
            }
        }
    }

    let options: Options
    let context: ScaffoldContext

    func run() throws(ScaffoldError) -> ExitCode {
        let reference = options.blueprint ?? ""
        let catalog = BlueprintCatalog(context: context, blueprintDirectories: options.blueprintsDirectories)
        let blueprint = try catalog.blueprint(reference, currentDirectory: context.currentDirectory)
        let writer = ProjectWriter(fileSystem: context.fileSystem, interruption: context.interruption)
        let force = options.force

        var resolver = AnswerResolver()
        resolver.sets = options.sets.map { ($0.key, $0.value) }
        if let file = options.answers {
            resolver.file = try readAnswers(file)
        }
        var target: String?
        if let directory = options.directory {
            let path = context.absolutePath(directory)
            target = path
            resolver.directoryName = Path.lastComponent(path)
            // Refuse a full directory before asking any question.
            if try writer.state(of: path) == .nonEmpty && !force && !options.dryRun {
                throw ScaffoldError("target \(path) is not empty", fix: "choose a new directory, or pass --force to overwrite only the files the blueprint generates")
            }
        }
        if context.stdin.isTerminal && !options.noInput {
            resolver.prompter = Prompter(input: context.stdin, output: context.stderr, style: TextStyle.forOutput(context.stderr, environment: context.environment))
        }
        let answers = try resolver.resolve(blueprint)
        if target == nil {
            guard case .string(let name)? = answers["project_name"], !name.isEmpty else {
                throw ScaffoldError("blueprint \(blueprint.name) has no project_name to name the directory", fix: "give the DIRECTORY argument")
            }
            guard Planner.problem(withName: name) == nil else {
                throw ScaffoldError("project_name '\(name)' cannot name a directory", fix: "give the DIRECTORY argument, or another project_name")
            }
            target = Path.join(context.currentDirectory, name)
        }
        let destination = target!
        let plan = try Planner().plan(blueprint, answers: answers)
        let state = try writer.state(of: destination)

        if options.dryRun {
            var out = "Would create \(destination) from \(blueprint.name) \(blueprint.version): \(plan.files.count) files, \(Self.size(plan.totalBytes))\n"
            for file in plan.files {
                out += "  \(file.path)\(file.executable ? " (executable)" : "")  \(file.contents.count) B\n"
            }
            if state == .nonEmpty {
                out += force ? "(--force: these files would be overwritten; nothing else touched)\n" : "(the target is not empty: --force would be needed)\n"
            }
            out += "Nothing was written (--dry-run).\n"
            context.stdout.write(out)
            return .success
        }

        var gitNote = ""
        var gitWriter = writer
        if options.noGit {
            gitNote = ""
        } else if state == .nonEmpty {
            gitNote = "; no git repository created (--force into an existing directory)"
        } else {
            let git = GitInitializer(processes: context.processes, environment: context.environment)
            if let reason = git.reasonToSkip(target: destination) {
                gitNote = "; no git repository created (\(reason))"
            } else {
                let message = PristineRender.message(
                    subject: "Initial commit from scaffold (\(blueprint.name) \(blueprint.version))",
                    blueprint: blueprint.name, version: blueprint.version)
                gitWriter.beforeCommit = { directory throws(ScaffoldError) in try git.initialize(directory, message: message) }
                gitNote = ", git repository with a first commit"
            }
        }
        try gitWriter.write(plan, to: destination, force: force)

        var out = "Created \(destination) from \(blueprint.name) \(blueprint.version): \(plan.files.count) files (\(Self.size(plan.totalBytes)))\(gitNote).\n"
        let steps = nextSteps(blueprint, answers: answers, destination: destination)
        if !steps.isEmpty {
            out += "\nNext steps:\n" + steps.map { "  \($0)\n" }.joined()
        }
        context.stdout.write(out)
        return .success
    }

    private func readAnswers(_ file: String) throws(ScaffoldError) -> [String: JSONValue] {
        let path = context.absolutePath(file)
        let data: Data
        do { data = try context.fileSystem.readFile(path, limit: 16 << 20) } catch {
            throw ScaffoldError("cannot read answers file \(path): \(error.reason)", fix: "check the --answers path")
        }
        let json: JSONValue
        do { json = try JSONValue.parse(data) } catch {
            throw ScaffoldError("answers file \(path): \(error.what)", fix: "fix the JSON")
        }
        guard case .object(let members) = json else {
            throw ScaffoldError("answers file \(path) must hold a JSON object", fix: "write {\"project_name\": \"...\"}")
        }
        return members
    }

    private func nextSteps(_ blueprint: Blueprint, answers: Answers, destination: String) -> [String] {
        let relative = destination.hasPrefix(context.currentDirectory + "/")
            ? String(destination.dropFirst(context.currentDirectory.count + 1)) : destination
        var steps = ["cd \(relative)"]
        let planner = Planner()
        var budget = RenderBudget(blueprint: blueprint)
        for step in blueprint.manifest.nextSteps {
            if let rendered = try? planner.renderString(step, blueprint: blueprint, answers: answers, budget: &budget) {
                steps.append(rendered)
            }
        }
        return steps.count > 1 ? steps : []
    }

    static func size(_ bytes: Int) -> String {
        bytes < 10_240 ? "\(bytes) B" : bytes < 10 << 20 ? "\(bytes >> 10) KB" : "\(bytes >> 20) MB"
    }
}
