/// RUN003: the --run evaluation appended valid records.
struct LogGrew: ValidationRule {
    let rule = Rule(
        "RUN003", .run, .error, "evaluate appended new valid records to the log",
        why: "An evaluation that does not append to the declared log leaves no trace of its result.",
        fix: "Make evaluate append one impact-log record per evaluated system to the declared log on every run.",
        requires: [.runFlag, .rule("RUN002"), .rule("LOG001")])

    func check(_ context: ValidationContext) -> RuleResult {
        guard let log = context.declaredLog else { return skip("because LOG001 failed") }
        let before = context.logBefore ?? LogSnapshot(exists: false, size: 0, lines: 0, digest: "")
        let after = LogSnapshot.take(context.access, log: log)
        guard after.exists else { return fail("evaluate ran but \(log) does not exist", help: "make evaluate append its records to \(log), the log scaffold.json declares") }
        guard after.size > before.size else {
            return fail("evaluate ran but \(log) did not grow (\(ProjectScanner.describe(before.size)) before, \(ProjectScanner.describe(after.size)) after)")
        }
        let added = context.newRecords
        var problems = added.problems.map { "\(log):\($0.line): \($0.message)" }
        if case .cut(let line, _) = added.ending { problems.append("\(log):\(line): the last record was cut off") }
        if case .noTrailingNewline(let line) = added.ending { problems.append("\(log):\(line): no trailing newline") }
        if added.records.isEmpty && problems.isEmpty { problems.append("the appended bytes hold no record") }
        guard problems.isEmpty, let first = added.records.first?.line, let last = added.records.last?.line else {
            return fail("evaluate appended to \(log), but not only valid impact-log records", details: ValidationContext.capped(problems),
                        locations: added.badLines.prefix(30).map { .init(log, line: $0) })
        }
        let range = first == last ? "line \(first)" : "lines \(first)–\(last)"
        return pass("\(added.records.count) new record\(added.records.count == 1 ? "" : "s") (\(range)), all valid",
                    locations: [.init(log, line: first)])
    }
}
