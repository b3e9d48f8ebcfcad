/// EVD002: the parameters were chosen on a validation split (or cross-validation), separate from test.
struct ValidationSplit: ValidationRule {
    let rule = Rule(
        "EVD002", .evidence, .warning, "a validation split, separate from test, exists for tuning",
        why: """
            Parameters chosen by looking at test scores overfit the test set: the reported gain is then partly selection, not skill.
            """,
        fix: """
            Split off a validation set (or tune by cross-validation inside train), choose parameters on it, and record it: \
            impact-log/2 records params_source {split} and data.rows.validation.
            """,
        requires: [.rule("LOG001"), .logPresent])

    func check(_ context: ValidationContext) -> RuleResult {
        if let skipped = context.recordsOrSkip(rule) { return skipped }
        guard let candidate = context.latestCandidate else { return skip("no candidate record in \(context.log.path)") }
        let location = RuleResult.Location(context.log.path, line: candidate.line)
        let data = candidate["data"]
        if let validation = data?["validation_fingerprint"]?.stringValue, validation == data?["test_fingerprint"]?.stringValue {
            return fail("line \(candidate.line): the validation split has the test split's fingerprint: parameters were tuned on test data", locations: [location])
        }
        let split = candidate["params_source"]?["split"]?.stringValue
        let rows = data?["rows"]?.objectValue ?? [:]
        let validationRows = ["validation", "val", "valid", "dev"].first { (rows[$0]?.intValue ?? 0) > 0 }
        if let split, split == "validation" || split == "cross-validation" {
            let tried = candidate["params_source"]?["tried"]?.intValue.map { ", \($0) settings tried" } ?? ""
            let overrides = (candidate["params_source"]?["overrides"]?.objectValue ?? [:]).keys.sorted()
            let note = overrides.isEmpty ? "" : "; overridden by hand: " + overrides.joined(separator: ", ")
            return pass("line \(candidate.line): parameters chosen by \(split)\(tried)\(note)", locations: [location])
        }
        if let validationRows {
            let note = split == "defaults" ? " (parameters are the defaults: nothing was tuned)" : ""
            return pass("line \(candidate.line): a '\(validationRows)' split of \(rows[validationRows]!.intValue!) rows is kept apart from test\(note)", locations: [location])
        }
        if split == "defaults" {
            return fail("line \(candidate.line): the parameters are defaults and the data has no validation split to tune them on",
                        details: ["rows: " + rows.keys.sorted().joined(separator: ", ")], locations: [location])
        }
        return fail("line \(candidate.line): no validation split is recorded (data.rows has \(rows.isEmpty ? "no splits" : rows.keys.sorted().joined(separator: ", ")), no params_source)",
                    locations: [location])
    }
}
