import Foundation
import Testing

/// `scaffold validate` and `scaffold rules` as a user runs them: the built
/// binary, its stdout, stderr and exit code. The generated-project tests need
/// the built-in nlp-eval blueprint; the one that runs its Python hooks also
/// needs SCAFFOLD_TEST_PYTHON (a virtualenv's python with scikit-learn, as
/// Tests/run makes). Offline.
@Suite struct ValidateEndToEndTests {
    static let builtIns: [String] = {
        let run = Binary.run(["list", "--json"], in: "/")
        guard let items = try? JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]] else { return [] }
        return items.compactMap { $0["name"] as? String }.sorted()
    }()
    static let hasNLPEval = builtIns.contains("nlp-eval")
    static let python = ProcessInfo.processInfo.environment["SCAFFOLD_TEST_PYTHON"].flatMap {
        FileManager.default.isExecutableFile(atPath: $0) ? $0 : nil
    }

    static func lines(_ path: String) -> Int {
        ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n").count
    }

    /// Text with every run of whitespace (wrapping included) made one space.
    static func flat(_ text: String) -> String { text.split(whereSeparator: \.isWhitespace).joined(separator: " ") }

    static func json(_ run: BinaryRun) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run.stdout)\(run.stderr)")
    }

    @Test func aFreshProjectPasses() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let root = ValidateFixture.freshProject(dir)
        let run = Binary.run(["validate", root], in: "/")
        #expect(run.status == 0, "\(run.stdout)")
        #expect(run.stderr.isEmpty)
        #expect(run.stdout.contains("  - BAS002 declared baseline is logged (skipped: impact/log.jsonl does not exist\n      yet: run evaluate once ('python -m tick.evaluate'))\n"), "\(run.stdout)")
        #expect(run.stdout.hasSuffix("12 passed, 0 failed, 12 skipped (0 warnings)\n"))
        #expect(ValidateFixture.widest(run.stdout) <= 80, "wrapped at 80 columns off a terminal")
        #expect(!run.stdout.contains("\u{1B}["), "no colour when not a terminal")
        let here = Binary.run(["validate"], in: root)
        #expect(here.status == 0, "PATH defaults to the current directory")
    }

    @Test func runningTheHooksGrowsTheLog() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let root = ValidateRunTests.project(dir)
        let run = Binary.run(["validate", root, "--run"], in: "/")
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(Self.lines(root + "/impact/log.jsonl") == 4)
        #expect(run.stderr.hasPrefix("scaffold validate --run: about to run this project's own commands from scaffold.json"))
        #expect(run.stdout.contains("ran pipeline (ok), evaluate (ok)"))
        #expect(run.stdout.contains("  ✓ RUN004 earlier log bytes are unchanged\n"))
        let again = Binary.run(["validate", root, "--run", "--format", "json"], in: "/")
        #expect(again.status == 0)
        #expect(Self.lines(root + "/impact/log.jsonl") == 6)
        #expect(try Self.json(again)["status"] as? String == "pass")
    }

    @Test func aCorruptedLogLineFailsWithItsNumber() {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let root = ValidateFixture.freshProject(dir)
        var lines = ValidateFixture.runLines(2)
        lines[2] = "{\"schema\": \"impact-log/1\", \"id\": "
        dir.write("p/impact/log.jsonl", ValidateFixture.log(lines))
        let run = Binary.run(["validate", root], in: "/")
        #expect(run.status == 1)
        #expect(run.stdout.contains("  ✗ LOG002 every log line is an impact-log record\n      1 of 4 lines of impact/log.jsonl is not an impact-log record (line 3)\n      impact/log.jsonl:3: not valid JSON: column 34: unexpected end of JSON: a\n        value is missing"), "\(run.stdout)")
    }

    @Test func aTruncatedLastLineIsReportedAsACrash() {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let root = ValidateFixture.freshProject(dir)
        let lines = ValidateFixture.runLines(1)
        dir.write("p/impact/log.jsonl", lines[0] + "\n" + lines[1].prefix(200))
        let run = Binary.run(["validate", root], in: "/")
        #expect(run.status == 1)
        #expect(Self.flat(run.stdout).contains("impact/log.jsonl:2: the last record was cut off, probably by a crash: remove the partial line"))
    }

    @Test func aProjectWithoutItsContractFails() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let root = ValidateFixture.freshProject(dir)
        try FileManager.default.removeItem(atPath: root + "/scaffold.json")
        let run = Binary.run(["validate", root], in: "/")
        #expect(run.status == 1)
        #expect(run.stdout.contains("  ✗ CON001 scaffold.json impact contract exists and parses\n      no scaffold.json at the project root"), "\(run.stdout)")
        // One cause, one failure: every hook rule waits for CON001.
        #expect(run.stdout.contains("  - PIP001 pipeline command points at something in the project (skipped because\n      CON001 failed)"), "\(run.stdout)")
        #expect(run.stdout.components(separatedBy: "  ✗ ").count - 1 == 1, "\(run.stdout)")
    }

    @Test func aDataScienceRepoGetsEachFailureWithItsFix() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let root = ValidateFixture.dataScienceRepo(dir)
        let run = Binary.run(["validate", root], in: "/")
        #expect(run.status == 1)
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        let failures = lines.indices.filter { lines[$0].hasPrefix("  ✗ ") || lines[$0].hasPrefix("  ! ") }
        #expect(failures.count >= 2)
        for index in failures {
            let block = lines[(index + 1)...].prefix { $0.hasPrefix("      ") }
            #expect(block.contains { $0.hasPrefix("      fix: ") }, "\(lines[index])")
        }
        #expect(Self.flat(run.stdout).contains("found instead: dvc.yaml:2 DVC pipeline (stages: prepare, train, evaluate)"), "\(run.stdout)")
        #expect(ValidateFixture.widest(run.stdout) <= 80)
        let sarif = Binary.run(["validate", root, "--format", "sarif"], in: "/")
        #expect(sarif.status == 1)
        #expect(try Self.json(sarif)["version"] as? String == "2.1.0")
    }

    @Test func aHostileTreeFinishes() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let root = ValidateFixture.hostileTree(dir, venvFiles: 3_000)
        for index in 0..<2_000 { dir.write("hostile/data/raw/part\(index).csv", "a,b\n") }
        let start = Date()
        let run = Binary.run(["validate", root], in: "/")
        #expect(Date().timeIntervalSince(start) < 30)
        #expect(run.status == 0 || run.status == 1)
        #expect(run.stdout.contains("notes (changed nothing):"))
        #expect(run.stdout.contains("fifo: special file (FIFO, socket or device): not read"))
    }

    @Test func rulesAndUsageErrors() {
        let rules = Binary.run(["rules"], in: "/")
        #expect(rules.status == 0 && rules.stdout.contains("  LOG003  error   last log line is complete\n"))
        let one = Binary.run(["rules", "HYG001"], in: "/")
        #expect(one.status == 0 && one.stdout.hasPrefix("HYG001: large data files are not tracked by git\n"))
        let missing = Binary.run(["validate", "/nonexistent/project"], in: "/")
        #expect(missing.status == 2 && missing.stderr.hasPrefix("error: no such directory: /nonexistent/project — "))
        let flag = Binary.run(["validate", "--selct", "LOG"], in: "/")
        #expect(flag.status == 2 && flag.stderr.contains("did you mean '--select'?"))
    }

    @Test(.enabled(if: ValidateEndToEndTests.hasNLPEval, "needs the built-in nlp-eval blueprint"))
    func aFreshlyGeneratedNLPEvalProjectPasses() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let new = Binary.run(["new", "p", "--blueprint", "nlp-eval", "--no-input", "--no-git"], in: dir.path)
        try #require(new.status == 0, "\(new.stderr)")
        let run = Binary.run(["validate", dir.path + "/p", "--format", "json"], in: "/")
        #expect(run.status == 0, "\(run.stdout)")
        let json = try Self.json(run)
        #expect((json["summary"] as? [String: Int])?["failed"] == 0)
        let results = try #require(json["results"] as? [[String: Any]])
        let log = results.first { $0["id"] as? String == "LOG002" }
        #expect(log?.ruleOutcome == "skip" && log?.ruleMessage.contains("run evaluate once") == true)
    }

    @Test(arguments: ValidateEndToEndTests.builtIns)
    func everyBuiltInBlueprintGeneratesAValidProject(name: String) throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let new = Binary.run(["new", "p", "--blueprint", name, "--no-input", "--no-git"], in: dir.path)
        try #require(new.status == 0, "\(new.stderr)")
        let run = Binary.run(["validate", "p"], in: dir.path)
        #expect(run.status == 0, "\(name): \(run.stdout)")
        #expect(run.stdout.contains(" 0 failed"))
    }

    @Test(.enabled(if: ValidateEndToEndTests.hasNLPEval && ValidateEndToEndTests.python != nil,
                   "needs the nlp-eval blueprint and SCAFFOLD_TEST_PYTHON"))
    func aGeneratedProjectsHooksRunAndTheLogGrows() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let new = Binary.run(["new", "p", "--blueprint", "nlp-eval", "--no-input", "--no-git"], in: dir.path)
        try #require(new.status == 0, "\(new.stderr)")
        let root = dir.path + "/p"
        let bin = URL(fileURLWithPath: Self.python!).deletingLastPathComponent().path
        let environment = [
            "PATH": bin + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"),
            "VIRTUAL_ENV": URL(fileURLWithPath: bin).deletingLastPathComponent().path,
            "PYTHONPATH": root + "/src", "PYTHONDONTWRITEBYTECODE": "1",
        ]
        let log = root + "/impact/log.jsonl"
        let first = Binary.run(["validate", root, "--run", "--timeout", "300"], in: "/", environment: environment)
        #expect(first.status == 0, "\(first.stdout)\(first.stderr)")
        #expect(first.stderr.contains("  evaluate: python -m "))
        let perRun = Self.lines(log)  // a ladder of baselines and the candidate
        #expect(perRun >= 3, "one run of a ladder (two baselines or more) and a candidate: \(perRun) records")
        let second = Binary.run(["validate", root, "--run", "--format", "json"], in: "/", environment: environment)
        #expect(second.status == 0, "\(second.stdout)\(second.stderr)")
        #expect(Self.lines(log) == 2 * perRun)
        let results = try #require(try Self.json(second)["results"] as? [[String: Any]])
        for id in ["RUN001", "RUN002", "RUN003", "RUN004", "RUN005", "LOG002", "LOG003", "MET002", "BAS002", "CMP001"] {
            #expect(results.first { $0["id"] as? String == id }?.ruleOutcome == "pass", "\(id)")
        }
    }
}
