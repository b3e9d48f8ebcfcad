/// MET002: every record reports the declared primary metric in the declared direction.
struct MetricLogged: ValidationRule {
    let rule = Rule(
        "MET002", .metric, .error, "primary metric appears in every log record",
        why: "A record that does not report the declared metric, in the declared direction, cannot be compared with the others.",
        fix: """
            Make the harness compute the declared primary metric for every system, record it under metrics, and \
            copy primary_metric and greater_is_better from the contract into every record.
            """,
        requires: [.rule("MET001"), .rule("LOG001"), .logPresent])

    func check(_ context: ValidationContext) -> RuleResult {
        if let skipped = context.recordsOrSkip(rule) { return skipped }
        guard let metric = context.contract?.primaryMetric, let direction = context.contract?.greaterIsBetter else {
            return skip("because MET001 failed")
        }
        let log = context.log
        var problems: [(Int, String)] = []
        for record in log.records {
            if record["primary_metric"]?.stringValue != metric {
                let found = record["primary_metric"].map(ImpactLogChecker.describe) ?? "nothing"
                problems.append((record.line, "primary_metric is \(found), the contract declares \"\(metric)\""))
            }
            if record["greater_is_better"]?.boolValue != direction {
                let found = record["greater_is_better"].map(ImpactLogChecker.describe) ?? "nothing"
                problems.append((record.line, "greater_is_better is \(found), the contract declares \(direction)"))
            }
            if record["metrics"]?.objectValue?[metric] == nil {
                problems.append((record.line, "metrics has no '\(metric)'"))
            }
        }
        guard !problems.isEmpty else {
            return pass("all \(log.records.count) records report \(metric), \(direction ? "greater" : "lower") is better",
                        locations: [.init(log.path)])
        }
        let lines = Array(Set(problems.map(\.0))).sorted()
        return fail("\(lines.count) of \(log.records.count) records do not report \(metric) as declared (\(ValidationContext.lines(lines)))",
                    details: ValidationContext.capped(problems.map { "\(log.path):\($0.0): \($0.1)" }),
                    locations: lines.prefix(30).map { .init(log.path, line: $0) })
    }
}
