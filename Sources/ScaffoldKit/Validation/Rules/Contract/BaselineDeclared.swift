/// BAS001: impact.baseline names a system.
struct BaselineDeclared: ValidationRule {
    let rule = Rule(
        "BAS001", .baseline, .error, "baseline is declared",
        why: "Impact is a difference: without a named baseline there is nothing to improve on.",
        fix: """
            Set impact.baseline in scaffold.json to the name of a simple system the harness evaluates on every \
            run (e.g. "majority-class" or "tfidf-logreg").
            """,
        requires: [.contract])

    func check(_ context: ValidationContext) -> RuleResult {
        if let baseline = context.contract?.baseline { return pass("baseline '\(baseline)'") }
        return fail("no baseline: \(context.missingHook("baseline"))",
                    details: context.foundInstead(context.discovery.of(.baseline), nothing: "found no baseline model in the code either"),
                    locations: [.init(ImpactContract.fileName)],
                    help: context.declare("baseline", "\"majority-class\"", why: "the name of a simple system the harness evaluates and logs on every run"))
    }
}
