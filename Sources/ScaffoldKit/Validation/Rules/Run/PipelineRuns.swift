/// RUN001: the pipeline command exits 0.
struct PipelineRuns: ValidationRule {
    let rule = Rule(
        "RUN001", .run, .error, "pipeline command runs and exits 0",
        why: "Declared hooks prove nothing until they run; the pipeline must rebuild the data unattended.",
        fix: "Run the pipeline command from the project root yourself, fix what its output shows, then validate --run again.",
        requires: [.runFlag, .contract])

    func check(_ context: ValidationContext) -> RuleResult {
        hookRan("pipeline", because: "PIP001", in: context)
    }
}
