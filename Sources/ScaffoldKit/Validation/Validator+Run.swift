/// The `--run` rules: RUN001–RUN005, judged on what `HookRunner` did and on
/// the log before and after.
extension Validator {
    func hookRan(_ rule: Rule, hook: String) -> RuleResult {
        guard contract != nil else { return fail(rule, "no scaffold.json: there is no \(hook) command to run") }
        guard let command = contract?.command(hook) else {
            return fail(rule, "\(missingHook(hook)): nothing to run", help: "declare impact.\(hook) (see \(hook == "pipeline" ? "PIP001" : "EVA001"))")
        }
        guard let step = steps.first(where: { $0.hook == hook }) else {
            return skip(rule, "not run")
        }
        let tail = step.tail(12).map { "| " + $0 }
        if !step.started {
            return fail(rule, "'\(command)' could not be started (is sh on PATH?)")
        }
        if step.timedOut {
            return fail(rule, "'\(command)' timed out after \(HookRunner.seconds(options.timeout))", details: tail,
                        help: "make it faster, or allow more time with --timeout SECONDS")
        }
        if step.status != 0 {
            return fail(rule, "'\(command)' exited with status \(step.status)", details: tail)
        }
        return pass(rule, "'\(command)' exited 0 in \(HookRunner.seconds(step.seconds))")
    }

    func logGrew(_ rule: Rule) -> RuleResult {
        guard let log = declaredLog else { return skip(rule, "no log declared") }
        let before = logBefore ?? LogSnapshot(exists: false, size: 0, lines: 0, digest: "")
        let after = LogSnapshot.take(access, log: log)
        guard after.exists else { return fail(rule, "evaluate ran but \(log) does not exist") }
        guard after.size > before.size else {
            return fail(rule, "evaluate ran but \(log) did not grow (\(ProjectScanner.describe(before.size)) before, \(ProjectScanner.describe(after.size)) after)")
        }
        let added = newRecords
        var problems = added.problems.map { "\(log):\($0.line): \($0.message)" }
        if case .cut(let line, _) = added.ending { problems.append("\(log):\(line): the last record was cut off") }
        if case .noTrailingNewline(let line) = added.ending { problems.append("\(log):\(line): no trailing newline") }
        if added.records.isEmpty && problems.isEmpty { problems.append("the appended bytes hold no record") }
        guard problems.isEmpty else {
            return fail(rule, "evaluate appended to \(log), but not only valid impact-log/1 records", details: Self.capped(problems),
                        locations: added.badLines.prefix(30).map { .init(log, line: $0) })
        }
        let first = added.records.first!.line, last = added.records.last!.line
        let range = first == last ? "line \(first)" : "lines \(first)–\(last)"
        return pass(rule, "\(added.records.count) new record\(added.records.count == 1 ? "" : "s") (\(range)), all impact-log/1",
                    locations: [.init(log, line: first)])
    }

    func logPrefixUnchanged(_ rule: Rule) -> RuleResult {
        guard let log = declaredLog else { return skip(rule, "no log declared") }
        guard let before = logBefore, before.exists, before.size > 0 else {
            return pass(rule, "\(log) was empty or absent before the run: no earlier bytes to keep")
        }
        let size = access.size(log) ?? 0
        guard size >= before.size else {
            return fail(rule, "\(log) shrank from \(before.size) to \(size) bytes: earlier records were removed", locations: [.init(log)])
        }
        guard let digest = LogSnapshot.prefixDigest(access, log: log, count: before.size), digest == before.digest else {
            return fail(rule, "the first \(before.size) bytes of \(log) (lines 1–\(before.lines)) changed during the run: earlier records were rewritten",
                        locations: [.init(log)])
        }
        return pass(rule, "the \(before.size) bytes (\(before.lines) lines) the log held before are unchanged (sha256)")
    }

    func newComparisons(_ rule: Rule) -> RuleResult {
        guard let path = declaredLog else { return skip(rule, "no log declared") }
        let candidates = newRecords.records.filter { $0.role == "candidate" }
        guard !candidates.isEmpty else {
            return fail(rule, "the run logged no candidate record, so nothing was compared with the baseline", locations: [.init(path)])
        }
        let whole = log
        var problems: [String] = []
        for candidate in candidates {
            problems += comparisonProblems(candidate, in: whole).map { "\(path):\(candidate.line): \($0)" }
        }
        guard problems.isEmpty else {
            return fail(rule, "new candidate records lack a sound comparison with the baseline", details: Self.capped(problems))
        }
        return pass(rule, "\(candidates.count) new candidate record\(candidates.count == 1 ? "" : "s") compare\(candidates.count == 1 ? "s" : "") with a baseline, with a 95% CI")
    }
}
