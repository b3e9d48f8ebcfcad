/// EVD004: the latest run records its Python, platform and package versions.
struct EnvironmentRecorded: ValidationRule {
    let rule = Rule(
        "EVD004", .evidence, .warning, "the environment is recorded",
        why: """
            The same code and data can give different numbers under other library versions; a result that does not say \
            which ones cannot be reproduced later.
            """,
        fix: """
            Record environment {python, platform, packages: {name: version}} in every record (impact-log/2 does; pin \
            them with a lock file).
            """,
        requires: [.rule("LOG001"), .logPresent])

    func check(_ context: ValidationContext) -> RuleResult {
        if let skipped = context.recordsOrSkip(rule) { return skipped }
        let run = context.latestRun
        guard let record = run.last else { return skip("no records") }
        let location = RuleResult.Location(context.log.path, line: record.line)
        guard case .object(let environment)? = record["environment"] else {
            return fail("line \(record.line): no environment recorded (\(record["schema"]?.stringValue ?? "the record") has no 'environment')", locations: [location])
        }
        var missing: [String] = []
        if (environment["python"]?.stringValue ?? "").isEmpty { missing.append("python") }
        if (environment["platform"]?.stringValue ?? "").isEmpty { missing.append("platform") }
        let packages = environment["packages"]?.objectValue ?? [:]
        if packages.isEmpty { missing.append("packages") }
        guard missing.isEmpty else {
            return fail("line \(record.line): the environment lacks \(missing.joined(separator: ", "))", locations: [location])
        }
        let shown = packages.keys.sorted().prefix(4).map { "\($0) \(packages[$0]?.stringValue ?? "?")" }
        return pass("line \(record.line): Python \(environment["python"]!.stringValue!), \(packages.count) package\(packages.count == 1 ? "" : "s") (\(shown.joined(separator: ", "))\(packages.count > 4 ? ", …" : ""))",
                    locations: [location])
    }
}
