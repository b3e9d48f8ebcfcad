import Foundation
@testable import ScaffoldKit
import Testing

/// Text, JSON and SARIF output, and colour.
@Suite struct ValidateOutputTests {
    static func brokenProject(_ dir: TemporaryDirectory) -> String {
        let root = ValidateFixture.freshProject(dir)
        var lines = ValidateFixture.runLines(1)
        lines[1] = lines[1].replacingOccurrences(of: "\"seed\":42", with: "\"seed\":\"42\"")
        dir.write("p/impact/log.jsonl", ValidateFixture.log(lines))
        return root
    }

    @Test func jsonHasTheDocumentedShape() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let root = Self.brokenProject(dir)
        let (status, json, _) = try ValidateFixture.report(in: root)
        #expect(status == 1)
        #expect(json["schema"] as? String == "scaffold-validate/1")
        #expect(json["status"] as? String == "fail")
        #expect(json["path"] as? String == root)
        #expect(json["blueprint"] as? String == "nlp-eval 1.0.0")
        #expect((json["run"] as? [Any])?.isEmpty == true)
        let summary = try #require(json["summary"] as? [String: Int])
        let results = try #require(json["results"] as? [[String: Any]])
        #expect(summary["passed"]! + summary["failed"]! + summary["warnings"]! + summary["skipped"]! == results.count)
        #expect(summary["failed"] == 1)
        for result in results {
            for key in ["id", "family", "severity", "outcome", "title", "message", "help", "locations", "details"] {
                #expect(result[key] != nil, "\(key) in \(result)")
            }
            #expect(["pass", "fail", "skip"].contains(result.ruleOutcome ?? ""))
        }
        let bad = try #require(results.first { $0.ruleOutcome == "fail" })
        #expect(bad["id"] as? String == "LOG002" && bad["family"] as? String == "log" && bad["severity"] as? String == "error")
        #expect(bad.ruleDetails == ["impact/log.jsonl:2: field 'seed' must be an integer or null, found \"42\""])
        #expect((bad["locations"] as? [[String: Any]])?.first?["path"] as? String == "impact/log.jsonl")
    }

    @Test func sarifIsCodeScanningReady() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let root = Self.brokenProject(dir)
        try FileManager.default.removeItem(atPath: root + "/tests")
        let run = ValidateFixture.validate([root, "--format", "sarif", "--ignore", "EVD"], in: "/")
        #expect(run.status == 1)
        let sarif = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(sarif["version"] as? String == "2.1.0")
        #expect((sarif["$schema"] as? String)?.contains("sarif-2.1.0") == true)
        let runs = try #require(sarif["runs"] as? [[String: Any]])
        let driver = try #require((runs[0]["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "scaffold")
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.first?["id"] as? String == "CON001")
        #expect(rules.allSatisfy { ($0["help"] as? [String: String])?["text"]?.isEmpty == false })
        let results = try #require(runs[0]["results"] as? [[String: Any]])
        #expect(Set(results.compactMap { $0["ruleId"] as? String }) == ["LOG002", "TST001"])
        for result in results {
            let index = try #require(result["ruleIndex"] as? Int)
            #expect(rules[index]["id"] as? String == result["ruleId"] as? String)
            #expect(result["level"] as? String == "error")
            let locations = try #require(result["locations"] as? [[String: Any]])
            #expect(!locations.isEmpty, "code scanning needs a location")
            let physical = try #require(locations[0]["physicalLocation"] as? [String: Any])
            #expect((physical["artifactLocation"] as? [String: String])?["uriBaseId"] == "%SRCROOT%")
        }
        let log = try #require(results.first { $0["ruleId"] as? String == "LOG002" })
        let region = ((log["locations"] as? [[String: Any]])?[0]["physicalLocation"] as? [String: Any])?["region"] as? [String: Int]
        #expect(region?["startLine"] == 2)
        let base = try #require((runs[0]["originalUriBaseIds"] as? [String: [String: String]])?["%SRCROOT%"]?["uri"])
        #expect(base == "file://" + root + "/")
    }

    @Test func colourOnlyOnATerminalAndNeverWithNoColor() {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let root = Self.brokenProject(dir)
        func run(terminal: Bool, environment: [String: String]) -> String {
            var cli = InProcess(directory: "/", environment: environment)
            let output = MemoryOutput(isTerminal: terminal)
            cli.context.stdout = output
            _ = cli.run("validate", root)
            return output.text
        }
        #expect(!run(terminal: false, environment: [:]).contains("\u{1B}["))
        #expect(run(terminal: true, environment: [:]).contains("\u{1B}[31m✗\u{1B}[0m LOG002"))
        #expect(!run(terminal: true, environment: ["NO_COLOR": "1"]).contains("\u{1B}["))
        #expect(!run(terminal: true, environment: ["TERM": "dumb"]).contains("\u{1B}["))
    }

    @Test func textGroupsByFamilyWithTheFixUnderEachFailure() {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let root = Self.brokenProject(dir)
        let text = ValidateFixture.validate([root, "--ignore", "EVD"], in: "/").stdout
        #expect(text.contains("""
            log
              ✓ LOG001 impact log is declared inside the project
              ✗ LOG002 every log line is an impact-log record
                  1 of 2 lines of impact/log.jsonl is not an impact-log record (line 2)
                  impact/log.jsonl:2: field 'seed' must be an integer or null, found "42"
                  fix: Correct or remove the lines named.
            """))
        let families = text.split(separator: "\n").filter { !$0.hasPrefix(" ") && !$0.isEmpty }.dropFirst().dropLast()
        #expect(Array(families) == ["contract", "pipeline", "evaluation", "log", "metric", "baseline", "comparison", "provenance", "tests", "report", "hygiene"])
        #expect(text.hasSuffix("\n16 passed, 1 failed, 1 skipped (0 warnings)\n"))
    }
}
