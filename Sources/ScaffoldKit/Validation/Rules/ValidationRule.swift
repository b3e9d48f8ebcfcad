/// One rule of `scaffold validate` as a type: its metadata and its check,
/// run over the shared `ValidationContext`. A rule file holds one such type;
/// adding a rule is adding a file and naming the type in `RuleCatalog.all`.
///
/// `check` is called only when every requirement of `rule` holds (the context
/// skips the rule with the cause otherwise), at most once per validation.
public protocol ValidationRule: Sendable {
    var rule: Rule { get }
    func check(_ context: ValidationContext) -> RuleResult
}

extension ValidationRule {
    func pass(_ message: String, locations: [RuleResult.Location] = [], matched: [String] = []) -> RuleResult {
        RuleResult(rule: rule, outcome: .pass, message: message, details: matched, locations: locations)
    }

    func fail(_ message: String, details: [String] = [], locations: [RuleResult.Location] = [], help: String? = nil) -> RuleResult {
        RuleResult(rule: rule, outcome: .fail, message: message, details: details, locations: locations, help: help)
    }

    func skip(_ reason: String) -> RuleResult {
        RuleResult(rule: rule, outcome: .skip, message: reason)
    }
}
