/// The contract and hook-declaration rules: CON001, CON002, PIP001, EVA001,
/// LOG001, MET001, BAS001, REP001. Without a scaffold.json each hook rule
/// fails with what the project has instead and how to declare the hook.
extension Validator {
    static let contractFile = ImpactContract.fileName

    func contractExists(_ rule: Rule) -> RuleResult {
        let file = Self.contractFile
        switch access.kind(file) {
        case .file:
            let origin = contract?.blueprintName.map { "generated from blueprint \($0)" } ?? "hand-made"
            return pass(rule, "\(file) (\(origin))", locations: [.init(file)])
        case .symlink:
            return fail(rule, "\(file) is a symbolic link; scaffold reads only a regular file at the project root",
                        locations: [.init(file)], help: "replace the link with the file itself")
        case .directory, .other:
            return fail(rule, "\(file) is not a regular file", locations: [.init(file)], help: "replace it with the contract file")
        case .missing:
            let found = discovery.summary
            let details = found.isEmpty
                ? ["found no pipeline, evaluation, metrics or tracking files either"]
                : ["found instead: " + found.joined(separator: "; ")]
            return fail(rule, "no \(file) at the project root: the project declares no impact hooks", details: details,
                        help: "create \(file) at the project root, e.g. " + suggestedContract())
        }
    }

    /// A whole contract built from what was found, for CON001's fix.
    func suggestedContract() -> String {
        let found = discovery
        let pipeline = found.pipeline.compactMap(\.command).first ?? "python -m yourpkg.pipeline"
        let evaluate = found.evaluation.compactMap(\.command).first ?? "python -m yourpkg.evaluate"
        let report = found.reports.compactMap(\.command).first ?? "python -m yourpkg.report"
        let metric = found.metricNames.first ?? "macro_f1"
        let pairs: [(String, String)] = [
            ("pipeline", JSONValue.quote(pipeline)), ("evaluate", JSONValue.quote(evaluate)), ("report", JSONValue.quote(report)),
            ("log", "\"impact/log.jsonl\""), ("primary_metric", JSONValue.quote(metric)), ("greater_is_better", "true"),
            ("baseline", "\"majority-class\""),
        ]
        return "{\"impact\": {" + pairs.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}}"
            + " (each hook is explained by 'scaffold rules'; 'scaffold new --blueprint nlp-eval' shows a complete project)"
    }

    func contractValid(_ rule: Rule) -> RuleResult {
        let file = Self.contractFile
        switch contractState {
        case .absent:
            return skip(rule, "no \(file)")
        case .unreadable(let why):
            return fail(rule, why, locations: [.init(file)])
        case .loaded(let contract):
            guard !contract.problems.isEmpty else {
                let declared = ImpactContract.impactKeys.filter { contract.impact[$0] != nil }
                return pass(rule, "\(file) declares " + (declared.isEmpty ? "no hooks" : declared.joined(separator: ", ")),
                            locations: [.init(file)])
            }
            let lines = contract.problems.map { problem in
                "\(file)\(problem.line.map { ":\($0)" } ?? ""): \(problem.message)"
            }
            let message = contract.problems.count == 1 ? lines[0] : "\(contract.problems.count) problems in \(file)"
            return fail(rule, message, details: contract.problems.count == 1 ? [] : lines,
                        locations: contract.problems.map { .init(file, line: $0.line) })
        }
    }

    /// "add "key": "value" to "impact" in scaffold.json"
    func declare(_ key: String, _ value: String, why: String) -> String {
        "add " + JSONValue.quote(key) + ": " + value + " to \"impact\" in \(Self.contractFile) — " + why
    }

    /// Why a hook is missing: no contract, no key, or a key of the wrong type.
    func missingHook(_ key: String) -> String {
        guard let contract else { return "the project has no \(Self.contractFile)" }
        if let why = contract.invalidity(key) { return "impact.\(key) \(why)" }
        if !contract.hasImpact { return "\(Self.contractFile) has no \"impact\" object" }
        return "\(Self.contractFile) declares no impact.\(key)"
    }

    func foundInstead(_ items: [Discovery.Item], nothing: String) -> [String] {
        items.isEmpty ? [nothing] : ["found instead: " + items.prefix(6).map(\.description).joined(separator: "; ")]
    }

    func hookCommand(_ rule: Rule, key: String, found: [Discovery.Item], placeholder: String) -> RuleResult {
        guard let command = contract?.command(key) else {
            let suggestion = found.compactMap(\.command).first ?? placeholder
            let purpose = key == "pipeline"
                ? "the command that rebuilds the processed data from the raw inputs"
                : "the command that evaluates the baseline and the candidate and appends their records to the log"
            return fail(rule, "no \(key) hook: \(missingHook(key))",
                        details: foundInstead(found, nothing: "found nothing that looks like a \(key == "pipeline" ? "data pipeline" : "evaluation") either"),
                        locations: contract == nil ? [] : [.init(Self.contractFile)],
                        help: declare(key, JSONValue.quote(suggestion), why: purpose))
        }
        return judge(rule, command: command, key: key)
    }

    /// PIP001/EVA001/REP001 on a declared command.
    func judge(_ rule: Rule, command: String, key: String, extra: String = "") -> RuleResult {
        switch CommandResolver(access: access, environment: context.environment).resolve(command) {
        case .inProject(let locations, let how):
            return pass(rule, how + extra, locations: locations)
        case .onPath(let note):
            return pass(rule, "'\(command)' \(note)" + extra)
        case .missing(let why):
            return fail(rule, "impact.\(key) '\(command)' points at nothing in the project: \(why)",
                        locations: [.init(Self.contractFile, line: lineOf(key))])
        case .unknown(let why):
            return skip(rule, "cannot check impact.\(key): \(why)")
        }
    }

    func lineOf(_ key: String) -> Int? {
        guard let data = access.read(Self.contractFile, limit: ImpactContract.sizeLimit) else { return nil }
        return ImpactContract.lineOf(key: key, after: "impact", in: String(decoding: data, as: UTF8.self))
    }

    func logDeclared(_ rule: Rule) -> RuleResult {
        guard let raw = contract?.log else {
            var found = discovery.metrics + discovery.trackers.filter { !$0.what.hasPrefix("DVC") }
            found = Array(found.prefix(6))
            var details = foundInstead(found, nothing: "found no metrics files or experiment tracker either")
            if !found.isEmpty {
                details.append("unlike \(discovery.metrics.isEmpty ? "an experiment tracker" : "a metrics file, overwritten by each run,") the impact log keeps every run in the project, with the commit and data it came from")
            }
            return fail(rule, "no impact log: \(missingHook("log"))", details: details,
                        locations: contract == nil ? [] : [.init(Self.contractFile)],
                        help: declare("log", "\"impact/log.jsonl\"", why: "and make evaluate append one impact-log/1 record per system per run to it"))
        }
        guard let log = declaredLog else {
            return fail(rule, "impact.log '\(raw)' is outside the project", locations: [.init(Self.contractFile, line: lineOf("log"))])
        }
        switch access.kind(log) {
        case .file:
            let size = access.size(log) ?? 0
            return pass(rule, "\(log) (\(ProjectScanner.describe(size)))", locations: [.init(log)])
        case .missing:
            let how = contract?.evaluate.map { " ('\($0)')" } ?? ""
            return pass(rule, "\(log) is declared; it does not exist yet: run evaluate once\(how)")
        case .symlink:
            return fail(rule, "\(log) is (or is reached through) a symbolic link, which scaffold does not follow",
                        locations: [.init(log)], help: "keep the log a regular file inside the project")
        case .directory:
            return fail(rule, "\(log) is a directory, not a log file", locations: [.init(log)])
        case .other:
            return fail(rule, "\(log) is a special file (FIFO, socket or device), not a log file", locations: [.init(log)])
        }
    }

    func metricDeclared(_ rule: Rule) -> RuleResult {
        let metric = contract?.primaryMetric
        let direction = contract?.greaterIsBetter
        if let metric, let direction {
            return pass(rule, "\(metric), \(direction ? "greater" : "lower") is better")
        }
        var missing: [String] = []
        if metric == nil { missing.append(missingHook("primary_metric")) }
        if direction == nil && contract != nil { missing.append(missingHook("greater_is_better")) }
        let found = discovery.metricNames
        let details = found.isEmpty
            ? foundInstead(discovery.metrics, nothing: "found no metrics file to take a metric name from")
            : ["found instead: metrics " + found.prefix(8).joined(separator: ", ") + " in " + discovery.metrics.prefix(3).map(\.path).joined(separator: ", ")]
        let name = metric ?? found.first ?? "macro_f1"
        return fail(rule, "no primary metric and direction: " + missing.joined(separator: "; "), details: details,
                    locations: contract == nil ? [] : [.init(Self.contractFile)],
                    help: "add \"primary_metric\": \(JSONValue.quote(name)), \"greater_is_better\": true (or false) to \"impact\" in \(Self.contractFile)")
    }

    func baselineDeclared(_ rule: Rule) -> RuleResult {
        if let baseline = contract?.baseline { return pass(rule, "baseline '\(baseline)'") }
        return fail(rule, "no baseline: \(missingHook("baseline"))",
                    details: foundInstead(discovery.baselines, nothing: "found no file named like a baseline either"),
                    locations: contract == nil ? [] : [.init(Self.contractFile)],
                    help: declare("baseline", "\"majority-class\"", why: "the name of a simple system the harness evaluates and logs on every run"))
    }

    func reportDeclared(_ rule: Rule) -> RuleResult {
        let directory = declaredLog.map { Path.parent($0) == "." ? "" : Path.parent($0) } ?? "impact"
        let reportFile = ProjectAccess.join(directory, "IMPACT.md")
        let present = access.isFile(reportFile)
        if let command = contract?.report {
            let note = present ? "; \(reportFile) is there" : "; \(reportFile) not written yet (run the report command after evaluate)"
            return judge(rule, command: command, key: "report", extra: note)
        }
        if present {
            return pass(rule, "\(reportFile) is there (no impact.report command declares how to rebuild it, so it may go stale)",
                        locations: [.init(reportFile)])
        }
        let suggestion = discovery.reports.compactMap(\.command).first ?? "python -m yourpkg.report"
        return fail(rule, "no report: \(missingHook("report")), and there is no \(reportFile)",
                    details: foundInstead(discovery.reports, nothing: "found no report or report script either"),
                    locations: contract == nil ? [] : [.init(Self.contractFile)],
                    help: declare("report", JSONValue.quote(suggestion), why: "the command that writes \(reportFile) from the log"))
    }
}
