import Foundation
import Testing

/// The showcase outputs of a generated project, read back by the tools they
/// are for, offline: the model card by huggingface_hub's own parser, the DVC
/// pipeline by `dvc repro` and `dvc metrics show`, the MLflow export by
/// MLflow's client; and the chart PNG's size. Needs the venv made by Tests/run.
@Suite(.serialized, .enabled(if: TestPython.path != nil, "set SCAFFOLD_TEST_PYTHON (Tests/run does)"))
struct ShowcaseInteropTests {
    static func python(_ code: String, in directory: String) -> BinaryRun {
        PythonProjectTests.shell("python - <<'PY'\n\(code)\nPY", in: directory).0
    }

    @Test func modelCardDVCAndMLflowReadTheResultsBack() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let project = dir.path + "/showcase"
        let package = "showcase_e2e"
        let generated = Binary.run(["new", project, "--blueprint", "nlp-eval", "--no-input", "--set", "package_name=\(package)"],
                                   in: dir.path, environment: ["GIT_CEILING_DIRECTORIES": dir.path])
        try #require(generated.status == 0, "\(generated.stderr)")
        let (install, _) = PythonProjectTests.shell("python -m pip install -q --no-deps --no-build-isolation -e .", in: project)
        try #require(install.status == 0, "pip install: \(install.stdout)\(install.stderr)")
        defer { _ = PythonProjectTests.shell("python -m pip uninstall -q -y showcase-e2e", in: dir.path) }

        let (make, _) = PythonProjectTests.shell("make data tune eval report", in: project)
        try #require(make.status == 0, "make: \(make.stdout)\(make.stderr)")
        let log = try PythonProjectTests.records(project + "/impact/log.jsonl")
        let candidate = try #require(log.last { $0["role"] as? String == "candidate" })
        let metrics = try #require(candidate["metrics"] as? [String: Any])
        let primary = try #require((metrics["macro_f1"] as? [String: Any])?["value"] as? Double)

        // The model card: Hugging Face's parser gets the results back.
        let card = Self.python("""
            from huggingface_hub import ModelCard
            card = ModelCard.load("impact/MODEL_CARD.md")
            r = card.data.eval_results[0]
            print(r.task_type, r.metric_type, repr(r.metric_value), len(card.data.eval_results))
            print(card.text.split("\\n## ")[1].split("\\n")[0])
            """, in: project)
        try #require(card.status == 0, "huggingface_hub: \(card.stderr)")
        let cardLines = card.stdout.split(separator: "\n").map(String.init)
        #expect(cardLines.first == "text-classification macro_f1 \(Self.pythonRepr(primary)) \(metrics.count - Self.undefined(metrics))")
        #expect(cardLines.dropFirst().first == "Limitations (read first)", "example data: limitations first")

        // The chart is a PNG 1200 px wide.
        let png = try #require(FileManager.default.contents(atPath: project + "/impact/primary_metric.png"))
        #expect(png.count > 24 && png.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        let width = png[16..<20].reduce(0) { $0 << 8 | Int($1) }
        #expect(width == 1200)

        // DVC: the pipeline reproduces offline and its metrics file is the latest run's.
        let dvcEnvironment = "DVC_NO_ANALYTICS=1 DVC_IGNORE_UPDATER=1 HOME=\(dir.path)"
        let (commit, _) = PythonProjectTests.shell("git add -A && git -c user.name=t -c user.email=t@t commit -qm results", in: project)
        try #require(commit.status == 0, "\(commit.stderr)")
        let (repro, reproSeconds) = PythonProjectTests.shell("\(dvcEnvironment) dvc repro", in: project)
        try #require(repro.status == 0, "dvc repro: \(repro.stdout)\(repro.stderr)")
        #expect(repro.stdout.contains("Running stage 'evaluate'"))
        let (show, _) = PythonProjectTests.shell("\(dvcEnvironment) dvc metrics show --json", in: project)
        try #require(show.status == 0, "dvc metrics show: \(show.stderr)")
        let shown = try #require(try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])
        let latest = try PythonProjectTests.records(project + "/impact/log.jsonl").last { $0["role"] as? String == "candidate" }
        let latestValue = try #require(((latest?["metrics"] as? [String: Any])?["macro_f1"] as? [String: Any])?["value"] as? Double)
        // The workspace's revision: "" in DVC 3 ("workspace" in DVC 2).
        let workspace = try #require((shown[""] ?? shown["workspace"]) as? [String: Any], "\(shown.keys)")
        let data = try #require(((workspace["data"] as? [String: Any])?["impact/metrics.json"] as? [String: Any])?["data"] as? [String: Any])
        let dvcValue = try #require(data["macro_f1"] as? Double)
        #expect(abs(dvcValue - latestValue) < 1e-6, "dvc metrics show: \(data)")
        print("[showcase] dvc repro \(String(format: "%.1f", reproSeconds)) s")

        // MLflow: one run per record, twice without duplicates, read back with MLflow's client.
        let records = try PythonProjectTests.records(project + "/impact/log.jsonl").count
        for _ in 0..<2 {
            let (export, _) = PythonProjectTests.shell("python -m \(package).impact.export mlflow", in: project)
            try #require(export.status == 0, "export: \(export.stdout)\(export.stderr)")
        }
        let read = Self.python("""
            from mlflow.tracking import MlflowClient
            client = MlflowClient(tracking_uri="sqlite:///mlflow.db")
            experiment = client.get_experiment_by_name("support-ticket routing")
            runs = client.search_runs([experiment.experiment_id], max_results=1000)
            ids = {r.data.tags["scaffold.record_id"] for r in runs}
            roles = sorted({r.data.tags["scaffold.role"] for r in runs})
            print(len(runs), len(ids), ",".join(roles), all("macro_f1_ci95_low" in r.data.metrics for r in runs))
            """, in: project)
        try #require(read.status == 0, "mlflow client: \(read.stderr)")
        #expect(read.stdout.split(separator: "\n").last == "\(records) \(records) baseline,candidate True")
    }

    /// How Python's repr prints a float (shortest round-trip), as Swift's description does.
    static func pythonRepr(_ value: Double) -> String { "\(value)" }

    static func undefined(_ metrics: [String: Any]) -> Int {
        metrics.values.filter { (($0 as? [String: Any])?["value"]) is NSNull }.count
    }
}
