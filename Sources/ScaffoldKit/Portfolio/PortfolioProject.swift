/// One project as `scaffold portfolio` shows it, read from its scaffold.json,
/// its impact log (impact-log/1 or /2) and its data card. A project whose log
/// is missing, empty, cut or foreign keeps a one-line `problem`, and whatever
/// whole runs it had.
struct PortfolioProject: Sendable, Equatable {
    /// The directory as given on the command line (for messages).
    var directory: String
    /// `project_name` from scaffold.json, else the directory's base name.
    var name: String
    /// "nlp-eval 2.0.0", when scaffold.json names a blueprint.
    var blueprint: String?
    /// Where the data comes from (the latest record's `data.source`, else the data card's `Source:` line).
    var dataSource: String?
    /// Evaluation runs with a candidate, oldest first.
    var runs: [PortfolioRun]
    /// One line saying why the project shows no (or fewer) results.
    var problem: String?

    var latest: PortfolioRun? { runs.last }
}

/// A closed interval with possibly undefined ends (null in the log).
struct PortfolioInterval: Sendable, Equatable {
    var low: Double?
    var high: Double?
}

/// One evaluation run: its candidate and the comparison with the strongest baseline.
struct PortfolioRun: Sendable, Equatable {
    var run: String
    var timestamp: String
    var task: String
    var testFingerprint: String
    var system: String
    var metric: String
    var greaterIsBetter: Bool
    var value: Double?
    var interval: PortfolioInterval
    var baselineSystem: String
    var baselineValue: Double?
    /// Baselines in the run (1 in impact-log/1).
    var baselineCount: Int
    var delta: Double?
    var deltaInterval: PortfolioInterval
    var improved: Bool
    /// Test units the bootstrap resampled.
    var units: Int
    var testEvaluations: Int
    var commit: String?
    var dirty: Bool?
    /// True while the project runs on the example data shipped with its blueprint (impact-log/2).
    var example: Bool?
    var previousBest: PortfolioPreviousBest?

    /// Runs that share a task and a test split can be joined in a chart; others cannot.
    var seriesKey: String { task + "\u{0}" + testFingerprint }
}

/// impact-log/2's comparison of the latest candidate with the best earlier one.
struct PortfolioPreviousBest: Sendable, Equatable {
    var system: String
    var run: String
    var delta: Double?
    var interval: PortfolioInterval
    var improved: Bool
    var regressed: Bool
}
