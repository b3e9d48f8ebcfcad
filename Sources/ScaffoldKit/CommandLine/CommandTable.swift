/// The one table of scaffold's commands and options. Parsing, `--help`,
/// "did you mean", shell completions and each command's typed `Options` are all
/// driven from it: an option's binding (a key path) is declared next to its help.
public enum CommandTable {
    public static let toolName = "scaffold"
    public static let version = "0.1.0"
    public static let overview = "Generate ML side projects that measure their own impact, and check any project for impact hooks."

    static func blueprintsDir<Options>(_ keyPath: WritableKeyPath<Options, [String]> & Sendable) -> CommandDefinition<Options>.Option {
        .values(
            "blueprints-dir", keyPath, value: "DIR",
            help: "Also look for blueprints in DIR (before SCAFFOLD_BLUEPRINTS_PATH and the built-in ones). Repeatable.",
            completion: .directory)
    }

    static func json<Options>(_ keyPath: WritableKeyPath<Options, Bool> & Sendable) -> CommandDefinition<Options>.Option {
        .flag("json", keyPath, help: "Print JSON instead of text.")
    }

    public static let commands: [CommandSpec] = [
        CommandDefinition<NewCommand.Options>(
            name: "new",
            abstract: "Generate a project from a blueprint.",
            discussion: """
                Resolves every variable (--set, then --answers, then a prompt on a terminal, then the default), \
                renders the whole project in memory, checks every path, then writes it into a staging directory \
                beside DIRECTORY and moves it into place in one step: an error or Ctrl-C leaves no project or \
                the whole project. Without DIRECTORY the project goes to ./<project_name>.
                """,
            arguments: [.optional("DIRECTORY", \.directory, help: "Where to create the project (default: ./<project_name>).", completion: .directory)],
            options: [
                .value("blueprint", short: "b", \.blueprint, value: "NAME|PATH", help: "The blueprint: a name from 'scaffold list', a path (containing '/') to a blueprint directory, or a git repository: git+URL[@REF] or PATH@REF.", completion: .blueprint, required: true),
                .values("set", \.sets, value: "KEY=VALUE", help: "Answer a variable. Repeatable."),
                .value("answers", \.answers, value: "FILE.json", help: "Answer variables from a JSON object.", completion: .file),
                .flag("no-input", \.noInput, help: "Never prompt; use --set, --answers and defaults."),
                .flag("dry-run", \.dryRun, help: "Print the files that would be written, and write nothing."),
                .flag("force", \.force, help: "Allow a non-empty DIRECTORY: overwrite only the files the blueprint generates, delete nothing."),
                .flag("no-git", \.noGit, help: "Do not make the new project a git repository."),
                blueprintsDir(\.blueprintsDirectories),
            ],
            examples: [
                "scaffold new --blueprint nlp-eval my-project",
                "scaffold new --blueprint nlp-eval --set project_name=ticket-router --no-input",
                "scaffold new ./x --blueprint ./my-blueprints/custom --dry-run",
            ],
            run: { options, context throws(ScaffoldError) in try NewCommand(options: options, context: context).run() }
        ).spec,
        CommandDefinition<UpdateCommand.Options>(
            name: "update",
            abstract: "Bring a project to a newer version of its blueprint, keeping every edit of yours.",
            discussion: """
                A 3-way merge made by git: base = the pristine render of the project's version (a commit in its \
                history), theirs = the new version rendered with the recorded answers, ours = the project. \
                Conflicts are left as diff3 markers (exit 4); a file you deleted stays deleted; a file the \
                blueprint dropped is removed only if you never changed it. The project must be a git repository \
                with no uncommitted changes. All or nothing: an error or Ctrl-C leaves the project as it was.
                """,
            arguments: [.optional("PATH", \.path, help: "The project directory (default: the current directory).", completion: .directory)],
            options: [
                .value("to", \.to, value: "VERSION|REF", help: "The version to move to (default: the newest; for a git blueprint, the newest version tag, or any tag, branch or commit)."),
                .values("set", \.sets, value: "KEY=VALUE", help: "Change an answer (e.g. package_name, which moves its files with your edits). Repeatable."),
                .flag("dry-run", \.dryRun, help: "Print the per-file plan and the diff, and write nothing."),
                .flag("no-input", \.noInput, help: "Never prompt; variables new in this version take their defaults."),
                .value("blueprint", short: "b", \.blueprint, value: "NAME|PATH|git+URL", help: "Where the blueprint is now, when not where scaffold.json records it.", completion: .blueprint),
                .value("base-blueprint", \.baseBlueprint, value: "NAME|PATH|git+URL", help: "The project's recorded version, re-rendered as the merge base when the history holds no pristine render (a project made with --no-git).", completion: .blueprint),
                blueprintsDir(\.blueprintsDirectories),
            ],
            examples: ["scaffold update --dry-run", "scaffold update path/to/project --to 2.0.0", "scaffold update --set package_name=ticket_router"],
            run: { options, context throws(ScaffoldError) in try UpdateCommand(options: options, context: context).run() }
        ).spec,
        CommandDefinition<CheckCommand.Options>(
            name: "check",
            abstract: "Tell whether a project is on the newest version of its blueprint (for CI).",
            discussion: "Exit 0 when it is, 1 when a newer version exists (printed with what it changes), 2 on any error.",
            arguments: [.optional("PATH", \.path, help: "The project directory (default: the current directory).", completion: .directory)],
            options: [
                json(\.json),
                .value("blueprint", short: "b", \.blueprint, value: "NAME|PATH|git+URL", help: "Where the blueprint is now, when not where scaffold.json records it.", completion: .blueprint),
                blueprintsDir(\.blueprintsDirectories),
            ],
            examples: ["scaffold check", "scaffold check path/to/project --json"],
            run: { options, context throws(ScaffoldError) in try CheckCommand(options: options, context: context).run() }
        ).spec,
        CommandDefinition<ListCommand.Options>(
            name: "list",
            abstract: "List the available blueprints.",
            discussion: "Base layers that exist only to be extended are not listed.",
            options: [json(\.json), blueprintsDir(\.blueprintsDirectories)],
            examples: ["scaffold list", "scaffold list --json"],
            run: { options, context throws(ScaffoldError) in try ListCommand(options: options, context: context).run() }
        ).spec,
        CommandDefinition<ShowCommand.Options>(
            name: "show",
            abstract: "Show a blueprint's variables, files and impact contract.",
            arguments: [.required("BLUEPRINT", \.blueprint, help: "A blueprint name or a path to a blueprint directory.", completion: .blueprint)],
            options: [json(\.json), blueprintsDir(\.blueprintsDirectories)],
            examples: ["scaffold show nlp-eval"],
            run: { options, context throws(ScaffoldError) in try ShowCommand(options: options, context: context).run() }
        ).spec,
        CommandDefinition<ValidateCommand.Options>(
            name: "validate",
            abstract: "Check that a project has measurable impact hooks, and (with --run) that they work.",
            discussion: """
                Judges any project, generated by scaffold or not, against the rules listed by 'scaffold rules'. \
                Exit 0 when no error-severity rule fails, 1 when one does, 2 for usage errors or an unreadable path. \
                --run executes the project's own pipeline and evaluate commands from scaffold.json (sh -c, from the project root).
                """,
            arguments: [.optional("PATH", \.path, help: "The project directory (default: the current directory).", completion: .directory)],
            options: [
                .flag("run", \.run, help: "Run the contract's pipeline and evaluate commands, then check the log grew correctly."),
                .value("format", \.format, value: "FORMAT", help: "Output format."),
                .values("select", \.select, value: "IDS", help: "Only these rules: IDs or family prefixes, comma-separated. Repeatable.", completion: .rule),
                .values("ignore", \.ignore, value: "IDS", help: "Skip these rules: IDs or family prefixes, comma-separated. Repeatable.", completion: .rule),
                .value("timeout", \.timeout, value: "SECONDS", help: "Time limit for each command run by --run (default 600)."),
                .flag("verbose", \.verbose, help: "Also show what each passing rule matched (text output)."),
                .flag("reproduce", \.reproduce, help: "With --run: run evaluate a second time and check it gives the same numbers (RUN006)."),
            ],
            examples: ["scaffold validate", "scaffold validate path/to/project --run", "scaffold validate . --format sarif > scaffold.sarif"],
            run: { options, context throws(ScaffoldError) in try ValidateCommand(options: options, context: context).run() }
        ).spec,
        CommandDefinition<PortfolioCommand.Options>(
            name: "portfolio",
            abstract: "Show several projects together: PORTFOLIO.md and a self-contained index.html.",
            discussion: """
                Reads each project's scaffold.json, impact log (impact-log/1 or /2) and data card, and writes \
                PORTFOLIO.md, index.html (inline SVG charts, no scripts, no external assets; light, dark and print) \
                and charts/*.svg into --output. Per project: the latest headline against the strongest baseline, \
                the primary metric across runs, test-set looks, data source, commit, and resume lines built from \
                the log. A project with a missing, empty, cut or foreign log gets one line saying so. \
                The same inputs give byte-identical output; nothing is fetched.
                """,
            arguments: [.variadic("PROJECT_DIR", \.projects, help: "A project directory (one or more).", completion: .directory)],
            options: [
                .value("output", short: "o", \.output, value: "DIR", help: "Where to write the files (default: ./portfolio; created if missing).", completion: .directory),
                .value("title", \.title, value: "TEXT", help: "The page title (default: \"ML projects\")."),
            ],
            examples: ["scaffold portfolio ~/code/ticket-router ~/code/churn --output site", "scaffold portfolio */ --title \"Side projects\""],
            run: { options, context throws(ScaffoldError) in try PortfolioCommand(options: options, context: context).run() }
        ).spec,
        CommandDefinition<AdoptCommand.Options>(
            name: "adopt",
            abstract: "Infer the impact contract of an existing project, show it, and write scaffold.json.",
            discussion: """
                Reads the project the way validate does (DVC, MLflow, W&B, TensorBoard, Hydra, task runners, entry \
                points, notebooks, metrics files), prints the contract it infers with where each value comes from and \
                what is left for you, then writes scaffold.json (never over an existing one). Every command is \
                shell-quoted and checked by the rules validate applies. Exit 0 when written (or shown with --dry-run), \
                1 when scaffold.json already exists, 2 for usage errors or an unreadable path.
                """,
            arguments: [.optional("PATH", \.path, help: "The project directory (default: the current directory).", completion: .directory)],
            options: [.flag("dry-run", \.dryRun, help: "Show the contract, and write nothing.")],
            examples: ["scaffold adopt", "scaffold adopt path/to/project --dry-run"],
            run: { options, context throws(ScaffoldError) in try AdoptCommand(options: options, context: context).run() }
        ).spec,
        CommandDefinition<RulesCommand.Options>(
            name: "rules",
            abstract: "List the validate rules, or explain one.",
            arguments: [.optional("ID", \.id, help: "A rule ID to explain.", completion: .rule)],
            options: [json(\.json)],
            examples: ["scaffold rules", "scaffold rules LOG003"],
            run: { options, context throws(ScaffoldError) in try RulesCommand(options: options, context: context).run() }
        ).spec,
        CommandDefinition<RenderCommand.Options>(
            name: "render",
            abstract: "Render one Mustache template to stdout (the blueprint author's debugging tool).",
            discussion: "Prints exactly the rendered text, with no added newline. Partial {{>name}} reads DIR/name.mustache.",
            arguments: [.required("TEMPLATE", \.template, help: "The template file.", completion: .file)],
            options: [
                .value("data", \.data, value: "FILE.json|-", help: "The data, a JSON file or - for stdin (default: {}).", completion: .file),
                .value("partials", \.partials, value: "DIR", help: "Directory of NAME.mustache partials.", completion: .directory),
                .value("escape", \.escape, value: "MODE", help: "none (default, as in blueprints) or html (the Mustache spec's escaping)."),
            ],
            examples: ["scaffold render README.md.mustache --data answers.json"],
            run: { options, context throws(ScaffoldError) in try RenderCommand(options: options, context: context).run() }
        ).spec,
        CommandDefinition<CompletionsCommand.Options>(
            name: "completions",
            abstract: "Print a shell completion script.",
            discussion: "bash: scaffold completions bash > /etc/bash_completion.d/scaffold; zsh: scaffold completions zsh > ~/.zfunc/_scaffold; fish: scaffold completions fish > ~/.config/fish/completions/scaffold.fish",
            arguments: [.required("SHELL", \.shell, help: "bash, zsh or fish.", completion: .choices(CompletionScript.shells))],
            examples: ["scaffold completions bash"],
            run: { options, context throws(ScaffoldError) in try CompletionsCommand(options: options, context: context).run() }
        ).spec,
        CommandDefinition<HelpCommand.Options>(
            name: "help",
            abstract: "Show help for scaffold or one of its commands.",
            arguments: [.optional("COMMAND", \.command, help: "The command to explain.", completion: .command)],
            examples: ["scaffold help new"],
            run: { options, context throws(ScaffoldError) in try HelpCommand(options: options, context: context).run() }
        ).spec,
    ]

    public static func command(named name: String) -> CommandSpec? { commands.first { $0.name == name } }
}
