/// RUN002: the evaluate command exits 0.
struct EvaluateRuns: ValidationRule {
    let rule = Rule(
        "RUN002", .run, .error, "evaluate command runs and exits 0",
        why: "The evaluation must run unattended on the data the pipeline just built.",
        fix: "Run the evaluate command from the project root yourself, fix what its output shows, then validate --run again.",
        requires: [.runFlag, .rule("RUN001")])

    func check(_ context: ValidationContext) -> RuleResult {
        guard let command = context.contract?.command("evaluate") else {
            return skip("because EVA001 failed: \(context.missingHook("evaluate")), nothing to run")
        }
        guard let step = context.steps.first(where: { $0.hook == "evaluate" }) else {
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
