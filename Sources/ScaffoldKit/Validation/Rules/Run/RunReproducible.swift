/// RUN006: evaluating twice gives the same numbers (opt-in: --reproduce).
struct RunReproducible: ValidationRule {
    let rule = Rule(
        "RUN006", .run, .error, "evaluating twice gives the same numbers",
        why: """
            A number that changes when nothing else did (an unseeded model, a data order that depends on the file \
            system, a time-dependent split) cannot be compared with anything. Opt-in because it costs a second run.
            """,
        fix: """
            Seed every source of randomness (model, bootstrap, data shuffling) from the settings, sort what is \
            read from disk, and keep wall-clock time out of anything that is scored; then validate --run \
            --reproduce again.
            """,
        requires: [.runFlag, .reproduceFlag, .rule("RUN003")])

    func check(_ context: ValidationContext) -> RuleResult {
        guard let log = context.declaredLog, let first = context.firstRunRecords, let start = context.secondRunStart else {
            return skip("because RUN003 failed: the first evaluation logged nothing to compare")
        }
        guard let again = context.steps.first(where: { $0.hook == "evaluate again" }) else { return skip("the second evaluate did not run") }
        guard again.succeeded else {
            return fail("the second evaluate ('\(again.command)') \(again.timedOut ? "timed out" : "exited with status \(again.status)")",
                        details: again.tail(12).map { "| " + $0 })
        }
        let second = ImpactLogChecker.analyse(context.access, log: log, from: start.size, firstLine: start.lines + 1)
        func numbers(_ records: [LogAnalysis.Record]) -> [String: [String: Double]] {
            var out: [String: [String: Double]] = [:]
            for record in records {
                guard let system = record.system, let metrics = record["metrics"]?.objectValue else { continue }
                out[system] = metrics.compactMapValues { $0["value"].flatMap(ImpactLogChecker.number) }
            }
            return out
        }
        let one = numbers(first.records), two = numbers(second.records)
        guard !one.isEmpty else { return skip("because RUN003 failed: the first evaluation logged no metric values") }
        var differences: [String] = []
        for system in Set(one.keys).union(two.keys).sorted() {
            guard let a = one[system], let b = two[system] else {
                differences.append("'\(system)' was evaluated by only one of the two runs")
                continue
            }
            for name in Set(a.keys).union(b.keys).sorted() {
                let x = a[name], y = b[name]
                if let x, let y, abs(x - y) <= 1e-9 * max(1, abs(x), abs(y)) { continue }
                differences.append("'\(system)' \(name): \(x.map { "\($0)" } ?? "missing") then \(y.map { "\($0)" } ?? "missing")")
            }
        }
        guard differences.isEmpty else {
            return fail("evaluating twice gave different numbers (\(differences.count) difference\(differences.count == 1 ? "" : "s"))",
                        details: ValidationContext.capped(differences), locations: [.init(log, line: start.lines + 1)])
        }
        let count = one.values.reduce(0) { $0 + $1.count }
        return pass("both evaluations gave the same \(count) metric value\(count == 1 ? "" : "s") for \(one.count) system\(one.count == 1 ? "" : "s")")
    }
}
