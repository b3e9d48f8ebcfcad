/// PIP001: impact.pipeline names something in the project.
struct PipelineDeclared: ValidationRule {
    let rule = Rule(
        "PIP001", .pipeline, .error, "pipeline command points at something in the project",
        why: """
            A result can be compared with another only when the data behind both can be rebuilt from the raw \
            inputs by one command.
            """,
        fix: """
            Set impact.pipeline in scaffold.json to the command that rebuilds the processed data from the raw \
            inputs (e.g. "python -m yourpkg.pipeline"), and make sure the module, script or make target it \
            names exists.
            """,
        requires: [.contract])

    func check(_ context: ValidationContext) -> RuleResult {
        context.hookCommand(rule, key: "pipeline", found: context.discovery.of(.pipeline),
                            purpose: "the command that rebuilds the processed data from the raw inputs",
                            placeholder: "python -m yourpkg.pipeline")
    }
}
