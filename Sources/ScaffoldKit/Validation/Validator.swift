import Foundation

/// Judges one project against the rule catalog. Reads the contract, runs the
/// hooks when asked (before anything else looks at the log), walks the tree
/// once, then evaluates each selected rule — and, silently, the rules it
/// requires — at most once. One instance per validation; not shared.
public final class Validator {
    let context: ScaffoldContext
    let access: ProjectAccess
    let options: ValidationOptions

    private(set) var contractState: ImpactContract.State = .absent
    private(set) var tree = ProjectTree()
    private(set) var steps: [HookRunner.Step] = []
    private(set) var logBefore: LogSnapshot?
    private var results: [String: RuleResult] = [:]
    private var cachedDiscovery: Discovery?
    private var cachedLog: LogAnalysis?
    private var cachedNewRecords: LogAnalysis?

    /// `root` must be an absolute, normalized path of a directory.
    public init(root: String, options: ValidationOptions, context: ScaffoldContext) {
        self.context = context
        self.access = ProjectAccess(fileSystem: context.fileSystem, root: root)
        self.options = options
    }

    public func validate() throws(ScaffoldError) -> ValidationReport {
        do { tree = try ProjectScanner(access: access).scan() } catch {
            throw ScaffoldError("cannot read the project directory \(access.root): \(error.reason)", fix: "check the path and its permissions")
        }
        contractState = ImpactContract.load(access)
        let selection = (contract?.selection ?? RuleSelection()).overridden(by: options.selection)
        let selected = RuleCatalog.rules.filter { selection.includes($0, run: options.run) }

        if options.run, selected.contains(where: \.needsRun), let contract {
            var hooks: [(name: String, command: String)] = []
            if let pipeline = contract.pipeline {
                hooks.append(("pipeline", pipeline))
                if let evaluate = contract.evaluate { hooks.append(("evaluate", evaluate)) }
            }
            if let log = declaredLog { logBefore = LogSnapshot.take(access, log: log) }
            steps = HookRunner(context: context, root: access.root, timeout: options.timeout).run(hooks)
            if !steps.isEmpty, let rescanned = try? ProjectScanner(access: access).scan() { tree = rescanned }
        }

        var report = ValidationReport(root: access.root)
        if let contract, let name = contract.blueprintName {
            report.blueprint = contract.blueprintVersion.map { "\(name) \($0)" } ?? name
        }
        report.hasContract = contract != nil
        report.results = selected.map { result(for: $0.id) }
        report.notices = tree.notices
        report.droppedNotices = tree.droppedNotices
        report.steps = steps
        report.fallbackLocation = ["scaffold.json", "README.md", "README.rst", "README", "pyproject.toml", "setup.py", "Makefile"]
            .first { tree.hasFile($0) } ?? "scaffold.json"
        return report
    }

    // MARK: - Rule evaluation

    /// The result of a rule (memoized), after its requirements.
    func result(for id: String) -> RuleResult {
        if let done = results[id] { return done }
        guard let rule = RuleCatalog.rule(id) else { preconditionFailure("unknown rule \(id)") }
        let result = unmetRequirement(of: rule).map { RuleResult(rule: rule, outcome: .skip, message: $0) } ?? check(rule)
        results[id] = result
        return result
    }

    /// Why a rule must be skipped, or nil when it can be judged.
    func unmetRequirement(of rule: Rule) -> String? {
        for requirement in rule.requirements {
            switch requirement {
            case .runFlag:
                if !options.run { return "runs only with --run, which runs the project's own commands" }
            case .readableContract:
                if case .unreadable = contractState { return "requires a readable scaffold.json (see CON002)" }
            case .rule(let other):
                let required = result(for: other)
                switch required.outcome {
                case .pass: continue
                case .skip: return required.message
                case .fail: return "requires \(other) (\(required.rule.summary)), which failed"
                }
            case .logPresent:
                guard let log = declaredLog, access.kind(log) == .file else {
                    let path = declaredLog ?? "the impact log"
                    let how = contract?.evaluate.map { " ('\($0)')" } ?? ""
                    return "run evaluate once\(how) to create \(path)"
                }
            }
        }
        return nil
    }

    func check(_ rule: Rule) -> RuleResult {
        switch rule.id {
        case "CON001": contractExists(rule)
        case "CON002": contractValid(rule)
        case "PIP001": hookCommand(rule, key: "pipeline", found: discovery.pipeline, placeholder: "python -m yourpkg.pipeline")
        case "EVA001": hookCommand(rule, key: "evaluate", found: discovery.evaluation, placeholder: "python -m yourpkg.evaluate")
        case "EVA002": evaluationWritesLog(rule)
        case "LOG001": logDeclared(rule)
        case "LOG002": logRecordsValid(rule)
        case "LOG003": logLastLineComplete(rule)
        case "MET001": metricDeclared(rule)
        case "MET002": metricLogged(rule)
        case "BAS001": baselineDeclared(rule)
        case "BAS002": baselineLogged(rule)
        case "CMP001": comparisons(rule)
        case "PRV001": provenance(rule)
        case "TST001": testsExist(rule)
        case "TST002": testsExerciseHarness(rule)
        case "REP001": reportDeclared(rule)
        case "HYG001": largeDataTracked(rule)
        case "RUN001": hookRan(rule, hook: "pipeline")
        case "RUN002": hookRan(rule, hook: "evaluate")
        case "RUN003": logGrew(rule)
        case "RUN004": logPrefixUnchanged(rule)
        case "RUN005": newComparisons(rule)
        default: preconditionFailure("no check for rule \(rule.id)")
        }
    }

    // MARK: - Shared state

    var contract: ImpactContract? {
        if case .loaded(let contract) = contractState { return contract }
        return nil
    }

    /// The declared log, cleaned, when it is a path inside the project.
    var declaredLog: String? {
        contract?.log.flatMap(ProjectAccess.clean).flatMap { $0.isEmpty ? nil : $0 }
    }

    var discovery: Discovery {
        if let cachedDiscovery { return cachedDiscovery }
        let found = Discovery.discover(tree, access: access)
        cachedDiscovery = found
        return found
    }

    /// The whole log, read once (only asked for when it exists).
    var log: LogAnalysis {
        if let cachedLog { return cachedLog }
        let analysis = ImpactLogChecker.analyse(access, log: declaredLog ?? "")
        cachedLog = analysis
        return analysis
    }

    /// The bytes the --run evaluation appended, read as a log of their own.
    var newRecords: LogAnalysis {
        if let cachedNewRecords { return cachedNewRecords }
        let before = logBefore ?? LogSnapshot(exists: false, size: 0, lines: 0, digest: "")
        let analysis = ImpactLogChecker.analyse(access, log: declaredLog ?? "", from: before.size, firstLine: before.lines + 1)
        cachedNewRecords = analysis
        return analysis
    }

    /// The Python package of a scaffold-generated project, when it has the impact tools.
    var scaffoldPackage: String? {
        var candidates: [String] = []
        if let name = contract?.answers["package_name"]?.stringValue { candidates.append(name) }
        if let evaluate = contract?.evaluate, let range = evaluate.range(of: "-m ") {
            let module = evaluate[range.upperBound...].split(separator: " ").first.map(String.init) ?? ""
            if let top = module.split(separator: ".").first { candidates.append(String(top)) }
        }
        return candidates.first { access.isFile("src/\($0)/impact/log.py") || access.isFile("\($0)/impact/log.py") }
    }

    func pass(_ rule: Rule, _ message: String, locations: [RuleResult.Location] = []) -> RuleResult {
        RuleResult(rule: rule, outcome: .pass, message: message, locations: locations)
    }

    func fail(
        _ rule: Rule, _ message: String, details: [String] = [], locations: [RuleResult.Location] = [], help: String? = nil
    ) -> RuleResult {
        RuleResult(rule: rule, outcome: .fail, message: message, details: details, locations: locations, help: help)
    }

    func skip(_ rule: Rule, _ reason: String) -> RuleResult {
        RuleResult(rule: rule, outcome: .skip, message: reason)
    }

    /// "lines 3, 7, 9 and 4 more".
    static func lines(_ numbers: [Int], limit: Int = 8) -> String {
        let shown = numbers.prefix(limit).map(String.init).joined(separator: ", ")
        let more = numbers.count > limit ? " and \(numbers.count - limit) more" : ""
        return (numbers.count == 1 ? "line " : "lines ") + shown + more
    }

    /// Caps a list of detail lines.
    static func capped(_ lines: [String], limit: Int = 30) -> [String] {
        lines.count <= limit ? lines : Array(lines.prefix(limit)) + ["… and \(lines.count - limit) more"]
    }
}
