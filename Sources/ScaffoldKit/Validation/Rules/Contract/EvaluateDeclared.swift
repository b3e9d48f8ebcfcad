/// EVA001: impact.evaluate names something in the project.
struct EvaluateDeclared: ValidationRule {
    let rule = Rule(
        "EVA001", .evaluation, .error, "evaluate command points at something in the project",
        why: """
            The evaluation harness turns a model into numbers that can be compared with a baseline; it must be \
            runnable by one command, by anyone.
            """,
        fix: """
            Set impact.evaluate in scaffold.json to the command that evaluates the baseline and the candidate \
            and appends their records to the log (e.g. "python -m yourpkg.evaluate"), and make sure what it \
            names exists.
            """,
        requires: [.contract])

    func check(_ context: ValidationContext) -> RuleResult {
        context.hookCommand(rule, key: "evaluate", found: context.discovery.of(.evaluation) + context.discovery.of(.training),
                            purpose: "the command that evaluates the baseline and the candidate and appends their records to the log",
                            placeholder: "python -m yourpkg.evaluate")
    }
}
