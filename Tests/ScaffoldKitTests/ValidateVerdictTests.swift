import Foundation
import ScaffoldKit
import Testing

/// Verdicts that used to be wrong, and the output rules of issue 11: one
/// cause one finding, capped lists, wrapping, --verbose, positions of a
/// malformed scaffold.json in every format.
@Suite struct ValidateVerdictTests {
    @Test func aWordInsideAnotherWordOrACommentIsNotATestOfTheHarness() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let root = ValidateFixture.freshProject(dir)
        dir.write("p/tests/test_harness.py", "# reevaluate later\nimport subprocess\n\ndef test_env():\n    subprocess.run(['sh', 'conda_harness.sh'])\n")
        let (_, _, results) = try ValidateFixture.report([root], in: root)
        #expect(results["TST002"]?.ruleOutcome == "fail", "\(results["TST002"] ?? [:])")
        dir.write("p/tests/test_harness.py", "from tick.impact import harness  # the evaluation harness\n")
        let (_, _, again) = try ValidateFixture.report([root], in: root)
        #expect(again["TST002"]?.ruleMessage == "tests/test_harness.py:1 exercises the evaluation ('harness')")
    }

    @Test func rulesThatNeedTheUnwalkedPartSkipWhenTheWalkStops() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        dir.write("p/a/one.py", "x = 1\n")
        dir.write("p/b/two.py", "y = 2\n")
        dir.write("p/zz/tests/test_late.py", "def test_x():\n    pass\n")
        var options = ValidationOptions()
        options.scanLimits.maxEntries = 3
        let context = InProcess(directory: dir.path).context
        let report = try Validator(root: dir.path + "/p", options: options, context: context).validate()
        let tests = try #require(report.results.first { $0.rule.id == "TST001" })
        #expect(tests.outcome == .skip)
        #expect(tests.message == "no tests among the files walked, but the walk stopped at its limit of 3 entries (in zz)")
    }

    @Test func aRunThatWritesNoLogIsOneFailure() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let root = ValidateFixture.freshProject(dir, contract: ValidateFixture.contract
            .replacingOccurrences(of: "python -m tick.pipeline", with: "sh prep.sh")
            .replacingOccurrences(of: "python -m tick.evaluate", with: "sh eval.sh"))
        dir.write("p/prep.sh", "echo prepared\n")
        dir.write("p/eval.sh", "echo evaluated but logged nothing\n")
        let (status, _, results) = try ValidateFixture.report([root, "--run"], in: root)
        #expect(status == 1)
        #expect(results["RUN003"]?.ruleOutcome == "fail")
        #expect(results["RUN003"]?.ruleMessage == "evaluate ran but impact/log.jsonl does not exist")
        for id in ["LOG002", "LOG003", "MET002", "BAS002", "CMP001", "PRV001"] {
            #expect(results[id]?.ruleMessage == "because RUN003 failed: evaluate ran but impact/log.jsonl does not exist", "\(id)")
        }
        #expect(results["RUN004"]?.ruleOutcome == "skip")
        #expect(results["RUN004"]?.ruleMessage == "because RUN003 failed: there is no impact/log.jsonl after the run")
    }

    @Test func aMalformedContractIsPlacedInEveryFormat() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let root = ValidateFixture.freshProject(dir, contract: "{\n  \"impact\": {\n    \"log\": ,\n  }\n}\n")
        let text = ValidateFixture.validate([root], in: root)
        #expect(text.status == 1)
        #expect(text.stdout.contains("(scaffold.json unreadable)"))
        #expect(text.stdout.contains("✗ CON001"))
        #expect(text.stdout.contains("- CON002 impact contract is valid (skipped because CON001 failed)"))
        #expect(text.stdout.contains("scaffold.json:3:12: invalid JSON"), "\(text.stdout)")
        let (_, json, results) = try ValidateFixture.report([root], in: root)
        #expect(json["contract"] as? String == "unreadable")
        let location = try #require((results["CON001"]?["locations"] as? [[String: Any]])?.first)
        #expect(location["path"] as? String == "scaffold.json" && location["line"] as? Int == 3 && location["column"] as? Int == 12)
        let sarif = ValidateFixture.validate([root, "--format", "sarif"], in: root)
        #expect(sarif.stdout.contains("\"startColumn\": 12") && sarif.stdout.contains("\"startLine\": 3"), "\(sarif.stdout)")
    }

    @Test func anEmptyPathIsAnError() {
        let run = ValidateFixture.validate([""], in: "/")
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("error: the project path is empty"))
        #expect(ValidateFixture.validate(["--reproduce"], in: "/").status == 2)
    }

    @Test func verboseShowsWhatPassingRulesMatched() {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let root = ValidateFixture.freshProject(dir)
        let quiet = ValidateFixture.validate([root], in: root)
        let verbose = ValidateFixture.validate([root, "--verbose"], in: root)
        #expect(!quiet.stdout.contains("python -m tick.evaluate runs src/tick/evaluate.py"))
        #expect(verbose.stdout.contains("  ✓ EVA001 evaluate command points at something in the project\n      python -m tick.evaluate runs src/tick/evaluate.py\n"), "\(verbose.stdout)")
        #expect(verbose.stdout.contains("      src/tick/settings.py:3: 'log.jsonl'"), "\(verbose.stdout)")
    }

    @Test func longListsAreCappedAndLinesWrapped() {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        for index in 0..<40 { dir.write("r/scripts/evaluate_variant_\(index).py", "if __name__ == '__main__':\n    pass\n") }
        let run = ValidateFixture.validate([dir.path + "/r"], in: "/")
        #expect(run.status == 1)
        #expect(run.stdout.contains("and 35 more"), "\(run.stdout)")
        #expect(ValidateFixture.widest(run.stdout) <= 80, "\(run.stdout)")
        #expect(run.stdout.components(separatedBy: "  ✗ ").count - 1 == 2, "CON001 and TST001 only: \(run.stdout)")
    }

    @Test func reproduceRunsEvaluateTwiceAndComparesTheNumbers() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let root = ValidateRunTests.project(dir)
        let same = try ValidateFixture.report([root, "--run", "--reproduce"], in: root)
        #expect(same.status == 0, "\(same.json)")
        #expect(same.results["RUN006"]?.ruleMessage == "both evaluations gave the same 4 metric values for 2 systems")
        #expect(ValidateRunTests.lines(dir) == 6)
        let noisy = TemporaryDirectory()
        defer { noisy.cleanUp() }
        let other = ValidateRunTests.project(noisy, evaluate: """
            set -e
            n=$(cat impact/log.jsonl | wc -l)
            sed -n "$((n + 1)),$((n + 2))p" fixtures/runs.jsonl | sed "s/0.83/0.8$((n % 10))/g" >> impact/log.jsonl

            """)
        let differs = try ValidateFixture.report([other, "--run", "--reproduce"], in: other)
        #expect(differs.status == 1)
        #expect(differs.results["RUN006"]?.ruleOutcome == "fail")
        #expect(differs.results["RUN006"]?.ruleDetails == ["'tfidf-logreg' macro_f1: 0.82 then 0.84"], "\(differs.results["RUN006"] ?? [:])")
        // Without --reproduce the second run is not made, and RUN006 says so.
        let before = ValidateRunTests.lines(dir)
        let plain = try ValidateFixture.report([root, "--run"], in: root)
        #expect(plain.results["RUN006"]?.ruleMessage == "runs only with --run --reproduce, which runs evaluate a second time")
        #expect(ValidateRunTests.lines(dir) == before + 2)
    }
}
