/// EVA002: some code of the project names the declared log.
struct EvaluationWritesLog: ValidationRule {
    let rule = Rule(
        "EVA002", .evaluation, .error, "evaluation code writes to the declared log",
        why: "A log that no code appends to stays empty or gets edited by hand, and then it proves nothing.",
        fix: """
            Make the evaluation append one JSON record per evaluated system to the declared log (append mode, \
            one object per line, earlier lines never rewritten), referring to the log by its declared path.
            """,
        requires: [.rule("LOG001")])

    func check(_ context: ValidationContext) -> RuleResult {
        guard let log = context.declaredLog else { return skip("because LOG001 failed") }
        let name = Path.lastComponent(log)
        let needles = log == name ? [log] : [log, name]
        let candidates = context.tree.sourceFiles.filter { !$0.hasPrefix(".github/") && !$0.hasPrefix("docs/") && $0 != log }
        // The code near what evaluate runs first; the whole project (shallow first) only when that has no match.
        var search = context.search(context.nearEvaluation(candidates), for: needles)
        if search.hits.isEmpty { search = context.search(context.prioritised(candidates), for: needles) }
        guard !search.hits.isEmpty else {
            if let limit = search.stopped ?? context.tree.truncated {
                return skip("searched \(search.searched) source files for \(needles.joined(separator: " or ")) without a match, but \(limit)")
            }
            return fail("no code in the project refers to \(needles.joined(separator: " or ")) (searched \(search.searched) source file\(search.searched == 1 ? "" : "s"))",
                        details: context.contract?.evaluate.map { ["the evaluate command is '\($0)'"] } ?? [])
        }
        let ordered = search.hits.sorted { ($0.needle == log ? 0 : 1, $0.path) < ($1.needle == log ? 0 : 1, $1.path) }
        let best = ordered[0]
        return pass("\(best.path):\(best.line) refers to \(best.needle)",
                    locations: ordered.map { .init($0.path, line: $0.line) },
                    matched: ordered.map { "\($0.path):\($0.line): '\($0.needle)'" })
    }
}
