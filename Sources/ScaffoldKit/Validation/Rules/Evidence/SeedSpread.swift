/// EVD003: the latest candidate records how its score varies with the model seed.
struct SeedSpread: ValidationRule {
    let rule = Rule(
        "EVD003", .evidence, .warning, "the seed spread is recorded",
        why: """
            A difference smaller than the spread between seeds of the same model is noise; without the spread nobody can tell.
            """,
        fix: """
            Evaluate the candidate with several model seeds (python -m PKG.evaluate --seeds 5 in a scaffold project) so \
            the record carries seeds.spread (impact-log/2).
            """,
        requires: [.rule("LOG001"), .logPresent])

    func check(_ context: ValidationContext) -> RuleResult {
        if let skipped = context.recordsOrSkip(rule) { return skipped }
        guard let candidate = context.latestCandidate else { return skip("no candidate record in \(context.log.path)") }
        let location = RuleResult.Location(context.log.path, line: candidate.line)
        if candidate["seed_dependent"]?.boolValue == false {
            return pass("line \(candidate.line): the candidate does not depend on a seed", locations: [location])
        }
        guard let seeds = candidate["seeds"]?.objectValue else {
            return fail("line \(candidate.line): no seeds recorded (\(candidate["schema"]?.stringValue ?? "the record") has no 'seeds'); one seed's score may be luck",
                        locations: [location])
        }
        guard case .object(let spread)? = seeds["spread"], let values = spread["values"]?.arrayValue, values.count >= 2 else {
            let count = seeds["evaluated"]?.arrayValue?.count ?? 1
            return fail("line \(candidate.line): the candidate was evaluated with \(count) seed\(count == 1 ? "" : "s") only: its spread is unknown",
                        locations: [location])
        }
        let metric = spread["metric"]?.stringValue ?? "the primary metric"
        let mean = spread["mean"].flatMap(ImpactLogChecker.number), std = spread["std"].flatMap(ImpactLogChecker.number)
        let summary = mean.map { m in std.map { String(format: "%.4g ± %.2g", m, $0) } ?? String(format: "%.4g", m) } ?? "recorded"
        return pass("line \(candidate.line): \(metric) over \(values.count) seeds: \(summary)", locations: [location])
    }
}
