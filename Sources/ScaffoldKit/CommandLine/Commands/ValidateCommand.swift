import Foundation

/// `scaffold validate [PATH] [--run] [--format text|json|sarif] [--select IDS] [--ignore IDS] [--timeout SECONDS]`
///
/// Exit 0 when no error-severity rule fails, 1 when one does, 2 for a usage
/// error or a path that cannot be read.
struct ValidateCommand {
    struct Options: CommandOptions {
        var path: String?
        var run = false
        var format: OutputFormat?
        var select: [String] = []
        var ignore: [String] = []
        var timeout: Seconds?
        var verbose = false
        var reproduce = false

        /// Every --select/--ignore item names a rule, a prefix or a family; the path is not empty;
        /// --reproduce goes with --run.
        mutating func validate() throws(ScaffoldError) {
            if path?.isEmpty == true {
                throw ScaffoldError("the project path is empty", fix: "give the project directory, e.g. 'scaffold validate .' or 'scaffold validate path/to/project'")
            }
            if reproduce && !run {
                throw ScaffoldError("--reproduce needs --run", fix: "run 'scaffold validate --run --reproduce' (it runs evaluate twice and compares the numbers)")
            }
            _ = try Self.items(select, option: "select")
            _ = try Self.items(ignore, option: "ignore")
        }

        /// The rule IDs, prefixes or family names of a --select/--ignore option.
        static func items(_ values: [String], option: String) throws(ScaffoldError) -> [String] {
            let items = RuleSelection.items(values)
            for item in items where !RuleSelection.isKnown(item) {
                let hint = RuleSelection.suggestion(for: item).map { "did you mean '\($0)'? " } ?? ""
                throw ScaffoldError("--\(option) '\(item)' names no rule", fix: "\(hint)see 'scaffold rules' for the IDs and families")
            }
            return items
        }
    }

    /// `--format`.
    enum OutputFormat: String, CaseIterable, ArgumentValue {
        case text, json, sarif
    }

    let options: Options
    let context: ScaffoldContext

    func run() throws(ScaffoldError) -> ExitCode {
        let root = try Self.projectRoot(options.path ?? ".", context: context)
        var validation = ValidationOptions(run: options.run)
        validation.verbose = options.verbose
        validation.reproduce = options.reproduce
        if let timeout = options.timeout { validation.timeout = timeout.value }
        validation.selection = RuleSelection(
            select: try Options.items(options.select, option: "select"),
            ignore: try Options.items(options.ignore, option: "ignore"))
        let report = try Validator(root: root, options: validation, context: context).validate()
        switch options.format ?? .text {
        case .json: context.stdout.write(report.json().prettyPrinted())
        case .sarif: context.stdout.write(report.sarif().prettyPrinted())
        case .text: context.stdout.write(report.text(style: context.outputStyle, width: Self.width(context), verbose: options.verbose))
        }
        return report.exitCode
    }

    /// Columns of the terminal (COLUMNS, else the window size), or 80 when not on one.
    static func width(_ context: ScaffoldContext) -> Int {
        guard context.stdout.isTerminal else { return 80 }
        if let columns = context.environment["COLUMNS"].flatMap(Int.init), columns > 0 { return columns }
        var size = winsize()
        if ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }

    /// The project directory, absolute; a link given on the command line is resolved (and only that one).
    static func projectRoot(_ argument: String, context: ScaffoldContext) throws(ScaffoldError) -> String {
        var path = context.absolutePath(argument)
        let fileSystem = context.fileSystem
        var kind = fileSystem.kind(of: path)
        if kind == .symlink {
            let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
            path = Path.normalize(resolved)
            kind = fileSystem.kind(of: path)
        }
        switch kind {
        case .directory:
            return path
        case .missing:
            throw ScaffoldError("no such directory: \(path)", fix: "give the project directory, e.g. 'scaffold validate path/to/project'")
        default:
            throw ScaffoldError("\(path) is not a directory", fix: "give the project directory, not a file in it")
        }
    }
}

/// `scaffold rules [ID] [--json]`: every rule, or one explained.
struct RulesCommand {
    struct Options: CommandOptions {
        var id: String?
        var json = false
    }

    let options: Options
    let context: ScaffoldContext

    func run() throws(ScaffoldError) -> ExitCode {
        let json = options.json
        if let id = options.id {
            guard let rule = RuleCatalog.rule(id) else {
                let hint = Suggestion.closest(to: id.uppercased(), in: RuleCatalog.rules.map(\.id)).map { "did you mean '\($0)'? " } ?? ""
                throw ScaffoldError("unknown rule '\(id)'", fix: "\(hint)run 'scaffold rules' to list them")
            }
            context.stdout.write(json ? Self.json(rule).prettyPrinted() : explain(rule))
            return .success
        }
        if json {
            context.stdout.write(JSONValue.array(RuleCatalog.rules.map(Self.json)).prettyPrinted())
            return .success
        }
        let style = context.outputStyle
        var out = ""
        for family in RuleFamily.all {
            out += style.apply(.bold, "\(family.name) (\(family.prefix))") + "\n"
            for rule in RuleCatalog.rules where rule.family == family {
                let severity = rule.severity.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)
                out += "  \(rule.id)  \(severity)\(rule.summary)\(rule.needsRun ? "  [--run]" : "")\n"
            }
        }
        out += "\nSee 'scaffold rules ID' for why a rule matters and how to fix a failure; select with --select/--ignore or \"validate\" in scaffold.json.\n"
        context.stdout.write(out)
        return .success
    }

    private func explain(_ rule: Rule) -> String {
        let style = context.outputStyle
        var out = style.apply(.bold, "\(rule.id): \(rule.summary)") + "\n\n"
        out += "family:    \(rule.family.name) (\(rule.family.prefix))\n"
        out += "severity:  \(rule.severity.rawValue)\(rule.severity == .error ? " (a failure makes validate exit 1)" : " (reported; validate still exits 0)")\n"
        let requirements = Self.describe(rule.requirements)
        if !requirements.isEmpty { out += "requires:  \(requirements.joined(separator: "; "))\n" }
        out += "\n" + style.apply(.bold, "Why it matters") + "\n" + wrap(rule.why) + "\n"
        out += "\n" + style.apply(.bold, "How to fix a failure") + "\n" + wrap(rule.fix) + "\n"
        return out
    }

    static func describe(_ requirements: [Rule.Requirement]) -> [String] {
        requirements.map { requirement in
            switch requirement {
            case .rule(let id): "\(id) (\(RuleCatalog.rule(id)?.summary ?? "")) must pass"
            case .contract: "a scaffold.json that exists and parses (else skipped because CON001)"
            case .logPresent: "the impact log must exist (run evaluate once)"
            case .runFlag: "--run (runs the project's own pipeline and evaluate commands)"
            case .reproduceFlag: "--run --reproduce (runs evaluate a second time)"
            }
        }
    }

    static func json(_ rule: Rule) -> JSONValue {
        .object([
            "id": .string(rule.id),
            "family": .string(rule.family.name),
            "severity": .string(rule.severity.rawValue),
            "summary": .string(rule.summary),
            "why": .string(rule.why),
            "fix": .string(rule.fix),
            "requires": .array(rule.requiredRules.map(JSONValue.string)),
            "needs_run": .bool(rule.needsRun),
        ])
    }

    /// Wraps prose at 78 columns, indented by two.
    private func wrap(_ text: String) -> String {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty && line.count + 1 + word.count > 76 {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines.map { "  " + $0 }.joined(separator: "\n")
    }
}
