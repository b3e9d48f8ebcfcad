import Foundation
@testable import ScaffoldKit
import Testing

/// `validate --run`: the project's own hooks run (here: shell scripts that
/// append prepared records), then the log is checked for growth, validity,
/// unchanged earlier bytes and a comparison.
@Suite struct ValidateRunTests {
    static let contract = ValidateFixture.contract
        .replacingOccurrences(of: "python -m tick.pipeline", with: "sh scripts/pipeline.sh")
        .replacingOccurrences(of: "python -m tick.evaluate", with: "sh scripts/evaluate.sh")

    /// A project whose evaluate appends the next run's two records from fixtures/runs.jsonl.
    @discardableResult
    static func project(_ dir: TemporaryDirectory, evaluate: String? = nil, pipeline: String? = nil, runsLogged: Int = 1) -> String {
        let root = ValidateFixture.freshProject(dir, contract: contract)
        dir.write("p/fixtures/runs.jsonl", ValidateFixture.log(ValidateFixture.runLines(6)))
        dir.write("p/scripts/pipeline.sh", pipeline ?? "mkdir -p data/processed\necho rows > data/processed/train.csv\necho 'pipeline: wrote data/processed'\n")
        dir.write("p/scripts/evaluate.sh", evaluate ?? """
            set -e
            mkdir -p impact
            n=$(cat impact/log.jsonl 2>/dev/null | wc -l)
            sed -n "$((n + 1)),$((n + 2))p" fixtures/runs.jsonl >> impact/log.jsonl
            echo "evaluate: appended 2 records to impact/log.jsonl"

            """)
        if runsLogged > 0 {
            dir.write("p/impact/log.jsonl", ValidateFixture.log(ValidateFixture.runLines(runsLogged)))
        }
        return root
    }

    static func lines(_ dir: TemporaryDirectory) -> Int {
        (dir.read("p/impact/log.jsonl") ?? "").split(separator: "\n").count
    }

    @Test func theHooksRunAndTheLogGrowsByValidRecords() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let root = Self.project(dir)
        let run = ValidateFixture.validate([root, "--run", "--format", "json"], in: "/")
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(Self.lines(dir) == 4)
        // Said before anything ran, naming the commands; then the output, passed through.
        #expect(run.stderr.hasPrefix("scaffold validate --run: about to run this project's own commands from scaffold.json (sh -c, in \(root), time limit 600 s each):\n  pipeline: sh scripts/pipeline.sh\n  evaluate: sh scripts/evaluate.sh\n==> pipeline: sh scripts/pipeline.sh\npipeline: wrote data/processed\n==> pipeline exited 0 in "))
        #expect(run.stderr.contains("evaluate: appended 2 records to impact/log.jsonl\n==> evaluate exited 0"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let results = try #require(json["results"] as? [[String: Any]])
        var byID: [String: [String: Any]] = [:]
        for result in results { byID[result["id"] as! String] = result }
        for id in ["RUN001", "RUN002", "RUN003", "RUN004", "RUN005"] {
            #expect(byID[id]?.ruleOutcome == "pass", "\(id): \(byID[id]?.ruleMessage ?? "")")
        }
        #expect(byID["RUN003"]?.ruleMessage == "2 new records (lines 3–4), all valid")
        #expect(byID["RUN004"]?.ruleMessage.hasPrefix("the \(ValidateFixture.log(ValidateFixture.runLines(1)).utf8.count) bytes (2 lines) the log held before are unchanged") == true)
        #expect(byID["LOG002"]?.ruleMessage == "4 records in impact/log.jsonl, all impact-log/1")
        let steps = try #require(json["run"] as? [[String: Any]])
        #expect(steps.map { $0["hook"] as? String } == ["pipeline", "evaluate"])
        #expect(steps.allSatisfy { $0["status"] as? Int == 0 && $0["timed_out"] as? Bool == false })
    }

    @Test func aFreshProjectsFirstRunCreatesTheLog() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let root = Self.project(dir, runsLogged: 0)
        let before = try ValidateFixture.report(in: root)
        #expect(before.results["LOG002"]?.ruleOutcome == "skip")
        let after = try ValidateFixture.report(["--run"], in: root)
        #expect(after.status == 0)
        #expect(after.results["RUN004"]?.ruleMessage == "impact/log.jsonl was empty or absent before the run: no earlier bytes to keep")
        #expect(after.results["LOG002"]?.ruleOutcome == "pass" && after.results["CMP001"]?.ruleOutcome == "pass")
        #expect(Self.lines(dir) == 2)
    }

    @Test func rewritingAnEarlierRecordIsCaught() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let root = Self.project(dir, evaluate: """
            sed -i 's/12:00:00Z/13:00:00Z/' impact/log.jsonl
            sed -n '3,4p' fixtures/runs.jsonl >> impact/log.jsonl

            """)
        let (status, _, results) = try ValidateFixture.report(["--run"], in: root)
        #expect(status == 1)
        #expect(results["RUN003"]?.ruleOutcome == "pass")
        #expect(results["RUN004"]?.ruleOutcome == "fail")
        #expect(results["RUN004"]?.ruleMessage.hasSuffix("(lines 1–2) changed during the run: earlier records were rewritten") == true)
    }

    @Test func aShrunkLogIsCaught() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let root = Self.project(dir, evaluate: "sed -n '3p' fixtures/runs.jsonl > impact/log.jsonl\n")
        let (status, _, results) = try ValidateFixture.report(["--run"], in: root)
        #expect(status == 1)
        #expect(results["RUN003"]?.ruleMessage.hasPrefix("evaluate ran but impact/log.jsonl did not grow") == true)
        #expect(results["RUN004"]?.ruleMessage.contains("shrank") == true)
    }

    @Test func theProjectsOwnVirtualenvIsActivated() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let root = Self.project(dir, pipeline: "echo \"venv=$VIRTUAL_ENV\"\ncommand -v python\n")
        dir.write("p/.venv/pyvenv.cfg", "home = /usr/bin\n")
        dir.write("p/.venv/bin/python", "#!/bin/sh\n", executable: true)
        var environment = ProcessInfo.processInfo.environment
        environment["VIRTUAL_ENV"] = nil
        let cli = InProcess(directory: "/", environment: environment)
        #expect(cli.run("validate", root, "--run", "--select", "RUN") == 0)
        #expect(cli.stderr.text.contains("(sh -c, in \(root), with the project's .venv activated, time limit 600 s each)"))
        #expect(cli.stderr.text.contains("venv=\(root)/.venv\n\(root)/.venv/bin/python\n"))
    }

    @Test func aFailingPipelineStopsTheRun() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let root = Self.project(dir, pipeline: "echo 'pipeline: data/raw is empty' >&2\nexit 3\n")
        let run = ValidateFixture.validate([root, "--run"], in: "/")
        #expect(run.status == 1)
        #expect(run.stdout.contains("  ✗ RUN001 pipeline command runs and exits 0\n      'sh scripts/pipeline.sh' exited with status 3\n      | pipeline: data/raw is empty\n"))
        #expect(run.stdout.contains("  - RUN002 evaluate command runs and exits 0 (skipped because RUN001 failed)"))
        #expect(!run.stderr.contains("==> evaluate:"))
        #expect(Self.lines(dir) == 2)
    }

    @Test func aHookThatTakesTooLongIsStopped() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let root = Self.project(dir, pipeline: "sleep 30 &\nsh -c 'sleep 30; echo late'\nwait\n")
        let start = Date()
        let (status, _, results) = try ValidateFixture.report(["--run", "--timeout", "0.5"], in: root)
        #expect(Date().timeIntervalSince(start) < 20)
        #expect(status == 1)
        #expect(results["RUN001"]?.ruleMessage == "'sh scripts/pipeline.sh' timed out after 0.5 s")
        #expect(results["RUN001"]?.ruleHelp == "make it faster, or allow more time with --timeout SECONDS")
    }

    @Test func anInterruptionStopsTheHookAndEverythingItStarted() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let root = Self.project(dir, pipeline: "sleep 30 &\nsleep 30\n")
        let cli = InProcess(directory: "/")
        let done = DispatchSemaphore(value: 0)
        let start = Date()
        Thread.detachNewThread {
            _ = cli.run("validate", root, "--run")
            done.signal()
        }
        Thread.sleep(forTimeInterval: 1)
        cli.context.interruption.interrupt()
        #expect(done.wait(timeout: .now() + 20) == .success)
        #expect(Date().timeIntervalSince(start) < 20)
        #expect(cli.stdout.text.contains("✗ RUN001 pipeline command runs and exits 0"))
    }

    @Test func appendedGarbageAndMissingComparisonsFail() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let garbage = Self.project(dir, evaluate: "echo '{\"bad\": 1}' >> impact/log.jsonl\n")
        let first = try ValidateFixture.report(["--run"], in: garbage)
        #expect(first.status == 1)
        #expect(first.results["RUN003"]?.ruleMessage == "evaluate appended to impact/log.jsonl, but not only valid impact-log records")
        #expect(first.results["RUN003"]?.ruleDetails.first?.hasPrefix("impact/log.jsonl:3: missing field 'schema'") == true)

        let other = TemporaryDirectory()
        defer { other.cleanUp() }
        let baselineOnly = Self.project(other, evaluate: "sed -n '3p' fixtures/runs.jsonl >> impact/log.jsonl\n")
        let second = try ValidateFixture.report(["--run"], in: baselineOnly)
        #expect(second.status == 1)
        #expect(second.results["RUN003"]?.ruleOutcome == "pass")
        #expect(second.results["RUN005"]?.ruleMessage == "the run logged no candidate record, so nothing was compared with the baseline")
    }

    @Test func withoutAContractNothingRuns() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let root = ValidateFixture.dataScienceRepo(dir)
        let run = ValidateFixture.validate([root, "--run"], in: "/")
        #expect(run.status == 1)
        #expect(run.stderr.isEmpty)
        #expect(run.stdout.contains("  - RUN001 pipeline command runs and exits 0 (skipped because CON001 failed)\n"), "\(run.stdout)")
    }
}
