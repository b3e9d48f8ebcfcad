/// EVD001: the latest run compares with two or more baselines, or with one that is not trivial.
struct BaselineLadder: ValidationRule {
    let rule = Rule(
        "EVD001", .evidence, .warning, "the candidate is compared with a strong simple baseline",
        why: """
            Beating a majority-class or constant predictor is a low bar that almost any model clears; a reviewer asks how the \
            candidate does against the strongest simple model (a linear model on the same features, a seasonal \
            naive forecast, a popularity ranker).
            """,
        fix: """
            Evaluate a ladder of baselines in every run, trivial first, then at least one strong simple one, and log \
            each with role "baseline" (impact-log/2 runs log two or more).
            """,
        requires: [.rule("LOG001"), .logPresent])

    /// Names of baselines that know nothing about the input.
    static let trivialWords = ["majority", "dummy", "constant", "prior", "most_frequent", "mean", "median", "random", "zero", "uniform", "stratified", "popularity", "last_value", "naive"]

    static func isTrivial(_ system: String) -> Bool {
        let lower = system.lowercased().replacingOccurrences(of: "-", with: "_")
        return trivialWords.contains { lower.contains($0) }
    }

    func check(_ context: ValidationContext) -> RuleResult {
        if let skipped = context.recordsOrSkip(rule) { return skipped }
        let run = context.latestRun
        let baselines = run.filter { $0.role == "baseline" }.compactMap(\.system)
        let line = run.first?.line ?? 1
        let location = RuleResult.Location(context.log.path, line: line)
        let strong = baselines.filter { !Self.isTrivial($0) }
        if baselines.count >= 2 || !strong.isEmpty {
            return pass("the latest run (from line \(line)) compares with \(baselines.count) baseline\(baselines.count == 1 ? "" : "s"): \(ValidationContext.list(baselines.map { "'\($0)'" }))",
                        locations: [location], matched: strong.map { "'\($0)' is not a trivial baseline" })
        }
        if baselines.isEmpty {
            return fail("the latest run (from line \(line)) logs no baseline", locations: [location])
        }
        return fail("the latest run (from line \(line)) compares only with '\(baselines[0])', which knows nothing about the input",
                    details: ["a candidate that beats only a trivial baseline may still lose to the simplest real model"], locations: [location])
    }
}
