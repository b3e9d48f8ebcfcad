/// The outcome of `scaffold validate` on one project: every selected rule's
/// result in catalog order, the notices from the walk, and the commands run
/// by --run. Rendered as text, JSON or SARIF by its extensions.
public struct ValidationReport: Sendable {
    public var root: String
    /// "nlp-eval 1.0.0" for a generated project.
    public var blueprint: String?
    /// What reading scaffold.json gave.
    public enum ContractStatus: String, Sendable {
        case absent, unreadable, loaded
    }

    public var contractStatus = ContractStatus.absent
    public var hasContract: Bool { contractStatus == .loaded }
    public var results: [RuleResult] = []
    public var notices: [ProjectTree.Notice] = []
    public var droppedNotices = 0
    public var steps: [HookRunner.Step] = []
    /// A file of the project to point code scanning at when a result has no place of its own.
    public var fallbackLocation = "scaffold.json"

    public init(root: String) { self.root = root }

    public var passed: Int { results.count { $0.outcome == .pass } }
    /// Failures of error-severity rules.
    public var failed: Int { results.count { $0.isError } }
    /// Failures of warning-severity rules.
    public var warnings: Int { results.count { $0.isWarning } }
    public var skipped: Int { results.count { $0.outcome == .skip } }

    /// Whether no error-severity rule failed (exit 0).
    public var succeeded: Bool { failed == 0 }

    public var exitCode: ExitCode { succeeded ? .success : .findings }

    /// "12 passed, 1 failed, 4 skipped (0 warnings)"
    public var summaryLine: String {
        "\(passed) passed, \(failed) failed, \(skipped) skipped (\(warnings) warning\(warnings == 1 ? "" : "s"))"
    }
}
