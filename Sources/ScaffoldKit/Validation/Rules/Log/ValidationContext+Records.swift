/// What the log-content rules share: the skip while the log has no records,
/// the soundness of one candidate's comparison, and the latest run.
extension ValidationContext {
    /// Skips a content rule while the log has no records.
    func recordsOrSkip(_ rule: Rule) -> RuleResult? {
        guard log.records.isEmpty else { return nil }
        let how = contract?.evaluate.map { " ('\($0)')" } ?? ""
        return RuleResult(rule: rule, outcome: .skip, message: log.lineCount == 0
            ? "\(log.path) has no records yet: run evaluate once\(how)"
            : "because LOG002 failed: \(log.path) has no readable records")
    }

    /// The records of the latest run (by `run`, else the records since the last baseline-after-candidate).
    var latestRun: [LogAnalysis.Record] {
        let records = log.records
        guard let last = records.last else { return [] }
        if let run = last["run"]?.stringValue { return records.filter { $0["run"]?.stringValue == run } }
        var start = records.count - 1
        while start > 0, !(records[start - 1].role == "candidate" && records[start].role == "baseline") { start -= 1 }
        return Array(records[start...])
    }

    /// The latest candidate record, if any.
    var latestCandidate: LogAnalysis.Record? { log.records.last { $0.role == "candidate" } }

    /// What is wrong with one candidate's comparison (empty when sound).
    func comparisonProblems(_ candidate: LogAnalysis.Record, in log: LogAnalysis) -> [String] {
        let name = candidate.system.map { "'\($0)'" } ?? "the candidate"
        guard case .object(let comparison)? = candidate["comparison"] else {
            return ["\(name) has no comparison with the baseline"]
        }
        var problems: [String] = []
        if let interval = comparison["ci95"] {
            let numbers = interval.arrayValue?.compactMap(ImpactLogChecker.number) ?? []
            if interval.arrayValue?.count != 2 || ImpactLogChecker.intervalProblem(interval) != nil {
                problems.append("comparison.ci95 is not a [low, high] interval")
            } else if numbers.count < 2 {
                problems.append("comparison.ci95 is undefined (null): no confidence interval for the difference")
            }
        } else {
            problems.append("comparison has no ci95 [low, high]")
        }
        guard let baselineID = comparison["baseline_id"]?.stringValue else {
            problems.append("comparison has no baseline_id naming the baseline record it compares with")
            return problems
        }
        guard let baseline = log.record(id: baselineID) else {
            problems.append("comparison.baseline_id '\(baselineID)' is the id of no record in the log")
            return problems
        }
        if baseline.role != "baseline" {
            problems.append("comparison.baseline_id points at line \(baseline.line), which is not a baseline record")
        }
        let named = comparison["baseline_system"]?.stringValue ?? comparison["baseline"]?.stringValue
        if let named, let system = baseline.system, named != system {
            problems.append("the comparison names baseline '\(named)' but line \(baseline.line) is '\(system)'")
        }
        if let candidateName = comparison["candidate"]?.stringValue, let system = candidate.system, candidateName != system {
            problems.append("comparison.candidate is '\(candidateName)' but the record is '\(system)'")
        }
        if let metric = comparison["metric"]?.stringValue, let primary = candidate["primary_metric"]?.stringValue, metric != primary {
            problems.append("the comparison is about '\(metric)', the record's primary metric is '\(primary)'")
        }
        let ours = candidate["data"]?["fingerprint"]?.stringValue
        let theirs = baseline["data"]?["fingerprint"]?.stringValue
        if let ours, let theirs, ours != theirs {
            problems.append("compared with line \(baseline.line), which was evaluated on different data (data fingerprints differ)")
        }
        return problems
    }
}
