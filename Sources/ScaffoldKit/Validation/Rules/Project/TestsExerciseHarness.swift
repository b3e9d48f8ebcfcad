/// TST002: a test names the evaluation as a word in code (not in a comment, not inside another word).
struct TestsExerciseHarness: ValidationRule {
    let rule = Rule(
        "TST002", .tests, .error, "tests exercise the evaluation harness",
        why: "Tests of data loading alone do not catch a broken metric, bootstrap or log writer.",
        fix: """
            Add a test that runs the evaluation (harness) on a small fixture and checks the record it appends: \
            metrics, comparison and ci95.
            """,
        requires: [.rule("TST001")])

    func check(_ context: ValidationContext) -> RuleResult {
        var needles = ["harness", "evaluate", "evaluation", "impact"]
        if let evaluate = context.contract?.evaluate, case .inProject(let locations, _) = context.resolver().resolve(evaluate) {
            for location in locations where ProjectTree.fileExtension(location.path) != "" {
                var stem = ProjectTree.stem(location.path)
                if stem == "__main__" { stem = Path.lastComponent(Path.parent(location.path)) }
                if !needles.contains(stem.lowercased()) { needles.insert(stem.lowercased(), at: 0) }
            }
        }
        if let log = context.declaredLog { needles.append(Path.lastComponent(log).lowercased()) }
        let search = context.search(context.tree.testFiles, for: needles, caseInsensitive: true, words: true)
        guard let first = search.hits.first else {
            if let limit = search.stopped ?? context.tree.truncated {
                return skip("no test among the \(search.searched) read names the evaluation, but \(limit)")
            }
            return fail("\(search.searched == 1 ? "the one test file does not mention" : "none of the \(search.searched) test files mentions") the evaluation as a word in code (\(needles.map { "'\($0)'" }.joined(separator: ", ")))")
        }
        return pass("\(first.path):\(first.line) exercises the evaluation ('\(first.needle)')",
                    locations: search.hits.map { .init($0.path, line: $0.line) },
                    matched: search.hits.map { "\($0.path):\($0.line): '\($0.needle)'" })
    }
}
