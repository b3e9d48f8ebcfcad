/// BAS002: the declared baseline has records in the log.
struct BaselineLogged: ValidationRule {
    let rule = Rule(
        "BAS002", .baseline, .error, "declared baseline is logged",
        why: "A baseline that is declared but never evaluated on the same data makes every comparison unverifiable.",
        fix: """
            Evaluate the declared baseline in the harness and log it with role "baseline" and system set to its \
            declared name.
            """,
        requires: [.rule("BAS001"), .rule("LOG001"), .logPresent])

    func check(_ context: ValidationContext) -> RuleResult {
        if let skipped = context.recordsOrSkip(rule) { return skipped }
        guard let baseline = context.contract?.baseline else { return skip("because BAS001 failed") }
        let log = context.log
        let records = log.records.filter { $0.role == "baseline" && $0.system == baseline }
        if let last = records.last {
            return pass("\(records.count) record\(records.count == 1 ? "" : "s") of baseline '\(baseline)' (last on line \(last.line))",
                        locations: [.init(log.path, line: last.line)])
        }
        let others = Array(Set(log.records.filter { $0.role == "baseline" }.compactMap(\.system))).sorted()
        let details = others.isEmpty
            ? ["no record has role \"baseline\""]
            : ["baselines logged instead: " + ValidationContext.list(others.map { "'\($0)'" }) + " (a renamed baseline? the contract and the harness must agree)"]
        return fail("the declared baseline '\(baseline)' is not in \(log.path)", details: details, locations: [.init(log.path)])
    }
}
