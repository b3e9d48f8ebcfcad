/// The rules on the log's contents: LOG002, LOG003, MET002, BAS002, CMP001,
/// PRV001. Each reads the records that parsed as JSON objects (schema-valid
/// or not) and checks its own concern, naming line numbers.
extension Validator {
    func logRecordsValid(_ rule: Rule) -> RuleResult {
        let log = self.log
        var suffix = ""
        if case .cut(let line, _) = log.ending { suffix = "; line \(line) is cut off (LOG003)" }
        if let stopped = log.stoppedAfter { suffix += "; checked the first \(ProjectScanner.describe(stopped)) only" }
        guard !log.problems.isEmpty else {
            if log.records.isEmpty { return pass(rule, "\(log.path) is empty" + suffix, locations: [.init(log.path)]) }
            return pass(rule, "\(log.records.count) record\(log.records.count == 1 ? "" : "s") in \(log.path), all impact-log/1" + suffix,
                        locations: [.init(log.path)])
        }
        let bad = log.badLines
        let details = Self.capped(log.problems.map { "\(log.path):\($0.line): \($0.message)" })
        let message = bad == [0]
            ? "\(log.path) \(log.problems[0].message)"
            : "\(bad.count) of \(log.lineCount) line\(log.lineCount == 1 ? "" : "s") of \(log.path) \(bad.count == 1 ? "is not an impact-log/1 record" : "are not impact-log/1 records") (\(Self.lines(bad)))" + suffix
        return fail(rule, message, details: details, locations: bad.prefix(30).map { .init(log.path, line: $0 == 0 ? nil : $0) })
    }

    func logLastLineComplete(_ rule: Rule) -> RuleResult {
        let log = self.log
        let repair = scaffoldPackage.map { "run 'python -m \($0).impact.log --repair' (moves the partial line to \(log.path).cut) or delete " } ?? "delete "
        switch log.ending {
        case .empty:
            return pass(rule, "\(log.path) is empty")
        case .complete:
            return pass(rule, "the last line of \(log.path) is a whole record ending with a newline")
        case .noTrailingNewline(let line):
            return fail(rule, "\(log.path):\(line): the last record has no trailing newline, so the next append would be glued onto it",
                        locations: [.init(log.path, line: line)],
                        help: "add a newline at the end of \(log.path); make the writer end every record with \"\\n\" in the same write")
        case .cut(let line, let bytes):
            return fail(rule, "\(log.path):\(line): the last record was cut off, probably by a crash: remove the partial line (\(bytes) bytes, no newline, not a whole JSON object)",
                        locations: [.init(log.path, line: line)],
                        help: repair + "line \(line) of \(log.path) by hand, then run evaluate again")
        }
    }

    /// Skips a content rule while the log has no records.
    func recordsOrSkip(_ rule: Rule) -> RuleResult? {
        guard log.records.isEmpty else { return nil }
        let how = contract?.evaluate.map { " ('\($0)')" } ?? ""
        return skip(rule, log.lineCount == 0
            ? "\(log.path) has no records yet: run evaluate once\(how)"
            : "\(log.path) has no readable records (see LOG002)")
    }

    func metricLogged(_ rule: Rule) -> RuleResult {
        if let skipped = recordsOrSkip(rule) { return skipped }
        guard let metric = contract?.primaryMetric, let direction = contract?.greaterIsBetter else {
            return skip(rule, "no primary metric declared")
        }
        let log = self.log
        var problems: [(Int, String)] = []
        for record in log.records {
            if record["primary_metric"]?.stringValue != metric {
                let found = record["primary_metric"].map(ImpactLogChecker.describe) ?? "nothing"
                problems.append((record.line, "primary_metric is \(found), the contract declares \"\(metric)\""))
            }
            if record["greater_is_better"]?.boolValue != direction {
                let found = record["greater_is_better"].map(ImpactLogChecker.describe) ?? "nothing"
                problems.append((record.line, "greater_is_better is \(found), the contract declares \(direction)"))
            }
            if record["metrics"]?.objectValue?[metric] == nil {
                problems.append((record.line, "metrics has no '\(metric)'"))
            }
        }
        guard !problems.isEmpty else {
            return pass(rule, "all \(log.records.count) records report \(metric), \(direction ? "greater" : "lower") is better",
                        locations: [.init(log.path)])
        }
        let lines = Array(Set(problems.map(\.0))).sorted()
        return fail(rule, "\(lines.count) of \(log.records.count) records do not report \(metric) as declared (\(Self.lines(lines)))",
                    details: Self.capped(problems.map { "\(log.path):\($0.0): \($0.1)" }),
                    locations: lines.prefix(30).map { .init(log.path, line: $0) })
    }

    func baselineLogged(_ rule: Rule) -> RuleResult {
        if let skipped = recordsOrSkip(rule) { return skipped }
        guard let baseline = contract?.baseline else { return skip(rule, "no baseline declared") }
        let log = self.log
        let records = log.records.filter { $0.role == "baseline" && $0.system == baseline }
        if let last = records.last {
            return pass(rule, "\(records.count) record\(records.count == 1 ? "" : "s") of baseline '\(baseline)' (last on line \(last.line))",
                        locations: [.init(log.path, line: last.line)])
        }
        let others = Array(Set(log.records.filter { $0.role == "baseline" }.compactMap(\.system))).sorted()
        let details = others.isEmpty
            ? ["no record has role \"baseline\""]
            : ["baselines logged instead: " + others.map { "'\($0)'" }.joined(separator: ", ") + " (a renamed baseline? the contract and the harness must agree)"]
        return fail(rule, "the declared baseline '\(baseline)' is not in \(log.path)", details: details, locations: [.init(log.path)])
    }

    func comparisons(_ rule: Rule) -> RuleResult {
        if let skipped = recordsOrSkip(rule) { return skipped }
        let log = self.log
        let candidates = log.records.filter { $0.role == "candidate" }
        guard !candidates.isEmpty else {
            return fail(rule, "no candidate records in \(log.path): its \(log.records.count) record\(log.records.count == 1 ? "" : "s") compare nothing with the baseline",
                        locations: [.init(log.path)])
        }
        var problems: [(Int, String)] = []
        for candidate in candidates {
            problems += comparisonProblems(candidate, in: log).map { (candidate.line, $0) }
        }
        guard !problems.isEmpty else {
            return pass(rule, "all \(candidates.count) candidate records compare with a logged baseline on the same data, with a 95% CI",
                        locations: [.init(log.path)])
        }
        let lines = Array(Set(problems.map(\.0))).sorted()
        return fail(rule, "\(lines.count) of \(candidates.count) candidate records lack a sound comparison with the baseline (\(Self.lines(lines)))",
                    details: Self.capped(problems.map { "\(log.path):\($0.0): \($0.1)" }),
                    locations: lines.prefix(30).map { .init(log.path, line: $0) })
    }

    /// What is wrong with one candidate's comparison (empty when sound).
    func comparisonProblems(_ candidate: LogAnalysis.Record, in log: LogAnalysis) -> [String] {
        let name = candidate.system.map { "'\($0)'" } ?? "the candidate"
        guard case .object(let comparison)? = candidate["comparison"] else {
            return ["\(name) has no comparison with the baseline"]
        }
        var problems: [String] = []
        if let interval = comparison["ci95"] {
            let numbers = interval.arrayValue?.compactMap(ImpactLogChecker.number) ?? []
            if interval.arrayValue?.count != 2 || ImpactLogChecker.intervalProblem(interval) != nil {
                problems.append("comparison.ci95 is not a [low, high] interval")
            } else if numbers.count < 2 {
                problems.append("comparison.ci95 is undefined (null): no confidence interval for the difference")
            }
        } else {
            problems.append("comparison has no ci95 [low, high]")
        }
        guard let baselineID = comparison["baseline_id"]?.stringValue else {
            problems.append("comparison has no baseline_id naming the baseline record it compares with")
            return problems
        }
        guard let baseline = log.record(id: baselineID) else {
            problems.append("comparison.baseline_id '\(baselineID)' is the id of no record in the log")
            return problems
        }
        if baseline.role != "baseline" {
            problems.append("comparison.baseline_id points at line \(baseline.line), which is not a baseline record")
        }
        let named = comparison["baseline_system"]?.stringValue ?? comparison["baseline"]?.stringValue
        if let named, let system = baseline.system, named != system {
            problems.append("the comparison names baseline '\(named)' but line \(baseline.line) is '\(system)'")
        }
        if let candidateName = comparison["candidate"]?.stringValue, let system = candidate.system, candidateName != system {
            problems.append("comparison.candidate is '\(candidateName)' but the record is '\(system)'")
        }
        if let metric = comparison["metric"]?.stringValue, let primary = candidate["primary_metric"]?.stringValue, metric != primary {
            problems.append("the comparison is about '\(metric)', the record's primary metric is '\(primary)'")
        }
        let ours = candidate["data"]?["fingerprint"]?.stringValue
        let theirs = baseline["data"]?["fingerprint"]?.stringValue
        if let ours, let theirs, ours != theirs {
            problems.append("compared with line \(baseline.line), which was evaluated on different data (data fingerprints differ)")
        }
        return problems
    }

    func provenance(_ rule: Rule) -> RuleResult {
        if let skipped = recordsOrSkip(rule) { return skipped }
        let log = self.log
        var noFingerprint: [Int] = []
        var noCommit: [Int] = []
        var dirty = 0
        for record in log.records {
            let fingerprint = record["data"]?["fingerprint"]?.stringValue ?? ""
            if !(fingerprint.hasPrefix("sha256:") && ImpactLogChecker.isHex(String(fingerprint.dropFirst(7)), count: 64)) {
                noFingerprint.append(record.line)
            }
            if !ImpactLogChecker.isHex(record["git"]?["commit"]?.stringValue ?? "", count: 40) { noCommit.append(record.line) }
            if record["git"]?["dirty"]?.boolValue == true { dirty += 1 }
        }
        let dirtyNote = dirty == 0 ? "" : "; \(dirty) from a tree with uncommitted changes"
        guard !noFingerprint.isEmpty || !noCommit.isEmpty else {
            return pass(rule, "all \(log.records.count) records name their git commit and data fingerprint" + dirtyNote,
                        locations: [.init(log.path)])
        }
        var details: [String] = []
        if !noCommit.isEmpty {
            details.append("\(noCommit.count) without a git commit (\(Self.lines(noCommit))): evaluated outside a git repository or before its first commit")
        }
        if !noFingerprint.isEmpty {
            details.append("\(noFingerprint.count) without a sha256 data fingerprint (\(Self.lines(noFingerprint)))")
        }
        let lines = Array(Set(noCommit + noFingerprint)).sorted()
        return fail(rule, "\(lines.count) of \(log.records.count) records cannot be traced to their code and data", details: details,
                    locations: lines.prefix(30).map { .init(log.path, line: $0) })
    }
}
