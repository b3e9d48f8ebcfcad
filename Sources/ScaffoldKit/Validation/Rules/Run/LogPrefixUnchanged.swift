/// RUN004: the --run evaluation kept the earlier log bytes.
struct LogPrefixUnchanged: ValidationRule {
    let rule = Rule(
        "RUN004", .run, .error, "earlier log bytes are unchanged",
        why: "The log is append-only history; a run that rewrites earlier records can erase or alter past results.",
        fix: "Open the log in append mode and only ever add whole lines at its end; never rewrite, sort or truncate it.",
        requires: [.runFlag, .rule("RUN002"), .rule("LOG001")])

    func check(_ context: ValidationContext) -> RuleResult {
        guard let log = context.declaredLog else { return skip("because LOG001 failed") }
        let size = context.access.size(log)
        guard let size else { return skip("because RUN003 failed: there is no \(log) after the run") }
        guard let before = context.logBefore, before.exists, before.size > 0 else {
            return pass("\(log) was empty or absent before the run: no earlier bytes to keep")
        }
        guard size >= before.size else {
            return fail("\(log) shrank from \(before.size) to \(size) bytes: earlier records were removed", locations: [.init(log)])
        }
        guard let digest = LogSnapshot.prefixDigest(context.access, log: log, count: before.size), digest == before.digest else {
            return fail("the first \(before.size) bytes of \(log) (lines 1–\(before.lines)) changed during the run: earlier records were rewritten",
                        locations: [.init(log)])
        }
        return pass("the \(before.size) bytes (\(before.lines) lines) the log held before are unchanged (sha256)")
    }
}
