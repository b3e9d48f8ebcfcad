extension ValidationRule {
    /// The verdict on a hook `validate --run` ran (RUN001 pipeline, RUN002 evaluate): passes when the
    /// command exited 0; fails with the tail of its output when it could not start, timed out or failed;
    /// skipped when the contract does not declare it (`because` names the rule that said so) or it was
    /// not run.
    func hookRan(_ hook: String, because declaringRule: String, in context: ValidationContext) -> RuleResult {
        guard let command = context.contract?.command(hook) else {
            return skip("because \(declaringRule) failed: \(context.missingHook(hook)), nothing to run")
        }
        guard let step = context.steps.first(where: { $0.hook == hook }) else {
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
