/// CMP001: every candidate record carries a sound comparison with a 95% CI.
struct ComparisonsSound: ValidationRule {
    let rule = Rule(
        "CMP001", .comparison, .error, "candidate records carry a comparison with a confidence interval",
        why: """
            A score on its own says nothing about impact; its difference from the baseline on the same data, \
            with a 95% confidence interval, does.
            """,
        fix: """
            Log every candidate with comparison {baseline_id, baseline, candidate, delta, ci95: [low, high], \
            improved}, computed against a baseline record of the log on the same data (e.g. a paired bootstrap).
            """,
        requires: [.rule("LOG001"), .logPresent])

    func check(_ context: ValidationContext) -> RuleResult {
        if let skipped = context.recordsOrSkip(rule) { return skipped }
        let log = context.log
        let candidates = log.records.filter { $0.role == "candidate" }
        guard !candidates.isEmpty else {
            return fail("no candidate records in \(log.path): its \(log.records.count) record\(log.records.count == 1 ? "" : "s") compare nothing with the baseline",
                        locations: [.init(log.path)])
        }
        var problems: [(Int, String)] = []
        for candidate in candidates {
            problems += context.comparisonProblems(candidate, in: log).map { (candidate.line, $0) }
        }
        guard !problems.isEmpty else {
            return pass("all \(candidates.count) candidate records compare with a logged baseline on the same data, with a 95% CI",
                        locations: [.init(log.path)])
        }
        let lines = Array(Set(problems.map(\.0))).sorted()
        return fail("\(lines.count) of \(candidates.count) candidate records lack a sound comparison with the baseline (\(ValidationContext.lines(lines)))",
                    details: ValidationContext.capped(problems.map { "\(log.path):\($0.0): \($0.1)" }),
                    locations: lines.prefix(30).map { .init(log.path, line: $0) })
    }
}
