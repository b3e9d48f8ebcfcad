/// LOG002: every line of the log is an impact-log/1 or impact-log/2 record.
struct LogRecordsValid: ValidationRule {
    let rule = Rule(
        "LOG002", .log, .error, "every log line is an impact-log record",
        why: """
            Whatever compares runs, draws the chart or writes the report reads every line; one malformed record \
            breaks it or silently drops a result.
            """,
        fix: """
            Correct or remove the lines named. Each line is one JSON object with schema "impact-log/1" or "impact-log/2", id, \
            timestamp (UTC RFC 3339), git {commit, dirty}, data {fingerprint "sha256:…", row counts}, params, \
            seed, role, system, metrics {name: {value, ci95}}, primary_metric, greater_is_better, comparison, \
            test_evaluations. The harness writes valid records; hand edits and merges are the usual cause.
            """,
        requires: [.rule("LOG001"), .logPresent])

    func check(_ context: ValidationContext) -> RuleResult {
        let log = context.log
        var suffix = ""
        if case .cut(let line, _) = log.ending { suffix = "; line \(line) is cut off (LOG003)" }
        if let stopped = log.stoppedAfter { suffix += "; checked the first \(ProjectScanner.describe(stopped)) only" }
        guard !log.problems.isEmpty else {
            if log.records.isEmpty { return pass("\(log.path) is empty" + suffix, locations: [.init(log.path)]) }
            let schemas = Set(log.records.compactMap { $0["schema"]?.stringValue }).sorted().joined(separator: " and ")
            return pass("\(log.records.count) record\(log.records.count == 1 ? "" : "s") in \(log.path), all \(schemas)" + suffix,
                        locations: [.init(log.path)])
        }
        let bad = log.badLines
        let details = ValidationContext.capped(log.problems.map { "\(log.path):\($0.line): \($0.message)" })
        let message = bad == [0]
            ? "\(log.path) \(log.problems[0].message)"
            : "\(bad.count) of \(log.lineCount) line\(log.lineCount == 1 ? "" : "s") of \(log.path) \(bad.count == 1 ? "is not an impact-log record" : "are not impact-log records") (\(ValidationContext.lines(bad)))" + suffix
        return fail(message, details: details, locations: bad.prefix(30).map { .init(log.path, line: $0 == 0 ? nil : $0) })
    }
}
