/// TST001: the project has tests.
struct TestsExist: ValidationRule {
    let rule = Rule(
        "TST001", .tests, .error, "tests exist",
        why: "The harness computes the numbers everything else relies on; untested, a bug in it silently changes every result.",
        fix: "Add tests, e.g. tests/test_harness.py run by pytest.",
        requires: [])

    func check(_ context: ValidationContext) -> RuleResult {
        let tests = context.tree.testFiles
        guard !tests.isEmpty else {
            if let limit = context.tree.truncated { return skip("no tests among the files walked, but \(limit)") }
            return fail("no tests found (test_*.py, *_test.py, *_test.go, *.spec.ts, or code under tests/)",
                        help: "add tests, e.g. tests/test_harness.py that runs the evaluation on a small fixture (pytest)")
        }
        return pass("\(tests.count) test file\(tests.count == 1 ? "" : "s") (\(ValidationContext.list(tests, limit: 3)))",
                    locations: tests.prefix(10).map { .init($0) }, matched: ValidationContext.capped(tests, limit: 8))
    }
}
