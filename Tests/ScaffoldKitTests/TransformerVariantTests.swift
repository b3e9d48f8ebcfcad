import Foundation
import Testing

/// nlp-eval `--set candidate=transformer`, end to end and offline: the test builds a tiny, randomly
/// initialised DistilBERT with a tokenizer trained on the project's data
/// (Tests/BlueprintData/nlp-eval/tiny_checkpoint.py, which uses the project's own
/// tests/tiny_model.py), generates the project with `base_model` pointing at it, and runs
/// `make all` with the Hugging Face libraries forbidden to touch the network. Needs the venv of
/// Tests/run with torch, transformers and tokenizers (SCAFFOLD_TEST_PYTHON); skipped without it.
@Suite(.serialized, .enabled(if: TestPython.path != nil, "set SCAFFOLD_TEST_PYTHON (Tests/run does)"))
struct TransformerVariantTests {
    static var environment: [String: String] {
        var env = PythonProjectTests.environment
        env["HF_HUB_OFFLINE"] = "1"
        env["TRANSFORMERS_OFFLINE"] = "1"
        env["HF_DATASETS_OFFLINE"] = "1"
        env["TOKENIZERS_PARALLELISM"] = "false"
        return env
    }

    static func shell(_ command: String, in directory: String) -> BinaryRun {
        Binary.run(["-c", command], in: directory, environment: environment, executable: "/bin/sh", timeout: 1800)
    }

    @Test func transformerCandidateRunsMakeAllOfflineOnATinyCheckpoint() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let project = dir.path + "/nlp-transformer"
        let tiny = dir.path + "/tiny-distilbert"
        let package = "e2e_nlp_transformer"
        let generated = Binary.run(["new", project, "--blueprint", "nlp-eval", "--no-input",
                                    "--set", "package_name=\(package)", "--set", "candidate=transformer",
                                    "--set", "base_model=\(tiny)"],
                                   in: dir.path, environment: ["GIT_CEILING_DIRECTORIES": dir.path])
        try #require(generated.status == 0, "\(generated.stderr)")
        let models = try #require(dir.read("nlp-transformer/src/\(package)/models.py"))
        #expect(models.contains("transformer"))

        let helper = Binary.packageRoot + "/Tests/BlueprintData/nlp-eval/tiny_checkpoint.py"
        let built = Self.shell("python '\(helper)' '\(project)' '\(tiny)'", in: dir.path)
        try #require(built.status == 0, "tiny checkpoint: \(built.stdout)\(built.stderr)")
        #expect(FileManager.default.fileExists(atPath: tiny + "/config.json"))

        let install = Self.shell("python -m pip install -q --no-deps --no-build-isolation -e .", in: project)
        try #require(install.status == 0, "pip install: \(install.stdout)\(install.stderr)")
        defer { _ = Self.shell("python -m pip uninstall -q -y \(package.replacingOccurrences(of: "_", with: "-"))", in: dir.path) }

        let start = Date()
        let make = Self.shell("make all", in: project)
        let seconds = Date().timeIntervalSince(start)
        try #require(make.status == 0, "make all: \(make.stdout.suffix(4000))\(make.stderr.suffix(4000))")
        print("[nlp-eval transformer] make all \(String(format: "%.1f", seconds)) s")

        let latest = PythonProjectTests.lastRun(try PythonProjectTests.records(project + "/impact/log.jsonl"))
        #expect(latest.count >= 3, "the ladder has \(latest.count) systems")
        let systems = latest.compactMap { $0["system"] as? String }
        #expect(systems.first == "majority-class")
        #expect(systems.contains("tfidf-logreg"), "TF-IDF + logistic regression is a baseline: \(systems)")
        let candidate = try #require(latest.last)
        #expect(candidate["role"] as? String == "candidate")
        #expect(candidate["system"] as? String == "transformer")

        let checkpoint = try #require(candidate["checkpoint"] as? [String: Any])
        let source = try #require(checkpoint["source"] as? String)
        #expect(source.hasPrefix("local:") && source.hasSuffix("tiny-distilbert"), "\(source)")
        let path = try #require(checkpoint["path"] as? String)
        #expect(FileManager.default.fileExists(atPath: project + "/" + path + "/config.json"))

        let costs = try #require(candidate["costs"] as? [String: Any])
        let device = try #require(costs["device"] as? String)
        #expect(["cpu", "cuda", "mps"].contains(device))
        #expect((costs["fit_seconds"] as? Double ?? 0) > 0)
        #expect((costs["throughput_per_s"] as? Double ?? 0) > 0)
        #expect((costs["model_bytes"] as? Int ?? 0) > 0)
        let latency = try #require(costs["latency_ms"] as? [String: Any])
        #expect((latency["p50"] as? Double ?? 0) > 0 && (latency["p95"] as? Double ?? 0) >= (latency["p50"] as? Double ?? 0))
        let params = try #require(candidate["params"] as? [String: Any])
        #expect(params["base_model"] as? String == tiny)
        #expect((params["max_length_used"] as? Int ?? 0) > 0)

        let comparison = try #require(candidate["comparison"] as? [String: Any])
        #expect(comparison["baseline_system"] as? String != nil)
        #expect((comparison["ci95"] as? [Double])?.count == 2)
        let impact = try #require(dir.read("nlp-transformer/impact/IMPACT.md"))
        #expect(impact.contains("transformer"))

        // models/ (the checkpoint) is git-ignored: only evaluation outputs show up.
        #expect(PythonProjectTests.unexpectedChanges(project).isEmpty,
                "\(PythonProjectTests.unexpectedChanges(project))")
        print("[nlp-eval transformer] device \(device), checkpoint \(source), systems \(systems)")
    }
}
