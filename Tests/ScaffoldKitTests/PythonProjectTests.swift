import Foundation
import Testing

/// The proof that generated projects are real: generate, install into a
/// virtualenv, run their tests and linter, run the impact contract's commands,
/// and check the impact log. Needs the venv made by Tests/run
/// (SCAFFOLD_TEST_PYTHON); skipped without it. Offline.
enum TestPython {
    /// The venv's python from Tests/run, or nil.
    static let path = ProcessInfo.processInfo.environment["SCAFFOLD_TEST_PYTHON"].flatMap {
        FileManager.default.isExecutableFile(atPath: $0) ? $0 : nil
    }
}

@Suite(.serialized, .enabled(if: TestPython.path != nil, "set SCAFFOLD_TEST_PYTHON (Tests/run does)"))
struct PythonProjectTests {
    static let python = TestPython.path

    /// Environment with the venv's bin first on PATH, as a user with an activated venv has.
    static var environment: [String: String] {
        let bin = URL(fileURLWithPath: python!).deletingLastPathComponent().path
        return [
            "PATH": bin + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"),
            "VIRTUAL_ENV": URL(fileURLWithPath: bin).deletingLastPathComponent().path,
            "PIP_DISABLE_PIP_VERSION_CHECK": "1", "PIP_NO_INDEX": "1", "PYTHONDONTWRITEBYTECODE": "1",
        ]
    }

    static func shell(_ command: String, in directory: String) -> (BinaryRun, Double) {
        let start = Date()
        let run = Binary.run(["-c", command], in: directory, environment: environment, executable: "/bin/sh")
        return (run, Date().timeIntervalSince(start))
    }

    struct Record {
        let json: [String: Any]
        var role: String? { json["role"] as? String }
    }

    static func records(_ path: String) throws -> [Record] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasSuffix("\n"))
        return try text.split(separator: "\n").map { line in
            Record(json: try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]))
        }
    }

    @Test(arguments: BuiltinBlueprintTests.builtIns)
    func generatedProjectRunsEndToEnd(blueprint: String) throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let project = dir.path + "/e2e-" + blueprint
        let package = "e2e_" + blueprint.replacingOccurrences(of: "-", with: "_")
        let generated = Binary.run(["new", project, "--blueprint", blueprint, "--no-input", "--set", "package_name=\(package)"], in: dir.path,
                                   environment: ["GIT_CEILING_DIRECTORIES": dir.path])
        try #require(generated.status == 0, "\(generated.stderr)")

        // Install (editable, offline: the venv already has the dependencies).
        let (install, _) = Self.shell("python -m pip install -q --no-deps --no-build-isolation -e .", in: project)
        try #require(install.status == 0, "pip install: \(install.stdout)\(install.stderr)")
        defer { _ = Self.shell("python -m pip uninstall -q -y \(package.replacingOccurrences(of: "_", with: "-"))", in: dir.path) }

        let (lint, _) = Self.shell("ruff check .", in: project)
        #expect(lint.status == 0, "ruff: \(lint.stdout)")

        let contractData = try #require(FileManager.default.contents(atPath: project + "/scaffold.json"))
        let contract = try #require((try JSONSerialization.jsonObject(with: contractData) as? [String: Any])?["impact"] as? [String: Any])
        let pipelineCommand = try #require(contract["pipeline"] as? String)
        let evaluateCommand = try #require(contract["evaluate"] as? String)
        let reportCommand = try #require(contract["report"] as? String)
        let logPath = project + "/" + (try #require(contract["log"] as? String))
        let greaterIsBetter = try #require(contract["greater_is_better"] as? Bool)
        let primary = try #require(contract["primary_metric"] as? String)

        let (pipeline, pipelineSeconds) = Self.shell(pipelineCommand, in: project)
        try #require(pipeline.status == 0, "pipeline: \(pipeline.stdout)\(pipeline.stderr)")
        let (evaluate, evaluateSeconds) = Self.shell(evaluateCommand, in: project)
        try #require(evaluate.status == 0, "evaluate: \(evaluate.stdout)\(evaluate.stderr)")
        print("[\(blueprint)] pipeline \(String(format: "%.2f", pipelineSeconds)) s + evaluate \(String(format: "%.2f", evaluateSeconds)) s")

        let first = try Self.records(logPath)
        #expect(first.count == 2)
        let baseline = try #require(first.first { $0.role == "baseline" })
        let candidate = try #require(first.first { $0.role == "candidate" })
        #expect(baseline.json["system"] as? String == contract["baseline"] as? String)
        #expect(baseline.json["schema"] as? String == "impact-log/1")
        let comparison = try #require(candidate.json["comparison"] as? [String: Any])
        #expect(comparison["baseline_id"] as? String == baseline.json["id"] as? String)
        let delta = try #require(comparison["delta"] as? Double)
        let ci = try #require(comparison["ci95"] as? [Double])
        #expect(comparison["improved"] as? Bool == true, "\(blueprint): candidate does not beat the baseline")
        // The whole CI of candidate − baseline is on the good side of 0.
        if greaterIsBetter { #expect(delta > 0 && ci[0] > 0) } else { #expect(delta < 0 && ci[1] < 0) }
        let metrics = try #require(candidate.json["metrics"] as? [String: Any])
        let headline = try #require(metrics[primary] as? [String: Any])
        let value = try #require(headline["value"] as? Double)
        let interval = try #require(headline["ci95"] as? [Double])
        #expect(interval[0] <= value && value <= interval[1])
        print("[\(blueprint)] \(primary): candidate \(value) CI \(interval), delta \(delta) CI \(ci)")

        // Every record matches the JSON Schema the project ships.
        let (schema, _) = Self.shell("""
            python -c 'import json,sys,jsonschema; s=json.load(open("impact/impact-log.schema.json")); [jsonschema.validate(json.loads(l), s) for l in open("\(logPath)")]'
            """, in: project)
        #expect(schema.status == 0, "schema: \(schema.stderr)")

        // A second evaluation appends and never changes earlier bytes.
        let before = try Data(contentsOf: URL(fileURLWithPath: logPath))
        let (again, _) = Self.shell(evaluateCommand, in: project)
        #expect(again.status == 0)
        let after = try Data(contentsOf: URL(fileURLWithPath: logPath))
        #expect(after.count > before.count && after.prefix(before.count) == before)
        let second = try Self.records(logPath)
        #expect(second.count == 4)
        #expect(second.last?.json["test_evaluations"] as? Int == 2)

        let (report, _) = Self.shell(reportCommand, in: project)
        #expect(report.status == 0, "report: \(report.stderr)")
        let impact = try #require(dir.read("e2e-\(blueprint)/impact/IMPACT.md"))
        #expect(impact.contains(primary.replacingOccurrences(of: "_", with: "-")) || impact.contains(primary))

        let start = Date()
        let (tests, _) = Self.shell("python -m pytest -q -p no:cacheprovider", in: project)
        #expect(tests.status == 0, "pytest: \(tests.stdout.suffix(3000))")
        let summary = tests.stdout.split(separator: "\n").last { $0.contains("passed") } ?? ""
        let passed = Int(summary.split(separator: " ").first { Int($0) != nil } ?? "0") ?? 0
        #expect(passed >= 8, "\(blueprint): \(summary)")
        print("[\(blueprint)] pytest: \(summary) (\(String(format: "%.1f", Date().timeIntervalSince(start))) s)")

        // scaffold validate --run: the hooks work, by scaffold's own rules.
        let validate = Binary.run(["validate", project, "--run", "--format", "json"], in: dir.path, environment: Self.environment)
        #expect(validate.status == 0, "\(blueprint): validate --run: \(validate.stdout.suffix(2000)) \(validate.stderr.suffix(2000))")
        let verdict = try #require(try JSONSerialization.jsonObject(with: Data(validate.stdout.utf8)) as? [String: Any])
        #expect(verdict["status"] as? String == "pass")
        let failed = (verdict["results"] as? [[String: Any]] ?? []).filter { $0["outcome"] as? String == "fail" }.compactMap { $0["id"] as? String }
        #expect(failed.isEmpty, "\(blueprint): failed rules \(failed)")
    }
}
