/// The verdict of one rule on one project.
public struct RuleResult: Sendable, Equatable {
    public enum Outcome: String, Sendable, Equatable {
        case pass, fail, skip
    }

    /// A place in the project a result points at (path relative to the project root).
    public struct Location: Sendable, Equatable {
        public var path: String
        public var line: Int?
        public var column: Int?

        public init(_ path: String, line: Int? = nil, column: Int? = nil) {
            self.path = path
            self.line = line
            self.column = column
        }

        public var description: String {
            guard let line else { return path }
            return column.map { "\(path):\(line):\($0)" } ?? "\(path):\(line)"
        }
    }

    public var rule: Rule
    public var outcome: Outcome
    /// One line: what was found (for a skip, why it was skipped).
    public var message: String
    /// Further lines: every problem found, what was found instead, … (for a
    /// pass: what the rule matched, shown by --verbose).
    public var details: [String]
    public var locations: [Location]
    /// How to fix a failure: the rule's fix, or a more specific one.
    public var help: String

    public init(
        rule: Rule, outcome: Outcome, message: String, details: [String] = [], locations: [Location] = [],
        help: String? = nil
    ) {
        self.rule = rule
        self.outcome = outcome
        self.message = message
        self.details = details
        self.locations = locations
        self.help = help ?? rule.fix
    }

    /// A failure of an error-severity rule (what makes validation fail).
    public var isError: Bool { outcome == .fail && rule.severity == .error }
    /// A failure of a warning-severity rule.
    public var isWarning: Bool { outcome == .fail && rule.severity == .warning }
}
