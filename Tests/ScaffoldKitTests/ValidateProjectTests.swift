import Foundation
@testable import ScaffoldKit
import Testing

/// Static validation of whole projects, in-process.
@Suite struct ValidateProjectTests {
    @Test func aFreshProjectPassesWithLogRulesWaitingForTheFirstEvaluation() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let root = ValidateFixture.freshProject(dir)
        let (status, json, results) = try ValidateFixture.report(in: root)
        #expect(status == 0)
        #expect(json["status"] as? String == "pass")
        let summary = try #require(json["summary"] as? [String: Int])
        #expect(summary["failed"] == 0 && summary["warnings"] == 0)
        for id in ["CON001", "CON002", "PIP001", "EVA001", "EVA002", "LOG001", "MET001", "BAS001", "TST001", "TST002", "REP001", "EVD005"] {
            #expect(results[id]?.ruleOutcome == "pass", "\(id): \(results[id]?.ruleMessage ?? "missing")")
        }
        for id in ["LOG002", "LOG003", "MET002", "BAS002", "CMP001", "PRV001", "EVD001", "EVD002", "EVD003", "EVD004", "EVD006"] {
            #expect(results[id]?.ruleOutcome == "skip", "\(id)")
            #expect(results[id]?.ruleMessage == "impact/log.jsonl does not exist yet: run evaluate once ('python -m tick.evaluate')")
        }
        #expect(results["HYG001"]?.ruleMessage == "not a git repository")
        #expect(results["RUN001"] == nil, "--run rules only with --run")
        #expect(results["PIP001"]?.ruleMessage == "python -m tick.pipeline runs src/tick/pipeline.py")
        #expect(results["EVA002"]?.ruleMessage.hasPrefix("src/tick/settings.py:3 refers to log.jsonl") == true)
        #expect(results["REP001"]?.ruleMessage.contains("impact/IMPACT.md not written yet") == true)
        let text = ValidateFixture.validate([root], in: "/")
        #expect(text.stdout.hasPrefix("scaffold validate \(root) (nlp-eval 1.0.0)\n\ncontract\n  ✓ CON001 scaffold.json impact contract exists and parses\n"))
        #expect(text.stdout.contains("  - LOG002 every log line is an impact-log record (skipped: impact/log.jsonl\n      does not exist yet: run evaluate once ('python -m tick.evaluate'))\n"), "\(text.stdout)")
        #expect(text.stdout.hasSuffix("\n12 passed, 0 failed, 12 skipped (0 warnings)\n"))
        #expect(text.stderr.isEmpty)
    }

    @Test func aGoodLogPassesEveryRule() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let root = ValidateFixture.freshProject(dir)
        dir.write("p/impact/log.jsonl", ValidateFixture.log(ValidateFixture.runLines(3)))
        dir.write("p/impact/IMPACT.md", "# Impact\n")
        let (status, json, results) = try ValidateFixture.report(in: root)
        #expect(status == 0)
        // The /1 records lack what the evidence rules look for (warnings); everything else passes.
        #expect(results.values.allSatisfy { $0.ruleOutcome == "pass" || ["HYG001", "EVD001", "EVD002", "EVD003", "EVD004", "EVD006"].contains($0["id"] as? String ?? "") },
                "\(results.values.filter { $0.ruleOutcome != "pass" })")
        #expect(results["LOG002"]?.ruleMessage == "6 records in impact/log.jsonl, all impact-log/1")
        #expect(results["CMP001"]?.ruleMessage == "all 3 candidate records compare with a logged baseline on the same data, with a 95% CI")
        #expect(results["REP001"]?.ruleMessage.contains("impact/IMPACT.md is there") == true)
        #expect((json["summary"] as? [String: Int])?["passed"] == 18)
    }

    @Test func aCorruptedLineIsNamedByNumber() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let root = ValidateFixture.freshProject(dir)
        var lines = ValidateFixture.runLines(2)
        lines[3] = lines[3].replacingOccurrences(of: "\"role\":\"candidate\"", with: "\"role\":\"candidate\",,")
        dir.write("p/impact/log.jsonl", ValidateFixture.log(lines))
        let (status, _, results) = try ValidateFixture.report(in: root)
        #expect(status == 1)
        let log = try #require(results["LOG002"])
        #expect(log.ruleOutcome == "fail")
        #expect(log.ruleMessage == "1 of 4 lines of impact/log.jsonl is not an impact-log record (line 4)")
        #expect(log.ruleDetails.count == 1 && log.ruleDetails[0].hasPrefix("impact/log.jsonl:4: not valid JSON: column "))
        let locations = try #require(log["locations"] as? [[String: Any]])
        #expect(locations.first?["line"] as? Int == 4)
        // The other content rules still judge the lines that parsed.
        #expect(results["MET002"]?.ruleOutcome == "pass" && results["CMP001"]?.ruleOutcome == "pass")
    }

    @Test func aLastLineCutByACrashIsItsOwnFinding() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let root = ValidateFixture.freshProject(dir)
        let lines = ValidateFixture.runLines(2)
        dir.write("p/impact/log.jsonl", ValidateFixture.log(Array(lines.prefix(3))) + lines[3].prefix(120))
        dir.write("p/src/tick/impact/log.py", "def repair(): pass\n")
        let (status, _, results) = try ValidateFixture.report(in: root)
        #expect(status == 1)
        let cut = try #require(results["LOG003"])
        #expect(cut.ruleOutcome == "fail")
        #expect(cut.ruleMessage == "impact/log.jsonl:4: the last record was cut off, probably by a crash: remove the partial line (120 bytes, no newline, not a whole JSON object)")
        #expect(cut.ruleHelp.hasPrefix("run 'python -m tick.impact.log --repair' (moves the partial line to impact/log.jsonl.cut) or delete line 4"))
        #expect(results["LOG002"]?.ruleOutcome == "pass")
        #expect(results["LOG002"]?.ruleMessage.contains("line 4 is cut off (LOG003)") == true)
    }

    @Test func withoutTheContractEveryHookIsMissing() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let root = ValidateFixture.freshProject(dir)
        try FileManager.default.removeItem(atPath: root + "/scaffold.json")
        let (status, json, results) = try ValidateFixture.report(in: root)
        #expect(status == 1)
        #expect(json["blueprint"] is NSNull)
        #expect(results["CON001"]?.ruleOutcome == "fail")
        #expect(results["CON002"]?.ruleOutcome == "skip")
        // One cause, one failure: the hook rules are skipped because of CON001.
        for id in ["PIP001", "EVA001", "LOG001", "MET001", "BAS001", "REP001"] {
            #expect(results[id]?.ruleOutcome == "skip", "\(id)")
            #expect(results[id]?.ruleMessage == "because CON001 failed", "\(id)")
        }
        let found = results["CON001"]?.ruleDetails ?? []
        #expect(found.first?.hasPrefix("found instead: Makefile:1 make target 'data'; Makefile:3 make target 'eval'") == true, "\(found)")
        #expect(found.last == #"'scaffold adopt' would write: {"impact": {"evaluate": "make eval", "log": "impact/log.jsonl", "pipeline": "make data"}}"#, "\(found)")
        #expect(results["TST002"]?.ruleOutcome == "pass")
    }

    @Test func aDataScienceRepoIsToldWhatItHasAndHowToAddEachHook() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let root = ValidateFixture.dataScienceRepo(dir)
        let (status, _, results) = try ValidateFixture.report(in: root)
        #expect(status == 1)
        let contract = try #require(results["CON001"])
        let found = contract.ruleDetails.joined()
        for thing in ["dvc.yaml:2 DVC pipeline (stages: prepare, train, evaluate)", "dvc.yaml:2 DVC stage 'prepare'", "and 6 more"] {
            #expect(found.contains(thing), "\(thing) in \(found)")
        }
        let adopt = contract.ruleDetails.last ?? ""
        #expect(adopt.contains(#""pipeline": "dvc repro prepare""#) && adopt.contains(#""evaluate": "dvc repro evaluate""#), "\(adopt)")
        #expect(adopt.contains(#""primary_metric": "f1""#) && adopt.contains(#""greater_is_better": true"#), "\(adopt)")
        #expect(contract.ruleHelp.hasPrefix("run 'scaffold adopt "))
        #expect(results["PIP001"]?.ruleMessage == "because CON001 failed")
        #expect(results["TST001"]?.ruleOutcome == "pass" && results["TST002"]?.ruleOutcome == "fail")
        for (id, result) in results where result.ruleOutcome == "fail" {
            #expect(!result.ruleHelp.isEmpty && !result.ruleMessage.isEmpty, "\(id)")
        }
        // The text report puts a fix under every failure.
        let text = ValidateFixture.validate([root], in: "/").stdout
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() where line.hasPrefix("  ✗ ") {
            let block = lines[(index + 1)...].prefix { $0.hasPrefix("      ") }
            #expect(block.contains { $0.hasPrefix("      fix: ") }, "\(line)")
        }
        #expect(text.contains("(no scaffold.json)"))
    }

    @Test func aMisspeltKeyIsNamedWithItsLineAndASuggestion() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let contract = ValidateFixture.contract.replacingOccurrences(of: "\"primary_metric\"", with: "\"primary_metrc\"")
        let root = ValidateFixture.freshProject(dir, contract: contract)
        let (status, _, results) = try ValidateFixture.report(in: root)
        #expect(status == 1)
        #expect(results["CON002"]?.ruleMessage == "scaffold.json:8: unknown key 'impact.primary_metrc' (did you mean 'primary_metric'?)")
        #expect(results["MET001"]?.ruleOutcome == "fail")
        #expect(results["MET001"]?.ruleMessage == "no primary metric and direction: scaffold.json declares no impact.primary_metric")
        #expect(results["PIP001"]?.ruleOutcome == "pass", "the other hooks are still judged")
    }

    @Test func contractProblemsOfEveryKind() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let root = ValidateFixture.freshProject(dir, contract: """
            {"impact": {"pipeline": 3, "evaluate": "", "log": "../elsewhere.jsonl", "greater_is_better": "yes"},
             "validate": {"ignore": ["HYG", "NOPE9"]}, "extra": 1}
            """)
        let (status, json, results) = try ValidateFixture.report(in: root)
        #expect(status == 1)
        #expect(json["blueprint"] is NSNull)
        let problems = try #require(results["CON002"]).ruleDetails.joined(separator: "\n")
        for expected in ["unknown key 'extra'", "impact.pipeline is a number, not a string", "impact.evaluate is empty",
                         "impact.greater_is_better is a string, not true or false", "validate.ignore: 'NOPE9' names no rule"] {
            #expect(problems.contains(expected), "\(expected)")
        }
        #expect(results["PIP001"]?.ruleMessage == "no pipeline hook: impact.pipeline is a number, not a string")
        #expect(results["LOG001"]?.ruleMessage == "impact.log '../elsewhere.jsonl' is outside the project")
        #expect(results["HYG001"] == nil, "ignored by the contract")
    }

    @Test func aContractThatIsNotJSONSkipsTheHookRules() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let root = ValidateFixture.freshProject(dir, contract: "{\n  \"impact\": {\n    \"pipeline\": \"x\"\n    \"log\": 1\n}\n")
        let (status, _, results) = try ValidateFixture.report(in: root)
        #expect(status == 1)
        #expect(results["CON001"]?.ruleOutcome == "fail")
        #expect(results["CON001"]?.ruleMessage == "scaffold.json:4:5: invalid JSON: expected ',' or '}' in the object, found '\"'")
        #expect(results["CON002"]?.ruleMessage == "because CON001 failed")
        #expect(results["PIP001"]?.ruleOutcome == "skip" && results["PIP001"]?.ruleMessage == "because CON001 failed")
        #expect(results["TST001"]?.ruleOutcome == "pass")
    }

    @Test func logContentRulesCatchWhatTheSchemaAllows() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let root = ValidateFixture.freshProject(dir)
        let other = "sha256:" + String(repeating: "ab", count: 32)
        let lines = [
            ValidateFixture.record(role: "baseline", system: "most-frequent", id: "b1", commit: nil),
            ValidateFixture.record(role: "candidate", system: "lr", id: "c1", baselineID: "b1", metric: "accuracy", fingerprint: other),
            ValidateFixture.record(role: "candidate", system: "lr", id: "c2", baselineID: "zz"),
        ]
        dir.write("p/impact/log.jsonl", ValidateFixture.log(lines))
        let (status, _, results) = try ValidateFixture.report(in: root)
        #expect(status == 1)
        #expect(results["LOG002"]?.ruleOutcome == "pass")
        let metric = try #require(results["MET002"])
        #expect(metric.ruleMessage == "1 of 3 records do not report macro_f1 as declared (line 2)")
        #expect(metric.ruleDetails.contains("impact/log.jsonl:2: primary_metric is \"accuracy\", the contract declares \"macro_f1\""))
        #expect(results["BAS002"]?.ruleMessage == "the declared baseline 'majority-class' is not in impact/log.jsonl")
        #expect(results["BAS002"]?.ruleDetails.first?.contains("'most-frequent'") == true)
        let comparison = try #require(results["CMP001"]).ruleDetails.joined(separator: "\n")
        #expect(comparison.contains("impact/log.jsonl:2: the comparison names baseline 'majority-class' but line 1 is 'most-frequent'"))
        #expect(comparison.contains("impact/log.jsonl:2: compared with line 1, which was evaluated on different data"))
        #expect(comparison.contains("impact/log.jsonl:3: comparison.baseline_id 'zz' is the id of no record in the log"))
        let provenance = try #require(results["PRV001"])
        #expect(provenance.ruleOutcome == "fail" && provenance["severity"] as? String == "warning")
        #expect(provenance.ruleDetails.first?.hasPrefix("1 without a git commit (line 1)") == true)
    }

    @Test func onlyBaselinesMeansNoComparison() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let root = ValidateFixture.freshProject(dir)
        dir.write("p/impact/log.jsonl", ValidateFixture.log([ValidateFixture.record(role: "baseline", system: "majority-class", id: "b")]))
        let (status, _, results) = try ValidateFixture.report(in: root)
        #expect(status == 1)
        #expect(results["CMP001"]?.ruleMessage == "no candidate records in impact/log.jsonl: its 1 record compare nothing with the baseline")
    }

    @Test func aWarningAloneStillExitsZero() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let root = ValidateFixture.freshProject(dir)
        let lines = ValidateFixture.runLines(1).map { $0.replacingOccurrences(of: "\"commit\":\"\(ValidateFixture.commit)\"", with: "\"commit\":null") }
        dir.write("p/impact/log.jsonl", ValidateFixture.log(lines))
        let run = ValidateFixture.validate([root, "--ignore", "EVD"], in: "/")
        #expect(run.status == 0)
        #expect(run.stdout.contains("  ! PRV001 records carry a data fingerprint and a git commit (warning)\n"))
        #expect(run.stdout.contains("0 failed") && run.stdout.contains("(1 warning)"))
    }

    @Test func aPipelineThatPointsNowhereFails() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let contract = ValidateFixture.contract.replacingOccurrences(of: "tick.pipeline", with: "tick.prepare")
        let root = ValidateFixture.freshProject(dir, contract: contract)
        let (status, _, results) = try ValidateFixture.report(in: root)
        #expect(status == 1)
        let pipeline = try #require(results["PIP001"])
        #expect(pipeline.ruleMessage.hasPrefix("impact.pipeline 'python -m tick.prepare' points at nothing in the project: 'python -m tick.prepare': none of src/tick/prepare.py"))
        #expect((pipeline["locations"] as? [[String: Any]])?.first?["line"] as? Int == 4)
    }

    @Test func selectAndIgnoreFromTheCommandLine() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let root = ValidateFixture.freshProject(dir)
        try FileManager.default.removeItem(atPath: root + "/scaffold.json")
        let only = try ValidateFixture.report(["--select", "TST,tests", "--select", "REP001"], in: root)
        #expect(Set(only.results.keys) == ["TST001", "TST002", "REP001"])
        #expect(only.status == 0)
        #expect(only.results["REP001"]?.ruleMessage == "because CON001 failed")
        let ignored = try ValidateFixture.report(["--select", "TST", "--ignore", "TST002"], in: root)
        #expect(Set(ignored.results.keys) == ["TST001"] && ignored.status == 0)
        // A selected rule whose requirement is not selected is still judged after it.
        let needs = try ValidateFixture.report(["--select", "EVA002"], in: root)
        #expect(needs.results["EVA002"]?.ruleMessage == "because CON001 failed")
        let unknown = ValidateFixture.validate([root, "--select", "LOGG"], in: "/")
        #expect(unknown.status == 2 && unknown.stderr.hasPrefix("error: --select 'LOGG' names no rule — did you mean"))
        let none = ValidateFixture.validate([root, "--select", "RUN"], in: "/")
        #expect(none.stdout.contains("- RUN001 pipeline command runs and exits 0 (skipped: runs only with --run,"))
    }

    @Test func unreadablePathsAreUsageErrors() {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let missing = ValidateFixture.validate(["nowhere"], in: dir.path)
        #expect(missing.status == 2 && missing.stderr == "error: no such directory: \(dir.path)/nowhere — give the project directory, e.g. 'scaffold validate path/to/project'\n")
        dir.write("file.txt", "x")
        #expect(ValidateFixture.validate(["file.txt"], in: dir.path).status == 2)
        #expect(ValidateFixture.validate([".", "--timeout", "soon"], in: dir.path).status == 2)
        #expect(ValidateFixture.validate([".", "--timeout", "-1"], in: dir.path).status == 2)
        #expect(ValidateFixture.validate([".", "--format", "xml"], in: dir.path).status == 2)
        try? FileManager.default.createDirectory(atPath: dir.path + "/locked", withIntermediateDirectories: true)
        chmod(dir.path + "/locked", 0)
        defer { chmod(dir.path + "/locked", 0o755) }
        if getuid() != 0 {
            let locked = ValidateFixture.validate(["locked"], in: dir.path)
            #expect(locked.status == 2 && locked.stderr.hasPrefix("error: cannot read the project directory"))
        }
    }

    @Test func aLinkGivenOnTheCommandLineIsTheProject() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let root = ValidateFixture.freshProject(dir)
        try FileManager.default.createSymbolicLink(atPath: dir.path + "/link", withDestinationPath: root)
        let run = ValidateFixture.validate(["link"], in: dir.path)
        #expect(run.status == 0, "\(run.stdout)")
    }

    @Test func largeTrackedDataIsAWarning() throws {
        guard LocalProcessRunner.which("git", environment: ProcessInfo.processInfo.environment) != nil else { return }
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let root = ValidateFixture.freshProject(dir)
        let big = root + "/data/raw/big.csv"
        #expect(FileManager.default.createFile(atPath: big, contents: Data("a,b\n".utf8)))
        #expect(truncate(big, 3 << 20) == 0)
        // Images and test fixtures are not data, whatever their size.
        for other in ["docs/figure.png", "tests/fixtures/sample.csv"] {
            dir.write("p/" + other, "x")
            #expect(truncate(root + "/" + other, 3 << 20) == 0)
        }
        dir.write("p/impact/log.jsonl", ValidateFixture.log(ValidateFixture.runLines(1)))
        let git = Binary.run(["-c", "git init -q && git add -A"], in: root, environment: ["GIT_CEILING_DIRECTORIES": dir.path], executable: "/bin/sh")
        try #require(git.status == 0, "\(git.stderr)")
        let (status, _, results) = try ValidateFixture.report(in: root)
        #expect(status == 0)
        let hygiene = try #require(results["HYG001"])
        #expect(hygiene.ruleOutcome == "fail" && hygiene["severity"] as? String == "warning")
        #expect(hygiene.ruleMessage == "1 large data file is tracked by git (3.0 MB in all)")
        #expect(hygiene.ruleDetails == ["data/raw/big.csv (3.0 MB)"])
    }
}
