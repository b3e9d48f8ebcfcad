import Foundation
import Testing

/// vision-classification's CNN variant end to end (issue 12, item 4): generate the project with
/// `--set candidate=cnn`, install it into the test venv (which has PyTorch), run `make all` offline,
/// then check the log: a ladder of at least three systems, and a CNN record that carries its device,
/// its checkpoint (source and path, the file existing under models/) and its costs.
/// Needs the venv made by Tests/run (SCAFFOLD_TEST_PYTHON) with torch; skipped without it.
@Suite(.serialized, .enabled(if: TestPython.path != nil, "set SCAFFOLD_TEST_PYTHON (Tests/run does)"))
struct CNNVariantTests {
    @Test func cnnVariantRunsEndToEndAndRecordsDeviceCheckpointAndCosts() throws {
        let (torch, _) = PythonProjectTests.shell("python -c 'import torch'", in: "/")
        try #require(torch.status == 0, "the test venv has no torch (Tests/python-requirements.txt): \(torch.stderr)")
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let project = dir.path + "/cnn-digits"
        let package = "cnn_digits_e2e"
        let generated = Binary.run(
            ["new", project, "--blueprint", "vision-classification", "--no-input", "--set", "candidate=cnn",
             "--set", "package_name=\(package)"],
            in: dir.path, environment: ["GIT_CEILING_DIRECTORIES": dir.path])
        try #require(generated.status == 0, "\(generated.stderr)")
        #expect(FileManager.default.fileExists(atPath: project + "/src/\(package)/cnn.py"))
        let pyproject = try #require(dir.read("cnn-digits/pyproject.toml"))
        #expect(pyproject.contains("cnn = [\"torch"), "no cnn extra in pyproject.toml")
        let (install, _) = PythonProjectTests.shell("python -m pip install -q --no-deps --no-build-isolation -e .", in: project)
        try #require(install.status == 0, "pip install: \(install.stdout)\(install.stderr)")
        defer { PythonProjectTests.uninstall(package, in: dir.path) }

        let (all, seconds) = PythonProjectTests.shell("make all PYTHON=python", in: project, timeout: 1800)
        try #require(all.status == 0, "make all: \(all.stdout.suffix(4000))\(all.stderr.suffix(3000))")
        #expect(all.stdout.contains("Success: no issues found"), "mypy --strict did not report success")
        let summary = all.stdout.split(separator: "\n").last { $0.contains(" passed in ") } ?? ""
        print("[vision-classification --set candidate=cnn] make all: \(PythonProjectTests.seconds(seconds)) s; pytest: \(summary)")
        #expect(PythonProjectTests.unexpectedChanges(project).isEmpty,
                "git status after make all: \(PythonProjectTests.unexpectedChanges(project))")

        let run = PythonProjectTests.lastRun(try PythonProjectTests.records(project + "/impact/log.jsonl"))
        #expect(run.count >= 3, "a ladder of \(run.count) systems")
        #expect(run.filter { $0["role"] as? String == "baseline" }.map { $0["system"] as? String ?? "" }
                == ["majority-class", "pixel-logreg", "1-nearest-neighbour", "rbf-svm"])
        let cnn = try #require(run.last)
        #expect(cnn["role"] as? String == "candidate" && cnn["system"] as? String == "cnn")
        #expect((cnn["git"] as? [String: Any])?["dirty"] as? Bool == false)

        let costs = try #require(cnn["costs"] as? [String: Any], "the CNN record has no costs")
        let device = try #require(costs["device"] as? String)
        #expect(["cpu", "cuda", "mps"].contains(device), "device \(device)")
        let fit = try #require(costs["fit_seconds"] as? Double)
        #expect(fit > 0)
        #expect((costs["model_bytes"] as? Int ?? 0) > 0)
        #expect(((costs["latency_ms"] as? [String: Any])?["p50"] as? Double ?? 0) > 0)
        #expect((costs["throughput_per_s"] as? Double ?? 0) > 0)

        let checkpoint = try #require(cnn["checkpoint"] as? [String: Any], "the CNN record has no checkpoint")
        let source = try #require(checkpoint["source"] as? String)
        #expect(source.hasPrefix("scratch:seed="), "checkpoint source \(source)")
        let path = try #require(checkpoint["path"] as? String)
        #expect(path.hasPrefix("models/") && FileManager.default.fileExists(atPath: project + "/" + path), "checkpoint \(path)")
        let (ignored, _) = PythonProjectTests.shell("git check-ignore -q '\(path)'", in: project)
        #expect(ignored.status == 0, "\(path) is not git-ignored")

        let comparison = try #require(cnn["comparison"] as? [String: Any])
        let (report, _) = PythonProjectTests.shell("python -m \(package).report", in: project)
        #expect(report.status == 0, "report: \(report.stderr)")
        let impact = try #require(dir.read("cnn-digits/impact/IMPACT.md"))
        let headline = impact.split(separator: "\n").first { $0.hasPrefix("**") } ?? ""
        #expect(headline.contains("vs \(comparison["baseline_system"] as? String ?? "?") (strongest of 4 baselines)"), "\(headline)")
        print("[vision-classification --set candidate=cnn] \(headline); CNN fit \(PythonProjectTests.seconds(fit)) s on \(device)")

        // --seeds 3: the CNN (seed-dependent) is refitted with three model seeds and logs their spread;
        // the seed-free systems of the ladder are fitted once and say so.
        let (seeded, seededSeconds) = PythonProjectTests.shell("python -m \(package).evaluate --seeds 3", in: project, timeout: 1200)
        try #require(seeded.status == 0, "evaluate --seeds 3: \(seeded.stdout.suffix(2000))\(seeded.stderr.suffix(2000))")
        let seededRun = PythonProjectTests.lastRun(try PythonProjectTests.records(project + "/impact/log.jsonl"))
        let seededCNN = try #require(seededRun.last)
        let seeds = try #require(seededCNN["seeds"] as? [String: Any])
        #expect(seededCNN["seed_dependent"] as? Bool == true)
        #expect((seeds["evaluated"] as? [Int])?.count == 3, "CNN seeds: \(seeds)")
        let spread = try #require(seeds["spread"] as? [String: Any], "no seed spread: \(seeds)")
        let values = try #require(spread["values"] as? [Double])
        #expect(values.count == 3)
        if let low = spread["min"] as? Double, let high = spread["max"] as? Double, let mean = spread["mean"] as? Double {
            #expect(low <= mean && mean <= high && values.allSatisfy { low - 1e-9 <= $0 && $0 <= high + 1e-9 })
        }
        for record in seededRun.dropLast() where record["seed_dependent"] as? Bool == false {
            #expect((record["seeds"] as? [String: Any])?["evaluated"] as? [Int] == [42], "\(record["system"] ?? "?") is seed-free")
        }
        print("[vision-classification --set candidate=cnn] --seeds 3 in \(PythonProjectTests.seconds(seededSeconds)) s: accuracy over seeds \(values)")
    }
}
