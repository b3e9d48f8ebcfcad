/// Every rule of `scaffold validate`, in output order. IDs are stable: a rule
/// that is retired keeps its ID unused, and new rules take new numbers. Each
/// rule is one `ValidationRule` type (its metadata and its check, one file
/// under Rules/); this list is the only other place that names it.
public enum RuleCatalog {
    public static let all: [any ValidationRule] = [
        ContractExists(), ContractValid(),
        PipelineDeclared(),
        EvaluateDeclared(), EvaluationWritesLog(),
        LogDeclared(), LogRecordsValid(), LogEndsWithWholeRecord(),
        MetricDeclared(), MetricLogged(),
        BaselineDeclared(), BaselineLogged(),
        ComparisonsSound(),
        RecordsTraceable(),
        TestsExist(), TestsExerciseHarness(),
        ReportDeclared(),
        BaselineLadder(), ValidationSplit(), SeedSpread(), EnvironmentRecorded(), DataCard(), NoRegression(),
        LargeDataUntracked(),
        PipelineRuns(), EvaluateRuns(), LogGrew(), LogPrefixUnchanged(), NewComparisons(), RunReproducible(),
    ]

    /// The metadata of every rule, in output order.
    public static let rules: [Rule] = all.map(\.rule)

    private static let byID: [String: any ValidationRule] = Dictionary(uniqueKeysWithValues: all.map { ($0.rule.id, $0) })

    /// The rule with this ID (case-insensitive), or nil.
    public static func rule(_ id: String) -> Rule? { check(id)?.rule }

    /// The rule type with this ID (case-insensitive), or nil.
    public static func check(_ id: String) -> (any ValidationRule)? { byID[id.uppercased()] }
}
