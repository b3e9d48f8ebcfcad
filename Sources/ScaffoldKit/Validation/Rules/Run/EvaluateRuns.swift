/// RUN002: the evaluate command exits 0.
struct EvaluateRuns: ValidationRule {
    let rule = Rule(
        "RUN002", .run, .error, "evaluate command runs and exits 0",
        why: "The evaluation must run unattended on the data the pipeline just built.",
        fix: "Run the evaluate command from the project root yourself, fix what its output shows, then validate --run again.",
        requires: [.runFlag, .rule("RUN001")])

    func check(_ context: ValidationContext) -> RuleResult {
        hookRan("evaluate", because: "EVA001", in: context)
    }
}
