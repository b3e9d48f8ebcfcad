import Foundation

/// Judges one project against the rule catalog: reads the contract, runs the
/// hooks when asked (before anything else looks at the log), walks the tree
/// once, then has the shared `ValidationContext` judge each selected rule.
public struct Validator {
    let scaffold: ScaffoldContext
    let access: ProjectAccess
    let options: ValidationOptions

    /// `root` must be an absolute, normalized path of a directory.
    public init(root: String, options: ValidationOptions, context: ScaffoldContext) {
        self.scaffold = context
        self.access = ProjectAccess(fileSystem: context.fileSystem, root: root)
        self.options = options
    }

    public func validate() throws(ScaffoldError) -> ValidationReport {
        let context = ValidationContext(access: access, options: options, scaffold: scaffold)
        do { context.tree = try ProjectScanner(access: access, limits: options.scanLimits).scan() } catch {
            throw ScaffoldError("cannot read the project directory \(access.root): \(error.reason)", fix: "check the path and its permissions")
        }
        context.contractState = ImpactContract.load(access)
        let selection = (context.contract?.selection ?? RuleSelection()).overridden(by: options.selection)
        let selected = RuleCatalog.rules.filter { selection.includes($0, run: options.run) }

        if options.run, selected.contains(where: \.needsRun), let contract = context.contract {
            runHooks(contract, in: context)
        }

        var report = ValidationReport(root: access.root)
        if let contract = context.contract, let name = contract.blueprintName {
            report.blueprint = contract.blueprintVersion.map { "\(name) \($0)" } ?? name
        }
        report.contractStatus = switch context.contractState {
        case .absent: .absent
        case .unreadable: .unreadable
        case .loaded: .loaded
        }
        report.results = selected.map { context.result(for: $0.id) }
        report.notices = context.tree.notices
        report.droppedNotices = context.tree.droppedNotices
        report.steps = context.steps
        report.fallbackLocation = ["scaffold.json", "README.md", "README.rst", "README", "pyproject.toml", "setup.py", "Makefile"]
            .first { context.tree.hasFile($0) } ?? "scaffold.json"
        return report
    }

    /// Runs pipeline then evaluate (and, with --reproduce, evaluate again), rescanning after.
    private func runHooks(_ contract: ImpactContract, in context: ValidationContext) {
        var hooks: [(name: String, command: String)] = []
        if let pipeline = contract.pipeline {
            hooks.append(("pipeline", pipeline))
            if let evaluate = contract.evaluate { hooks.append(("evaluate", evaluate)) }
        }
        let log = context.declaredLog
        if let log { context.logBefore = LogSnapshot.take(access, log: log) }
        let runner = HookRunner(context: scaffold, root: access.root, timeout: options.timeout)
        context.steps = runner.run(hooks)
        if options.reproduce, let log, let evaluate = contract.evaluate, context.steps.count == 2,
           context.steps.allSatisfy(\.succeeded) {
            let middle = LogSnapshot.take(access, log: log)
            let before = context.logBefore ?? LogSnapshot(exists: false, size: 0, lines: 0, digest: "")
            context.firstRunRecords = ImpactLogChecker.analyse(access, log: log, from: before.size, firstLine: before.lines + 1)
            context.secondRunStart = middle
            context.steps += runner.run([("evaluate again", evaluate)])
        }
        if !context.steps.isEmpty, let rescanned = try? ProjectScanner(access: access, limits: options.scanLimits).scan() { context.tree = rescanned }
    }
}
