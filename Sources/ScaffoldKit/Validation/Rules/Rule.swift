/// What a rule of `scaffold validate` is: a stable ID in a family, its
/// severity, what holds when it passes, why that matters, how to fix a
/// failure, and what must hold before it can be judged. Each rule's check
/// lives beside its metadata in one `ValidationRule` type (Rules/).
public struct Rule: Sendable, Equatable {
    /// How much a failure matters.
    public enum Severity: String, Sendable, Equatable {
        /// Fails validation: exit code 1.
        case error
        /// Shown and counted, but validation still passes.
        case warning
    }

    /// What must hold before a rule is judged; otherwise it is skipped with the
    /// cause ("because CON001 failed"), and a skip never counts as a pass.
    public enum Requirement: Sendable, Equatable {
        /// Another rule must have passed.
        case rule(String)
        /// scaffold.json must exist and parse (else skipped because CON001).
        case contract
        /// The declared impact log must exist (content rules wait for the
        /// first evaluation).
        case logPresent
        /// Only judged with `validate --run`.
        case runFlag
        /// Only judged with `validate --run --reproduce` (costs a second run).
        case reproduceFlag
    }

    public let id: String
    public let family: RuleFamily
    public let severity: Severity
    /// One line: what holds when the rule passes.
    public let summary: String
    public let why: String
    public let fix: String
    public let requirements: [Requirement]

    public init(
        _ id: String, _ family: RuleFamily, _ severity: Severity, _ summary: String,
        why: String, fix: String, requires requirements: [Requirement] = []
    ) {
        self.id = id
        self.family = family
        self.severity = severity
        self.summary = summary
        self.why = why
        self.fix = fix
        self.requirements = requirements
    }

    /// True for the `--run` rules, which run the project's own commands.
    public var needsRun: Bool { requirements.contains(.runFlag) }

    /// The rule IDs this rule requires to have passed.
    public var requiredRules: [String] {
        requirements.compactMap { if case .rule(let id) = $0 { id } else { nil } }
    }
}
