/// CON002: every key of scaffold.json is known and of the right type.
struct ContractValid: ValidationRule {
    let rule = Rule(
        "CON002", .contract, .error, "impact contract is valid",
        why: """
            Every tool that reads the contract silently ignores a misspelt key or a value of the wrong type, so \
            the hook it meant to declare is missing without anyone noticing.
            """,
        fix: """
            Fix what is named. Top-level keys: blueprint, impact, validate. impact: pipeline, evaluate, report, \
            log (strings), primary_metric (string), greater_is_better (boolean), baseline (string). validate: \
            select, ignore (arrays of rule IDs or family prefixes).
            """,
        requires: [.rule("CON001")])

    func check(_ context: ValidationContext) -> RuleResult {
        let file = ImpactContract.fileName
        guard let contract = context.contract else { return skip("because CON001 failed") }
        guard !contract.problems.isEmpty else {
            let declared = ImpactContract.impactKeys.filter { contract.impact[$0] != nil }
            return pass("\(file) declares " + (declared.isEmpty ? "no hooks" : declared.joined(separator: ", ")),
                        locations: [.init(file)], matched: declared.map { "impact.\($0) = \(contract.impact[$0]!.compact())" })
        }
        let lines = contract.problems.map { problem in
            "\(file)\(problem.line.map { ":\($0)" } ?? ""): \(problem.message)"
        }
        let message = contract.problems.count == 1 ? lines[0] : "\(contract.problems.count) problems in \(file)"
        return fail(message, details: contract.problems.count == 1 ? [] : ValidationContext.capped(lines),
                    locations: contract.problems.map { .init(file, line: $0.line) })
    }
}
