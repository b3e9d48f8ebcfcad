/// A group of rules: the ID prefix and the heading in text output.
public struct RuleFamily: Sendable, Equatable, Hashable {
    /// Three capital letters that start every ID of the family (`LOG` in `LOG002`).
    public let prefix: String
    /// The heading, lower case (`log`).
    public let name: String

    public init(prefix: String, name: String) {
        self.prefix = prefix
        self.name = name
    }

    public static let contract = RuleFamily(prefix: "CON", name: "contract")
    public static let pipeline = RuleFamily(prefix: "PIP", name: "pipeline")
    public static let evaluation = RuleFamily(prefix: "EVA", name: "evaluation")
    public static let log = RuleFamily(prefix: "LOG", name: "log")
    public static let metric = RuleFamily(prefix: "MET", name: "metric")
    public static let baseline = RuleFamily(prefix: "BAS", name: "baseline")
    public static let comparison = RuleFamily(prefix: "CMP", name: "comparison")
    public static let provenance = RuleFamily(prefix: "PRV", name: "provenance")
    public static let tests = RuleFamily(prefix: "TST", name: "tests")
    public static let report = RuleFamily(prefix: "REP", name: "report")
    public static let evidence = RuleFamily(prefix: "EVD", name: "evidence")
    public static let hygiene = RuleFamily(prefix: "HYG", name: "hygiene")
    public static let run = RuleFamily(prefix: "RUN", name: "run")

    /// Every family, in the order output shows them.
    public static let all: [RuleFamily] = [
        .contract, .pipeline, .evaluation, .log, .metric, .baseline, .comparison, .provenance, .tests, .report,
        .evidence, .hygiene, .run,
    ]
}
