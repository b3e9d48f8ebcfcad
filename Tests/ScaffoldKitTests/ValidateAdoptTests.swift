import Foundation
import ScaffoldKit
import Testing

/// Small projects written here in the shape of real ones (DVC, dvclive, MLflow,
/// W&B, TensorBoard, Hydra, Kedro, notebook-only, a training repo with
/// data/*/prepare.py): what discovery finds, the contract adopt suggests, and
/// adopt then validate passing the contract rules.
@Suite struct ValidateAdoptTests {
    /// Discovery of the project at `root`.
    static func discover(_ root: String) throws -> Discovery {
        let access = ProjectAccess(fileSystem: LocalFileSystem(), root: root)
        return Discovery.discover(try ProjectScanner(access: access).scan(), access: access)
    }

    /// Runs adopt, then validate; returns the adopt output and validate's results by ID.
    static func adoptThenValidate(_ root: String) throws -> (adopt: String, results: [String: [String: Any]], written: JSONValue) {
        let cli = InProcess(directory: root)
        let status = cli.run(["adopt", root])
        #expect(status == 0, "\(cli.stdout.text)\(cli.stderr.text)")
        let written = try JSONValue.parseLocated(try Data(contentsOf: URL(fileURLWithPath: root + "/scaffold.json")))
        let report = try ValidateFixture.report([root], in: root)
        // The contract rules never fail because of what adopt wrote: each key written passes its rule.
        var rules = ["CON001", "CON002", "LOG001"]
        for (key, id) in [("pipeline", "PIP001"), ("evaluate", "EVA001"), ("report", "REP001"), ("greater_is_better", "MET001")]
        where written["impact"]?[key] != nil {
            rules.append(id)
        }
        for id in rules {
            #expect(report.results[id]?.ruleOutcome != "fail", "\(id): \(report.results[id]?.ruleMessage ?? "")")
        }
        return (cli.stdout.text, report.results, written)
    }

    @Test func aDVCProjectIsReadFromItsStagesAndMetrics() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        dir.write("dvc/dvc.yaml", """
            stages:
              prepare:
                cmd: python src/prepare.py data/raw data/prepared
                deps:
                  - src/prepare.py
              train:
                cmd: python src/train.py
              evaluate:
                cmd: python src/evaluate.py model.pkl data/prepared
                metrics:
                  - eval/metrics.json:
                      cache: false
                plots:
                  - eval/plots/roc.json
            """)
        dir.write("dvc/dvc.lock", "schema: '2.0'\n")
        dir.write("dvc/params.yaml", "train:\n  n_est: 50\n")
        dir.write("dvc/eval/metrics.json", #"{"avg_prec": {"train": 0.9, "test": 0.8}, "roc_auc": 0.91}"#)
        dir.write("dvc/src/prepare.py", "import sys\n\ndef main():\n    pass\n\nif __name__ == \"__main__\":\n    main()\n")
        dir.write("dvc/src/evaluate.py", "import json\n\nif __name__ == \"__main__\":\n    json.dump({}, open('eval/metrics.json', 'w'))\n")
        let root = dir.path + "/dvc"
        let found = try Self.discover(root)
        #expect(found.findings.contains { $0.matched == "DVC stage 'evaluate'" && $0.line == 8 && $0.command == "dvc repro evaluate" })
        #expect(found.findings.contains { $0.matched == "DVC stage 'prepare'" && $0.kind == .pipeline })
        #expect(found.findings.contains { $0.matched.hasPrefix("DVC metrics 'eval/metrics.json'") && $0.line == 11 })
        #expect(found.findings.contains { $0.path == "dvc.lock" })
        #expect(found.metrics.first?.name == "roc_auc")
        let (_, results, written) = try Self.adoptThenValidate(root)
        #expect(written["impact"]?["pipeline"] == .string("dvc repro prepare"))
        #expect(written["impact"]?["evaluate"] == .string("dvc repro evaluate"))
        #expect(written["impact"]?["primary_metric"] == .string("roc_auc"))
        #expect(written["impact"]?["greater_is_better"] == .bool(true))
        #expect(results["MET001"]?.ruleOutcome == "pass")
    }

    @Test func aRegressionMetricsFileGetsTheRightDirection() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        dir.write("r/metrics.json", #"{"rmse": 3.2, "r2": 0.71, "mae": 2.4}"#)
        dir.write("r/evaluate.py", "if __name__ == '__main__':\n    print(1)\n")
        let found = try Self.discover(dir.path + "/r")
        #expect(found.metrics.map(\.name) == ["rmse", "mae", "r2"])
        #expect(found.metrics.map(\.greaterIsBetter) == [false, false, true])
        let (_, _, written) = try Self.adoptThenValidate(dir.path + "/r")
        #expect(written["impact"]?["primary_metric"] == .string("rmse"))
        #expect(written["impact"]?["greater_is_better"] == .bool(false))
    }

    @Test func dvcliveCallsNameTheirMetrics() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        dir.write("p/train.py", """
            from dvclive import Live

            with Live() as live:
                for epoch in range(3):
                    live.log_metric("val_loss", 0.1)
                    live.log_metric("accuracy", 0.9)
                    live.next_step()
            """)
        let found = try Self.discover(dir.path + "/p")
        #expect(found.findings.contains { $0.kind == .tracker && $0.matched == "dvclive" && $0.line == 1 })
        #expect(found.findings.contains { $0.matched == "dvclive log_metric('val_loss')" && $0.line == 5 })
        #expect(found.findings.contains { $0.path == "train.py" && $0.matched.contains("not runnable") })
        #expect(found.metrics.first?.name == "accuracy")
    }

    @Test func anMLflowProjectOffersItsEntryPoints() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        dir.write("m/MLproject", """
            name: wine
            conda_env: conda.yaml
            entry_points:
              main:
                parameters:
                  alpha: {type: float, default: 0.5}
                command: "python train.py {alpha}"
              evaluate:
                command: "python evaluate.py"
            """)
        dir.write("m/train.py", """
            import mlflow
            import sys

            if __name__ == "__main__":
                mlflow.sklearn.autolog()
                with mlflow.start_run():
                    mlflow.log_metric("rmse", 0.7)
                    mlflow.log_metrics({"r2": 0.3, "mae": 0.5})
            """)
        dir.write("m/evaluate.py", "import mlflow\n\nif __name__ == \"__main__\":\n    mlflow.log_metric('rmse', 1.0)\n")
        let found = try Self.discover(dir.path + "/m")
        #expect(found.findings.contains { $0.matched == "MLproject entry point 'evaluate'" && $0.line == 8 && $0.command == "mlflow run . -e evaluate" })
        #expect(found.findings.contains { $0.matched == "MLflow autolog" && $0.line == 5 })
        #expect(found.findings.contains { $0.matched == "MLflow mlflow.log_metric('rmse')" && $0.path == "train.py" && $0.line == 7 })
        #expect(Set(found.metricNames) == ["rmse", "r2", "mae"])
        let (_, _, written) = try Self.adoptThenValidate(dir.path + "/m")
        #expect(written["impact"]?["evaluate"] == .string("mlflow run . -e evaluate"))
        #expect(written["impact"]?["primary_metric"] == .string("rmse"))
        #expect(written["impact"]?["greater_is_better"] == .bool(false))
    }

    @Test func weightsAndBiasesAndTensorBoardAreTrackers() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        dir.write("w/train.py", """
            import wandb
            from torch.utils.tensorboard import SummaryWriter

            def main():
                run = wandb.init(project="x")
                writer = SummaryWriter("runs")
                writer.add_scalar("Loss/val", 0.3, 1)
                wandb.log({"val_acc": 0.9, "epoch": 1})

            if __name__ == "__main__":
                main()
            """)
        let found = try Self.discover(dir.path + "/w")
        #expect(found.findings.contains { $0.matched == "W&B wandb.init" && $0.line == 5 })
        #expect(found.findings.contains { $0.matched == "W&B wandb.log" && $0.line == 8 })
        #expect(found.findings.contains { $0.matched == "TensorBoard SummaryWriter" && $0.line == 6 })
        #expect(found.findings.contains { $0.kind == .training && $0.command == "python train.py" && $0.line == 10 })
        #expect(found.metrics.first { $0.name == "epoch" }?.greaterIsBetter == nil)
        #expect(found.metrics.first?.name == "val_acc")
        let (_, _, written) = try Self.adoptThenValidate(dir.path + "/w")
        #expect(written["impact"]?["evaluate"] == .string("python train.py"))
        #expect(written["impact"]?["greater_is_better"] == .bool(true))
    }

    @Test func aHydraTemplateConfigIsNeverAMetricsFile() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        dir.write("h/configs/eval.yaml", "defaults:\n  - _self_\n  - data: mnist\ntask_name: \"eval\"\nckpt_path: ???\n")
        dir.write("h/configs/train.yaml", "defaults:\n  - logger: tensorboard\noptimized_metric: \"val/acc_best\"\n")
        dir.write("h/configs/logger/tensorboard.yaml", "tensorboard:\n  _target_: lightning.pytorch.loggers.tensorboard.TensorBoardLogger\n")
        dir.write("h/src/__init__.py", "")
        dir.write("h/src/eval.py", "import hydra\n\n@hydra.main(version_base=None, config_path=\"../configs\", config_name=\"eval\")\ndef main(cfg):\n    pass\n\nif __name__ == \"__main__\":\n    main()\n")
        dir.write("h/src/models/mnist_module.py", "class MNISTLitModule:\n    pass\n")
        let found = try Self.discover(dir.path + "/h")
        #expect(!found.findings.contains { $0.kind == .metrics })
        #expect(found.findings.contains { $0.matched == "Hydra optimized_metric 'val/acc_best'" && $0.line == 3 })
        #expect(found.findings.contains { $0.matched.hasPrefix("Hydra logger config (TensorBoard") })
        #expect(found.findings.contains { $0.kind == .evaluation && $0.path == "src/eval.py" && $0.command == "python src/eval.py" })
        #expect(!found.findings.contains { $0.path.hasPrefix("configs/") && $0.command != nil })
        #expect(!found.findings.contains { $0.path == "src/models/mnist_module.py" && $0.command != nil })
        let (_, _, written) = try Self.adoptThenValidate(dir.path + "/h")
        #expect(written["impact"]?["evaluate"] == .string("python src/eval.py"))
        #expect(written["impact"]?["primary_metric"] == .string("val/acc_best"))
        #expect(written["impact"]?["greater_is_better"] == .bool(true))
    }

    @Test func aKedroStarterRunsThroughKedroNotItsPipelineModule() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        dir.write("k/pyproject.toml", "[project]\nname = \"spaceflights\"\n\n[tool.kedro]\npackage_name = \"spaceflights\"\nproject_name = \"spaceflights\"\n")
        dir.write("k/src/spaceflights/__init__.py", "")
        dir.write("k/src/spaceflights/pipelines/__init__.py", "")
        dir.write("k/src/spaceflights/pipelines/data_processing/__init__.py", "")
        dir.write("k/src/spaceflights/pipelines/data_processing/pipeline.py", "from kedro.pipeline import Pipeline\n\ndef create_pipeline(**kwargs):\n    return Pipeline([])\n")
        let found = try Self.discover(dir.path + "/k")
        #expect(found.findings.contains { $0.matched == "Kedro project ([tool.kedro])" && $0.command == "kedro run" && $0.line == 4 })
        #expect(!found.findings.contains { $0.path.hasSuffix("pipeline.py") && $0.command != nil })
        let (_, _, written) = try Self.adoptThenValidate(dir.path + "/k")
        #expect(written["impact"]?["pipeline"] == .string("kedro run"))
    }

    @Test func aNotebookOnlyProjectIsOfferedTheNotebook() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        dir.write("n/analysis one.ipynb", #"{"cells": [{"cell_type": "code", "source": ["from sklearn.metrics import f1_score\n", "print(f1_score(y, p))"]}]}"#)
        let found = try Self.discover(dir.path + "/n")
        #expect(found.findings.contains { $0.kind == .notebook && $0.command == "jupyter nbconvert --to notebook --execute --inplace 'analysis one.ipynb'" })
        let (adopt, _, written) = try Self.adoptThenValidate(dir.path + "/n")
        #expect(written["impact"]?["evaluate"] == .string("jupyter nbconvert --to notebook --execute --inplace 'analysis one.ipynb'"))
        #expect(adopt.contains("primary_metric and greater_is_better: no metric name was found"))
    }

    @Test func aTrainingRepoWithDataPreparationScriptsIsSeen() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        dir.write("g/data/shakespeare_char/prepare.py", "import os\n\nif __name__ == '__main__':\n    print('prepared')\n")
        dir.write("g/data/shakespeare_char/input.txt", "First Citizen:\n")
        dir.write("g/train.py", "import torch\nlosses = {}\nprint(f\"val loss {losses['val']:.4f}\")\nif __name__ == '__main__':\n    pass\n")
        dir.write("g/model.py", "class GPT:\n    pass\n")
        dir.write("g/configs dir/eval x.py", "if __name__ == '__main__':\n    print('eval')\n")
        let found = try Self.discover(dir.path + "/g")
        #expect(found.findings.contains { $0.kind == .pipeline && $0.path == "data/shakespeare_char/prepare.py" && $0.line == 3 })
        #expect(!found.findings.contains { $0.path.hasSuffix("input.txt") })
        #expect(!found.findings.contains { $0.path == "model.py" })
        let (_, _, written) = try Self.adoptThenValidate(dir.path + "/g")
        #expect(written["impact"]?["pipeline"] == .string("python data/shakespeare_char/prepare.py"))
        // A path with spaces is quoted, and validate finds what it names (EVA001 passed above).
        #expect(written["impact"]?["evaluate"] == .string("python 'configs dir/eval x.py'"))
    }

    @Test func anUnknownMetricDirectionIsLeftToTheUser() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        dir.write("u/results.json", #"{"goodness": 3.5}"#)
        let cli = InProcess(directory: dir.path)
        #expect(cli.run(["adopt", dir.path + "/u", "--dry-run"]) == 0)
        #expect(cli.stdout.text.contains("greater_is_better: FILL IN"))
        #expect(!dir.exists("u/scaffold.json"))
        #expect(MetricDirection.greaterIsBetter("goodness") == nil)
        #expect(MetricDirection.greaterIsBetter("val_loss") == false)
        #expect(MetricDirection.greaterIsBetter("ndcg@10") == true)
    }

    @Test func adoptNeverOverwritesAContract() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        dir.write("c/scaffold.json", "{}\n")
        let cli = InProcess(directory: dir.path)
        #expect(cli.run(["adopt", dir.path + "/c"]) == 1)
        #expect(dir.read("c/scaffold.json") == "{}\n")
        #expect(cli.run(["adopt", ""]) == 2)
    }

    @Test func anExistingImpactLogNamesTheBaseline() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        dir.write("l/impact/log.jsonl", ValidateFixture.log(ValidateFixture.runLines(2)))
        dir.write("l/evaluate.py", "if __name__ == '__main__':\n    open('impact/log.jsonl', 'a')\n")
        let (adopt, results, written) = try Self.adoptThenValidate(dir.path + "/l")
        #expect(written["impact"]?["baseline"] == .string("majority-class"))
        #expect(written["impact"]?["primary_metric"] == nil, "a log is not a metrics file: nothing found to name")
        #expect(adopt.contains("impact/log.jsonl is there with 4 records"))
        #expect(results["BAS001"]?.ruleOutcome == "pass" && results["BAS002"]?.ruleOutcome == "pass")
    }
}
