/// The impact contract discovery infers for a project, each value with why it
/// was chosen, and what it could not infer (left out, never guessed). Every
/// command is shell-quoted and resolved by `CommandResolver` (the same check
/// PIP001, EVA001 and REP001 make), so a contract written from it passes them.
public struct ContractSuggestion: Sendable {
    public var impact: ScaffoldFile.Impact
    /// One line per value: "evaluate: dvc repro evaluate (dvc.yaml:12 DVC stage 'evaluate')".
    public var reasons: [String] = []
    /// What is left for the user, one line each.
    public var missing: [String] = []
    /// The primary metric, when its direction is unknown.
    public var unknownDirection: String?

    public static let defaultLog = "impact/log.jsonl"

    public init(discovery: Discovery, resolver: CommandResolver) {
        impact = ScaffoldFile.Impact(log: Self.defaultLog)
        reasons.append("log: \(Self.defaultLog) (the impact log your evaluation should append to; see 'scaffold rules LOG001')")
        func pick(_ kinds: [Discovery.Kind], key: String) -> String? {
            var fallback: (String, Discovery.Finding)?
            for kind in kinds {
                for finding in discovery.of(kind) {
                    guard let command = finding.command else { continue }
                    switch resolver.resolve(command) {
                    case .inProject:
                        reasons.append("\(key): \(command) (\(finding.description))")
                        return command
                    case .onPath, .unknown:
                        if fallback == nil { fallback = (command, finding) }
                    case .missing:
                        continue
                    }
                }
            }
            if let (command, finding) = fallback {
                reasons.append("\(key): \(command) (\(finding.description); scaffold cannot check what it runs here)")
                return command
            }
            return nil
        }
        impact.pipeline = pick([.pipeline], key: "pipeline")
        impact.evaluate = pick([.evaluation], key: "evaluate")
        if impact.evaluate == nil {
            let dvc = discovery.findings.first { $0.kind == .tracker && $0.matched.hasPrefix("DVC pipeline") }
            if let dvc, let command = dvc.command, !discovery.findings.filter({ $0.kind == .metrics && $0.matched.hasPrefix("DVC metrics") }).isEmpty {
                impact.evaluate = command
                reasons.append("evaluate: \(command) (\(dvc.place): the DVC pipeline writes the metrics)")
            } else {
                impact.evaluate = pick([.training, .notebook], key: "evaluate")
                if impact.evaluate != nil { reasons[reasons.count - 1] += " — no separate evaluation was found, so the step that computes the metrics stands in" }
            }
        }
        impact.report = pick([.report], key: "report")
        if impact.pipeline == nil { missing.append("pipeline: nothing that rebuilds the data was found; add impact.pipeline when there is one (PIP001)") }
        if impact.evaluate == nil { missing.append("evaluate: nothing runnable that evaluates was found; add impact.evaluate (EVA001)") }
        if impact.report == nil { missing.append("report: no report command found; add impact.report when you have one (REP001)") }

        if let metric = discovery.metrics.first(where: { $0.greaterIsBetter != nil }) {
            impact.primaryMetric = metric.name
            impact.greaterIsBetter = metric.greaterIsBetter
            reasons.append("primary_metric: \(metric.name), \(metric.greaterIsBetter! ? "higher" : "lower") is better (from \(metric.place); direction from the table of known metric names)")
        } else if let metric = discovery.metrics.first {
            impact.primaryMetric = metric.name
            unknownDirection = metric.name
            reasons.append("primary_metric: \(metric.name) (from \(metric.place))")
            missing.append("greater_is_better: FILL IN — '\(metric.name)' is not a metric name scaffold knows, so its direction is left to you: add \"greater_is_better\": true if a higher value is better, false if lower (MET001 fails until you do)")
        } else {
            missing.append("primary_metric and greater_is_better: no metric name was found in code or metrics files; declare them (MET001)")
        }
        if let baseline = discovery.of(.baseline).first {
            missing.append("baseline: \(baseline.description) looks like one; set impact.baseline to the system name your evaluation logs for it (BAS001)")
        } else {
            missing.append("baseline: name the simple system your evaluation compares against in impact.baseline (BAS001)")
        }
    }

    /// When the project already has an impact log, its baselines are known by name: the strongest
    /// simple one a run compared its candidate with (else the first baseline) becomes impact.baseline.
    public mutating func takeBaseline(fromLog access: ProjectAccess) {
        guard access.isFile(Self.defaultLog) else { return }
        let log = ImpactLogChecker.analyse(access, log: Self.defaultLog)
        guard let candidate = log.records.last(where: { $0.role == "candidate" }),
              let id = candidate["comparison"]?["baseline_id"]?.stringValue ?? log.records.last(where: { $0.role == "baseline" })?.id,
              let baseline = log.record(id: id), let name = baseline.system
        else { return }
        impact.baseline = name
        missing.removeAll { $0.hasPrefix("baseline:") }
        reasons.append("baseline: \(name) (\(Self.defaultLog):\(baseline.line), the baseline the latest candidate is compared with)")
    }
}
