import Foundation
import Testing

/// The proof that generated projects are real: generate, install into a
/// virtualenv, run `make all` (tests, ruff, mypy --strict, data, tune, eval,
/// report), then check the impact log against what issue 9 and 10 promise: a
/// ladder of baselines, a headline against the strongest, tuning without the
/// test file, a previous-best comparison, seed spreads, a clean first run.
/// Needs the venv made by Tests/run (SCAFFOLD_TEST_PYTHON); skipped without it.
/// Offline.
enum TestPython {
    /// The venv's python from Tests/run, or nil.
    static let path = ProcessInfo.processInfo.environment["SCAFFOLD_TEST_PYTHON"].flatMap {
        FileManager.default.isExecutableFile(atPath: $0) ? $0 : nil
    }
}

@Suite(.serialized, .enabled(if: TestPython.path != nil, "set SCAFFOLD_TEST_PYTHON (Tests/run does)"))
struct PythonProjectTests {
    static let python = TestPython.path

    /// The built-in blueprints to run, or only those named in SCAFFOLD_E2E_BLUEPRINTS (comma-separated),
    /// to keep a run targeted while working on one blueprint.
    static let selected: [String] = {
        guard let only = ProcessInfo.processInfo.environment["SCAFFOLD_E2E_BLUEPRINTS"], !only.isEmpty else {
            return BuiltinBlueprintTests.builtIns
        }
        let names = Set(only.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        return BuiltinBlueprintTests.builtIns.filter { names.contains($0) }
    }()

    /// Files `make all` may leave untracked or changed in a fresh project (git status --porcelain paths).
    static let expectedOutputs = [
        "impact/log.jsonl", "impact/predictions/", "impact/params.json", "impact/metrics.json", "impact/IMPACT.md",
        "impact/MODEL_CARD.md", "impact/figures.json", "impact/cache/",
    ]

    /// Environment with the venv's bin first on PATH, as a user with an activated venv has.
    static var environment: [String: String] {
        let bin = URL(fileURLWithPath: python!).deletingLastPathComponent().path
        return [
            "PATH": bin + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"),
            "VIRTUAL_ENV": URL(fileURLWithPath: bin).deletingLastPathComponent().path,
            "PIP_DISABLE_PIP_VERSION_CHECK": "1", "PIP_NO_INDEX": "1", "PYTHONDONTWRITEBYTECODE": "1",
            "MPLBACKEND": "Agg", "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1",
        ]
    }

    static func shell(_ command: String, in directory: String, timeout: Double = 300) -> (BinaryRun, Double) {
        let start = Date()
        let run = Binary.run(["-c", command], in: directory, environment: environment, executable: "/bin/sh", timeout: timeout)
        return (run, Date().timeIntervalSince(start))
    }

    static func seconds(_ value: Double) -> String { String(format: "%.1f", value) }

    static func records(_ path: String) throws -> [[String: Any]] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasSuffix("\n"))
        return try text.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }

    static func json(_ path: String) throws -> [String: Any] {
        let data = try #require(FileManager.default.contents(atPath: path), "\(path) is missing")
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// The records of the last run in the log, in ladder order.
    static func lastRun(_ records: [[String: Any]]) -> [[String: Any]] {
        guard let run = records.last?["run"] as? String else { return [] }
        return records.filter { $0["run"] as? String == run }
    }

    static func primaryValue(_ record: [String: Any], _ metric: String) -> Double? {
        ((record["metrics"] as? [String: Any])?[metric] as? [String: Any])?["value"] as? Double
    }

    /// Generates `blueprint` into a fresh directory and installs it (editable, offline) into the test venv.
    static func generate(_ blueprint: String, in dir: TemporaryDirectory, prefix: String) throws -> (project: String, package: String) {
        let project = dir.path + "/\(prefix)-" + blueprint
        let package = "\(prefix)_" + blueprint.replacingOccurrences(of: "-", with: "_")
        let generated = Binary.run(
            ["new", project, "--blueprint", blueprint, "--no-input", "--set", "package_name=\(package)"], in: dir.path,
            environment: ["GIT_CEILING_DIRECTORIES": dir.path])
        try #require(generated.status == 0, "\(generated.stderr)")
        let (install, _) = shell("python -m pip install -q --no-deps --no-build-isolation -e .", in: project)
        try #require(install.status == 0, "pip install: \(install.stdout)\(install.stderr)")
        return (project, package)
    }

    static func uninstall(_ package: String, in directory: String) {
        _ = shell("python -m pip uninstall -q -y \(package.replacingOccurrences(of: "_", with: "-"))", in: directory)
    }

    /// Lines of `git status --porcelain` that are not outputs the evaluation is meant to write.
    static func unexpectedChanges(_ project: String) -> [String] {
        let (status, _) = shell("git status --porcelain --untracked-files=normal", in: project)
        return status.stdout.split(separator: "\n").map(String.init).filter { line in
            let path = String(line.dropFirst(3))
            let isFigure = path.hasPrefix("impact/") && !path.dropFirst(7).contains("/")
                && (path.hasSuffix(".png") || path.hasSuffix(".svg"))
            return !(expectedOutputs.contains(path) || isFigure)
        }
    }

    @Test(arguments: PythonProjectTests.selected)
    func generatedProjectRunsEndToEnd(blueprint: String) throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let (project, package) = try Self.generate(blueprint, in: dir, prefix: "e2e")
        defer { Self.uninstall(package, in: dir.path) }

        let contract = try #require(try Self.json(project + "/scaffold.json")["impact"] as? [String: Any])
        let pipelineCommand = try #require(contract["pipeline"] as? String)
        let evaluateCommand = try #require(contract["evaluate"] as? String)
        let reportCommand = try #require(contract["report"] as? String)
        let logPath = project + "/" + (try #require(contract["log"] as? String))
        let greaterIsBetter = try #require(contract["greater_is_better"] as? Bool)
        let primary = try #require(contract["primary_metric"] as? String)
        func better(_ a: Double, than b: Double) -> Bool { greaterIsBetter ? a > b : a < b }

        // A fresh project: `make all` is green, no run is dirty, and git lists only the evaluation's outputs.
        let (all, allSeconds) = Self.shell("make all PYTHON=python", in: project, timeout: 1200)
        try #require(all.status == 0, "\(blueprint): make all: \(all.stdout.suffix(4000))\(all.stderr.suffix(3000))")
        let summary = all.stdout.split(separator: "\n").last { $0.contains(" passed in ") || $0.contains(" passed, ") } ?? ""
        let passed = Int(summary.split(separator: " ").first { Int($0) != nil } ?? "0") ?? 0
        #expect(passed >= 8, "\(blueprint): \(summary)")
        #expect(all.stdout.contains("Success: no issues found"), "\(blueprint): mypy --strict did not report success")
        print("[\(blueprint)] make all: \(Self.seconds(allSeconds)) s; pytest: \(summary)")
        #expect(Self.unexpectedChanges(project).isEmpty, "\(blueprint): git status after make all: \(Self.unexpectedChanges(project))")
        let firstRecords = try Self.records(logPath)
        #expect(!firstRecords.isEmpty && firstRecords.allSatisfy { ($0["git"] as? [String: Any])?["dirty"] as? Bool == false },
                "\(blueprint): a run of the first make all is marked dirty")
        #expect(FileManager.default.fileExists(atPath: project + "/impact/metrics.json"))
        #expect(FileManager.default.fileExists(atPath: project + "/impact/primary_metric.png"))
        #expect(FileManager.default.fileExists(atPath: project + "/impact/primary_metric.svg"))

        // pipeline + tune (with the test split file moved away) + evaluate, timed.
        let (pipeline, pipelineSeconds) = Self.shell(pipelineCommand, in: project)
        try #require(pipeline.status == 0, "pipeline: \(pipeline.stdout)\(pipeline.stderr)")
        let manifest = try Self.json(project + "/data/processed/manifest.json")
        let outputs = try #require(manifest["outputs"] as? [String: Any])
        let testFile = project + "/" + (try #require((outputs["test"] as? [String: Any])?["path"] as? String))
        let hidden = testFile + ".hidden-by-e2e"
        try FileManager.default.moveItem(atPath: testFile, toPath: hidden)
        try? FileManager.default.removeItem(atPath: project + "/impact/params.json")
        let (tune, tuneSeconds) = Self.shell("python -m \(package).tune", in: project)
        try FileManager.default.moveItem(atPath: hidden, toPath: testFile)
        try #require(tune.status == 0, "\(blueprint): tune without the test file: \(tune.stdout)\(tune.stderr)")
        let params = try Self.json(project + "/impact/params.json")
        #expect((params["tried"] as? Int ?? 0) >= 1 && params["params"] is [String: Any])
        let (evaluate, evaluateSeconds) = Self.shell(evaluateCommand, in: project)
        try #require(evaluate.status == 0, "evaluate: \(evaluate.stdout)\(evaluate.stderr)")
        let total = pipelineSeconds + tuneSeconds + evaluateSeconds
        print("[\(blueprint)] pipeline \(Self.seconds(pipelineSeconds)) s + tune \(Self.seconds(tuneSeconds)) s + evaluate "
              + "\(Self.seconds(evaluateSeconds)) s = \(Self.seconds(total)) s (target < 30 s)")
        #expect(total < 90, "\(blueprint): pipeline + tune + evaluate took \(Self.seconds(total)) s (target 30 s)")

        // The ladder: at least two baselines, then the candidate, compared with the strongest.
        let run = Self.lastRun(try Self.records(logPath))
        let baselines = run.filter { $0["role"] as? String == "baseline" }
        let candidate = try #require(run.last)
        #expect(baselines.count >= 2, "\(blueprint): \(baselines.count) baseline(s) in the log")
        #expect(candidate["role"] as? String == "candidate" && run.count == baselines.count + 1)
        #expect(run.allSatisfy { $0["schema"] as? String == "impact-log/2" })
        #expect(baselines.compactMap { $0["system"] as? String }.contains(contract["baseline"] as? String ?? "?"))
        let values = baselines.map { (($0["system"] as? String) ?? "", Self.primaryValue($0, primary) ?? .nan) }
        let strongest = try #require(values.filter { !$0.1.isNaN }.reduce(nil as (String, Double)?) { best, next in
            guard let best else { return next }
            return better(next.1, than: best.1) || next.1 == best.1 ? next : best
        })
        let comparison = try #require(candidate["comparison"] as? [String: Any])
        #expect(comparison["baseline_system"] as? String == strongest.0 && comparison["strongest"] as? Bool == true)
        #expect((candidate["comparisons"] as? [[String: Any]])?.count == baselines.count)
        let trivial = try #require((candidate["comparisons"] as? [[String: Any]])?.first)
        #expect(trivial["improved"] as? Bool == true, "\(blueprint): the candidate does not beat the trivial baseline")
        let source = try #require(candidate["params_source"] as? [String: Any])
        #expect(source["file"] as? String == "impact/params.json", "\(blueprint): evaluate did not use the tuned params")
        for record in run {
            let costs = try #require(record["costs"] as? [String: Any], "\(blueprint): no costs")
            #expect(costs["fit_seconds"] is Double && costs.keys.contains("latency_ms") && costs.keys.contains("model_bytes"))
            #expect(((record["environment"] as? [String: Any])?["packages"] as? [String: Any])?["numpy"] != nil)
        }

        // The headline names the strongest baseline.
        let (report, _) = Self.shell(reportCommand, in: project)
        #expect(report.status == 0, "report: \(report.stderr)")
        let impact = try #require(dir.read("e2e-\(blueprint)/impact/IMPACT.md"))
        let headline = impact.split(separator: "\n").first { $0.hasPrefix("**") } ?? ""
        #expect(headline.contains("vs \(strongest.0) (strongest of \(baselines.count) baselines)"), "\(blueprint): \(headline)")
        print("[\(blueprint)] \(headline)")

        // A second evaluate with a changed candidate: a previous-best comparison with an interval.
        let chosen = try #require(params["params"] as? [String: Any])
        let table = params["table"] as? [[String: Any]] ?? []
        let other = table.compactMap { $0["params"] as? [String: Any] }.first { row in
            row.contains { key, value in !(chosen[key].map { "\($0)" == "\(value)" } ?? false) }
        }
        let override = try #require(other.flatMap { row in row.first { key, value in !(chosen[key].map { "\($0)" == "\(value)" } ?? false) } },
                                    "\(blueprint): the search space has a single setting")
        let valueJSON = String(decoding: try JSONSerialization.data(withJSONObject: [override.value], options: [.sortedKeys]), as: UTF8.self)
            .dropFirst().dropLast()
        let before = try Data(contentsOf: URL(fileURLWithPath: logPath))
        let (again, _) = Self.shell("\(evaluateCommand) --param '\(override.key)=\(valueJSON)'", in: project)
        #expect(again.status == 0, "\(blueprint): evaluate --param: \(again.stdout.suffix(2000))\(again.stderr)")
        let after = try Data(contentsOf: URL(fileURLWithPath: logPath))
        #expect(after.count > before.count && after.prefix(before.count) == before)
        let changed = try #require(Self.lastRun(try Self.records(logPath)).last)
        let previous = try #require(changed["previous_best"] as? [String: Any], "\(blueprint): no previous_best after a changed candidate")
        let interval = try #require(previous["ci95"] as? [Double])
        #expect(interval.count == 2 && interval[0] <= interval[1])
        #expect((changed["test_evaluations"] as? Int ?? 0) >= 2)
        print("[\(blueprint)] --param \(override.key)=\(valueJSON): vs previous best \(previous["delta"] ?? "?") CI \(interval)")

        // --seeds 3: seed-dependent systems are fitted with three seeds and report the spread.
        let (seeded, seededSeconds) = Self.shell("\(evaluateCommand) --seeds 3", in: project, timeout: 600)
        #expect(seeded.status == 0, "\(blueprint): evaluate --seeds 3: \(seeded.stderr)")
        let seededRun = Self.lastRun(try Self.records(logPath))
        var dependent = 0
        for record in seededRun {
            let seeds = try #require(record["seeds"] as? [String: Any])
            let evaluated = seeds["evaluated"] as? [Int] ?? []
            if record["seed_dependent"] as? Bool == true {
                dependent += 1
                #expect(evaluated.count == 3, "\(blueprint): \(record["system"] ?? "?") evaluated seeds \(evaluated)")
                #expect((seeds["spread"] as? [String: Any])?["values"].map { ($0 as? [Any])?.count == 3 } == true)
            } else {
                #expect(evaluated.count == 1)
            }
        }
        print("[\(blueprint)] --seeds 3: \(dependent) seed-dependent system(s) of \(seededRun.count)"
              + (dependent == 0 ? " (all seed-free: nothing to refit)" : "") + " in \(Self.seconds(seededSeconds)) s")

        // Every record matches the JSON Schema the project ships.
        let (schema, _) = Self.shell("""
            python -c 'import json,sys,jsonschema; s=json.load(open("impact/impact-log.schema.json")); [jsonschema.validate(json.loads(l), s) for l in open("\(logPath)")]'
            """, in: project)
        #expect(schema.status == 0, "schema: \(schema.stderr)")

        // scaffold validate --run: the hooks work, by scaffold's own rules.
        let validate = Binary.run(["validate", project, "--run", "--format", "json"], in: dir.path, environment: Self.environment)
        #expect(validate.status == 0, "\(blueprint): validate --run: \(validate.stdout.suffix(2000)) \(validate.stderr.suffix(2000))")
        let verdict = try #require(try JSONSerialization.jsonObject(with: Data(validate.stdout.utf8)) as? [String: Any])
        #expect(verdict["status"] as? String == "pass")
        let failed = (verdict["results"] as? [[String: Any]] ?? []).filter { $0["outcome"] as? String == "fail" }.compactMap { $0["id"] as? String }
        #expect(failed.isEmpty, "\(blueprint): failed rules \(failed)")
    }

    /// Tests/MakeItYours/<blueprint>.py replaces the data with a differently shaped data set and swaps the
    /// candidate through models.py, touching only files the generated README's "Use your own data" and
    /// "Use your own model" sections name; the task's new wording then goes in through `scaffold update
    /// --set`, as the README says, and no word of the shipped example may be left in the files rendered
    /// from it (README, pyproject, scaffold.json, `__init__.py`, task.py) or in the report and model card.
    /// `make all` must be green.
    @Test(arguments: PythonProjectTests.selected)
    func madeYoursProjectRunsEndToEnd(blueprint: String) throws {
        let script = Binary.packageRoot + "/Tests/MakeItYours/\(blueprint).py"
        try #require(FileManager.default.fileExists(atPath: script), "no Tests/MakeItYours/\(blueprint).py")
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        // "yours_…" sorts after the tests' module names ("e2e_…" above sorts before them): ruff's import
        // order must not depend on the package's name.
        let (project, package) = try Self.generate(blueprint, in: dir, prefix: "yours")
        defer { Self.uninstall(package, in: dir.path) }
        let (made, _) = Self.shell("python '\(script)' '\(project)'", in: dir.path)
        try #require(made.status == 0, "\(blueprint): \(script): \(made.stdout.suffix(2000))\(made.stderr.suffix(2000))")
        let plan = try MadeYoursPlan(made.stdout)
        try #require(!plan.touched.isEmpty && plan.answers.count >= 4 && !plan.stale.isEmpty, "\(blueprint): \(made.stdout)")

        // The script touched exactly what it says, and the README names every one of those files.
        let (status, _) = Self.shell("git status --porcelain --untracked-files=all", in: project)
        let changed = Set(status.stdout.split(separator: "\n").map { String($0.dropFirst(3)) })
        #expect(changed == Set(plan.touched), "\(blueprint): git sees \(changed.sorted()), the script says \(plan.touched)")
        let readme = try String(contentsOfFile: project + "/README.md", encoding: .utf8)
        let unnamed = plan.touched.filter { !MadeYoursPlan.readme(readme, names: $0) }
        #expect(unnamed.isEmpty, "\(blueprint): touched, but not named under 'Use your own data/model' in README.md: \(unnamed)")

        // The task's wording, in one place: `scaffold update --set` renders every file that carries it.
        let (commit, _) = Self.shell("git add -A && git commit -qm 'Use my data and model'", in: project)
        try #require(commit.status == 0, "\(commit.stderr)")
        let update = Binary.run(["update", project, "--no-input"] + plan.answers.flatMap { ["--set", "\($0.key)=\($0.value)"] },
                                in: dir.path, environment: ["GIT_CEILING_DIRECTORIES": dir.path])
        try #require(update.status == 0, "\(blueprint): scaffold update --set: \(update.stdout)\(update.stderr)")
        let rendered = ["README.md", "pyproject.toml", "scaffold.json", "src/\(package)/__init__.py", "src/\(package)/task.py"]
        let leftovers = try plan.stale(in: rendered, of: project)
        #expect(leftovers.isEmpty, "\(blueprint): words of the shipped example left after the update: \(leftovers.prefix(12))")

        let (all, seconds) = Self.shell("make all PYTHON=python", in: project, timeout: 1200)
        #expect(all.status == 0, "\(blueprint): make all after making it yours: \(all.stdout.suffix(4000))\(all.stderr.suffix(3000))")
        let records = (try? Self.records(project + "/impact/log.jsonl")) ?? []
        let candidate = Self.lastRun(records).last
        #expect(candidate?["role"] as? String == "candidate")
        #expect((candidate?["data"] as? [String: Any])?["example"] as? Bool == false,
                "\(blueprint): the report still thinks the data is the shipped example")
        let reported = try plan.stale(in: ["impact/IMPACT.md", "impact/MODEL_CARD.md"], of: project)
        #expect(reported.isEmpty, "\(blueprint): words of the shipped example in the report: \(reported.prefix(12))")
        print("[\(blueprint)] make-it-yours: \(plan.touched.count) files touched, \(plan.answers.count) answers updated, "
              + "make all \(Self.seconds(seconds)) s, candidate \(candidate?["system"] ?? "?")")
    }
}
