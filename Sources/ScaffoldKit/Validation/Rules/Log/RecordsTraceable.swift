/// PRV001: every record names its git commit and data fingerprint.
struct RecordsTraceable: ValidationRule {
    let rule = Rule(
        "PRV001", .provenance, .warning, "records carry a data fingerprint and a git commit",
        why: "A number without the commit of the code and the fingerprint of the data it came from cannot be reproduced or trusted later.",
        fix: """
            Run evaluate from a committed git checkout: the harness records HEAD in git.commit and the \
            fingerprint (sha256) of the pipeline's data in data.fingerprint.
            """,
        requires: [.rule("LOG001"), .logPresent])

    func check(_ context: ValidationContext) -> RuleResult {
        if let skipped = context.recordsOrSkip(rule) { return skipped }
        let log = context.log
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
            return pass("all \(log.records.count) records name their git commit and data fingerprint" + dirtyNote,
                        locations: [.init(log.path)])
        }
        var details: [String] = []
        if !noCommit.isEmpty {
            details.append("\(noCommit.count) without a git commit (\(ValidationContext.lines(noCommit))): evaluated outside a git repository or before its first commit")
        }
        if !noFingerprint.isEmpty {
            details.append("\(noFingerprint.count) without a sha256 data fingerprint (\(ValidationContext.lines(noFingerprint)))")
        }
        let lines = Array(Set(noCommit + noFingerprint)).sorted()
        return fail("\(lines.count) of \(log.records.count) records cannot be traced to their code and data", details: details,
                    locations: lines.prefix(30).map { .init(log.path, line: $0) })
    }
}
