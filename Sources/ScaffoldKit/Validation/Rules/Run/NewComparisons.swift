/// RUN005: the --run evaluation logged a compared candidate.
struct NewComparisons: ValidationRule {
    let rule = Rule(
        "RUN005", .run, .error, "the new candidate records carry a comparison",
        why: "A run that evaluates the candidate without comparing it to the baseline shows no impact.",
        fix: """
            Make each run evaluate the baseline and the candidate on the same data and log the candidate with a \
            comparison {baseline_id, baseline, candidate, delta, ci95, improved}.
            """,
        requires: [.runFlag, .rule("RUN003")])

    func check(_ context: ValidationContext) -> RuleResult {
        guard let path = context.declaredLog else { return skip("because LOG001 failed") }
        let candidates = context.newRecords.records.filter { $0.role == "candidate" }
        guard !candidates.isEmpty else {
            return fail("the run logged no candidate record, so nothing was compared with the baseline", locations: [.init(path)])
        }
        let whole = context.log
        var problems: [String] = []
        for candidate in candidates {
            problems += context.comparisonProblems(candidate, in: whole).map { "\(path):\(candidate.line): \($0)" }
        }
        guard problems.isEmpty else {
            return fail("new candidate records lack a sound comparison with the baseline", details: ValidationContext.capped(problems))
        }
        return pass("\(candidates.count) new candidate record\(candidates.count == 1 ? "" : "s") compare\(candidates.count == 1 ? "s" : "") with a baseline, with a 95% CI")
    }
}
