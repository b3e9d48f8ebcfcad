import Foundation

/// What every rule of one validation reads: the contract, the tree of one
/// walk, what discovery found, the log (read once), the hooks `--run` ran and
/// the log before them. It also judges rules: each at most once, after its
/// requirements, skipping it with the cause when one does not hold. One
/// instance per validation; not shared.
public final class ValidationContext {
    public let access: ProjectAccess
    public let options: ValidationOptions
    let scaffold: ScaffoldContext

    public internal(set) var contractState: ImpactContract.State = .absent
    public internal(set) var tree = ProjectTree()
    public internal(set) var steps: [HookRunner.Step] = []
    /// The log before `--run` ran the hooks (and before the second run of `--reproduce`).
    var logBefore: LogSnapshot?
    /// The records the first evaluate of `--reproduce` appended (the second's are `newRecords`).
    var firstRunRecords: LogAnalysis?
    /// The log between the two evaluations of `--reproduce`.
    var secondRunStart: LogSnapshot?
    private var results: [String: RuleResult] = [:]
    private var cachedDiscovery: Discovery?
    private var cachedLog: LogAnalysis?
    private var cachedNewRecords: LogAnalysis?

    init(access: ProjectAccess, options: ValidationOptions, scaffold: ScaffoldContext) {
        self.access = access
        self.options = options
        self.scaffold = scaffold
    }

    var environment: [String: String] { scaffold.environment }
    var processes: any ProcessRunner { scaffold.processes }

    // MARK: - Judging rules

    /// The result of a rule (memoized), after its requirements.
    public func result(for id: String) -> RuleResult {
        if let done = results[id] { return done }
        guard let check = RuleCatalog.check(id) else {
            // Only reachable through a requirement naming no rule, which the catalog tests rule out.
            return RuleResult(rule: Rule(id, .contract, .warning, "unknown rule", why: "", fix: ""), outcome: .skip, message: "no rule \(id)")
        }
        let rule = check.rule
        let result = unmetRequirement(of: rule).map { RuleResult(rule: rule, outcome: .skip, message: $0) } ?? check.check(self)
        results[id] = result
        return result
    }

    /// Why a rule must be skipped ("because CON001 failed"), or nil when it can be judged.
    func unmetRequirement(of rule: Rule) -> String? {
        for requirement in rule.requirements {
            switch requirement {
            case .runFlag:
                if !options.run { return "runs only with --run, which runs the project's own commands" }
            case .reproduceFlag:
                if !options.reproduce { return "runs only with --run --reproduce, which runs evaluate a second time" }
            case .contract:
                if contract == nil {
                    let cause = result(for: "CON001")
                    return cause.outcome == .fail ? "because CON001 failed" : "because there is no readable scaffold.json"
                }
            case .rule(let other):
                let required = result(for: other)
                switch required.outcome {
                case .pass: continue
                case .skip: return required.message
                case .fail: return "because \(other) failed"
                }
            case .logPresent:
                guard let log = declaredLog, access.kind(log) == .file else {
                    let path = declaredLog ?? "the impact log"
                    if options.run, steps.contains(where: { $0.hook == "evaluate" }) {
                        return "because RUN003 failed: evaluate ran but \(path) does not exist"
                    }
                    let how = contract?.evaluate.map { " ('\($0)')" } ?? ""
                    return "\(path) does not exist yet: run evaluate once\(how)"
                }
            }
        }
        return nil
    }

    // MARK: - Shared state

    public var contract: ImpactContract? {
        if case .loaded(let contract) = contractState { return contract }
        return nil
    }

    /// The declared log, cleaned, when it is a path inside the project.
    public var declaredLog: String? {
        contract?.log.flatMap(ProjectAccess.clean).flatMap { $0.isEmpty ? nil : $0 }
    }

    public var discovery: Discovery {
        if let cachedDiscovery { return cachedDiscovery }
        let found = Discovery.discover(tree, access: access)
        cachedDiscovery = found
        return found
    }

    /// The whole log, read once (only asked for when it exists).
    public var log: LogAnalysis {
        if let cachedLog { return cachedLog }
        let analysis = ImpactLogChecker.analyse(access, log: declaredLog ?? "")
        cachedLog = analysis
        return analysis
    }

    /// The bytes the (last) --run evaluation appended, read as a log of their own.
    var newRecords: LogAnalysis {
        if let cachedNewRecords { return cachedNewRecords }
        let before = logBefore ?? LogSnapshot(exists: false, size: 0, lines: 0, digest: "")
        let analysis = ImpactLogChecker.analyse(access, log: declaredLog ?? "", from: before.size, firstLine: before.lines + 1)
        cachedNewRecords = analysis
        return analysis
    }

    func resolver() -> CommandResolver { CommandResolver(access: access, environment: environment) }

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

    /// The line of `key` inside "impact" in scaffold.json.
    func contractLine(_ key: String) -> Int? {
        guard let data = access.read(ImpactContract.fileName, limit: ImpactContract.sizeLimit) else { return nil }
        return ImpactContract.lineOf(key: key, after: "impact", in: String(decoding: data, as: UTF8.self))
    }

    // MARK: - Formatting helpers

    /// "lines 3, 7, 9 and 4 more".
    static func lines(_ numbers: [Int], limit: Int = 8) -> String {
        let shown = numbers.prefix(limit).map(String.init).joined(separator: ", ")
        let more = numbers.count > limit ? " and \(numbers.count - limit) more" : ""
        return (numbers.count == 1 ? "line " : "lines ") + shown + more
    }

    /// Caps a list of detail lines ("… and N more").
    static func capped(_ lines: [String], limit: Int = 12) -> [String] {
        lines.count <= limit ? lines : Array(lines.prefix(limit)) + ["… and \(lines.count - limit) more"]
    }

    /// "a, b, c and 4 more".
    static func list(_ items: [String], limit: Int = 6, separator: String = ", ") -> String {
        let shown = items.prefix(limit).joined(separator: separator)
        return items.count > limit ? shown + " and \(items.count - limit) more" : shown
    }
}
