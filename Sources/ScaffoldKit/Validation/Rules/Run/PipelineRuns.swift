/// RUN001: the pipeline command exits 0.
struct PipelineRuns: ValidationRule {
    let rule = Rule(
        "RUN001", .run, .error, "pipeline command runs and exits 0",
        why: "Declared hooks prove nothing until they run; the pipeline must rebuild the data unattended.",
        fix: "Run the pipeline command from the project root yourself, fix what its output shows, then validate --run again.",
        requires: [.runFlag, .contract])

    func check(_ context: ValidationContext) -> RuleResult {
        guard let command = context.contract?.command("pipeline") else {
            return skip("because PIP001 failed: \(context.missingHook("pipeline")), nothing to run")
        }
        guard let step = context.steps.first(where: { $0.hook == "pipeline" }) else {
            return skip("not run")
        }
        let tail = step.tail(12).map { "| " + $0 }
        if !step.started {
            return fail("'\(command)' could not be started (is sh on PATH?)")
        }
        if step.timedOut {
            return fail("'\(command)' timed out after \(HookRunner.seconds(context.options.timeout))", details: tail,
                        help: "make it faster, or allow more time with --timeout SECONDS")
        }
        if step.status != 0 {
            return fail("'\(command)' exited with status \(step.status)", details: tail)
        }
        return pass("'\(command)' exited 0 in \(HookRunner.seconds(step.seconds))", matched: tail)
    }
}
