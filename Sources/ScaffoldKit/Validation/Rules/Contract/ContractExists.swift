/// CON001: scaffold.json exists at the root and is a JSON object. Without one, it says what the project has instead (capped) and the contract `scaffold adopt` would write.
struct ContractExists: ValidationRule {
    let rule = Rule(
        "CON001", .contract, .error, "scaffold.json impact contract exists and parses",
        why: """
            The contract is how anyone (a teammate, CI, scaffold) learns which commands rebuild the data, run the \
            evaluation and write the report, where results are logged, and what counts as an improvement. \
            Without it the project's impact can be reproduced only by its author.
            """,
        fix: """
            Create scaffold.json at the project root with an "impact" object: {"impact": {"pipeline": "...", \
            "evaluate": "...", "report": "...", "log": "impact/log.jsonl", "primary_metric": "...", \
            "greater_is_better": true, "baseline": "..."}}. 'scaffold new --blueprint nlp-eval' writes a complete one.
            """)

    func check(_ context: ValidationContext) -> RuleResult {
        let file = ImpactContract.fileName
        switch context.contractState {
        case .loaded(let contract):
            let origin = contract.blueprintName.map { "generated from blueprint \($0)" } ?? "hand-made"
            return pass("\(file) (\(origin))", locations: [.init(file)])
        case .unreadable(let why, let location):
            return fail(why, locations: [location],
                        help: location.line == nil ? "replace it with a regular file holding the contract" : "fix the JSON at \(location.description), then validate again")
        case .absent:
            let found = context.discovery.summary
            var details = found.isEmpty
                ? ["found no pipeline, evaluation, metrics or tracking files either"]
                : ["found instead: " + ValidationContext.list(found, limit: 5, separator: "; ")]
            let suggestion = ContractSuggestion(discovery: context.discovery, resolver: context.resolver())
            let members = (suggestion.impact.json.objectValue ?? [:]).sorted { $0.key < $1.key }
        details.append("'scaffold adopt' would write: {\"impact\": {" + members.map { JSONValue.quote($0.key) + ": " + $0.value.compact() }.joined(separator: ", ") + "}}")
            return fail("no \(file) at the project root: the project declares no impact hooks", details: details,
                        help: "run 'scaffold adopt \(ShellQuote.quote(context.access.root))' to see and write the contract inferred from what was found (--dry-run to only see it); every other hook rule waits for it")
        }
    }
}
