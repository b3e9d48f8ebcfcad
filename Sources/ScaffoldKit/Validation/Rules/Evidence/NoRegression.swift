/// EVD006: the latest candidate is not worse than the best earlier candidate on the same test split beyond its interval.
struct NoRegression: ValidationRule {
    let rule = Rule(
        "EVD006", .evidence, .error, "the latest candidate has not regressed",
        why: """
            A change that makes the model worse than one the project already had, by more than the noise of the test \
            set, should not pass CI unnoticed: this is the gate (exit 1).
            """,
        fix: """
            Compare the new candidate with the best earlier one (previous_best in the record): revert or fix the change, \
            or, if the loss is accepted, say so in the report and evaluate on a new test split.
            """,
        requires: [.rule("LOG001"), .logPresent])

    func check(_ context: ValidationContext) -> RuleResult {
        if let skipped = context.recordsOrSkip(rule) { return skipped }
        guard let candidate = context.latestCandidate else { return skip("no candidate record in \(context.log.path)") }
        let location = RuleResult.Location(context.log.path, line: candidate.line)
        guard candidate.fields.keys.contains("previous_best") else {
            return skip("line \(candidate.line) is \(candidate["schema"]?.stringValue ?? "a record") without previous_best (impact-log/2 records it)")
        }
        guard case .object(let best)? = candidate["previous_best"] else {
            return pass("line \(candidate.line): no earlier candidate was evaluated on this test split", locations: [location])
        }
        let metric = best["metric"]?.stringValue ?? candidate["primary_metric"]?.stringValue ?? "the primary metric"
        let system = best["system"]?.stringValue ?? "the best earlier candidate"
        let run = best["run"]?.stringValue.map { " (run \($0))" } ?? ""
        let delta = best["delta"].flatMap(ImpactLogChecker.number)
        let interval = best["ci95"]?.arrayValue?.compactMap(ImpactLogChecker.number) ?? []
        let described = (delta.map { String(format: "Δ %+.4g", $0) } ?? "Δ undefined")
            + (interval.count == 2 ? String(format: ", 95%% CI [%+.4g, %+.4g]", interval[0], interval[1]) : "")
        if best["regressed"]?.boolValue == true {
            return fail("line \(candidate.line): '\(candidate.system ?? "the candidate")' is worse than '\(system)'\(run) on \(metric): \(described), the whole interval on the worse side",
                        details: ["previous \(best["previous"].map(ImpactLogChecker.describe) ?? "?"), now \(best["candidate"].map(ImpactLogChecker.describe) ?? "?")"],
                        locations: [location])
        }
        let verdict = best["improved"]?.boolValue == true ? "better than" : "not distinguishable from"
        return pass("line \(candidate.line): \(verdict) '\(system)'\(run) on \(metric): \(described)", locations: [location])
    }
}
