import Foundation
import ScaffoldKit
import Testing

/// Projects and impact logs for the validate tests, built in temporary directories.
enum ValidateFixture {
    static let package = "tick"
    static let commit = String(repeating: "a1", count: 20)
    static let fingerprint = "sha256:" + String(repeating: "0f", count: 32)

    static let contract = """
        {
          "blueprint": {"name": "nlp-eval", "version": "1.0.0", "answers": {"project_name": "tick", "package_name": "tick"}},
          "impact": {
            "pipeline": "python -m tick.pipeline",
            "evaluate": "python -m tick.evaluate",
            "report": "python -m tick.report",
            "log": "impact/log.jsonl",
            "primary_metric": "macro_f1",
            "greater_is_better": true,
            "baseline": "majority-class"
          }
        }

        """

    /// A project laid out like a freshly generated nlp-eval one: no log, no report yet.
    @discardableResult
    static func freshProject(_ dir: TemporaryDirectory, _ name: String = "p", contract: String = ValidateFixture.contract) -> String {
        dir.write("\(name)/scaffold.json", contract)
        for module in ["__init__", "pipeline", "evaluate", "report", "task", "models"] {
            dir.write("\(name)/src/tick/\(module).py", "\"\"\"\(module)\"\"\"\n")
        }
        dir.write("\(name)/src/tick/settings.py", "from pathlib import Path\nIMPACT_DIR = Path(\"impact\")\nLOG = IMPACT_DIR / \"log.jsonl\"\n")
        for module in ["__init__", "log", "harness", "bootstrap", "report", "cli"] {
            dir.write("\(name)/src/tick/impact/\(module).py", "\"\"\"impact \(module)\"\"\"\n")
        }
        dir.write("\(name)/tests/test_harness.py", "from tick.impact import harness\n\ndef test_runs():\n    assert harness\n")
        dir.write("\(name)/tests/test_pipeline.py", "from tick import pipeline\n")
        dir.write("\(name)/data/raw/tickets.csv", "text,label\nhello,billing\n")
        dir.write("\(name)/data/README.md", "# Data\n\nSource: example support tickets written for this project.\n")
        dir.write("\(name)/Makefile", "data:\n\tpython -m tick.pipeline\neval: data\n\tpython -m tick.evaluate\n")
        dir.write("\(name)/pyproject.toml", "[project]\nname = \"tick\"\n")
        dir.write("\(name)/impact/impact-log.schema.json", "{}\n")
        return dir.path + "/" + name
    }

    /// One record in the shape ml-base's harness writes.
    static func record(
        role: String, system: String, id: String, baselineID: String? = nil, run: String = "run1",
        metric: String = "macro_f1", commit: String? = ValidateFixture.commit, fingerprint: String = ValidateFixture.fingerprint,
        evaluations: Int = 1, edit: (inout [String: JSONValue]) -> Void = { _ in }
    ) -> String {
        var record: [String: JSONValue] = [
            "schema": .string("impact-log/1"), "id": .string(id), "run": .string(run),
            "timestamp": .string("2025-03-01T12:00:00Z"), "task": .string("ticket routing"),
            "git": .object(["commit": commit.map(JSONValue.string) ?? .null, "dirty": commit == nil ? .null : .bool(false)]),
            "data": .object([
                "fingerprint": .string(fingerprint), "test_fingerprint": .string(fingerprint),
                "rows": .object(["train": .int(480), "test": .int(120)]),
            ]),
            "params": .object([:]), "seed": .int(42), "role": .string(role), "system": .string(system),
            "metrics": .object([
                "accuracy": .object(["value": .double(0.5), "ci95": .array([.double(0.4), .double(0.6)])]),
            ].merging([metric: .object(["value": .double(role == "baseline" ? 0.08 : 0.83), "ci95": .array([.double(0.06), .double(0.9)])])]) { _, new in new }),
            "primary_metric": .string(metric), "greater_is_better": .bool(true), "test_evaluations": .int(evaluations),
            "bootstrap": .object(["resamples": .int(2000), "units": .int(120), "method": .string("percentile"), "paired": .bool(true)]),
            "comparison": .null,
        ]
        if let baselineID {
            record["comparison"] = .object([
                "metric": .string(metric), "baseline_id": .string(baselineID), "baseline_system": .string("majority-class"),
                "baseline": .double(0.08), "candidate": .double(0.83), "delta": .double(0.75),
                "ci95": .array([.double(0.67), .double(0.81)]), "improved": .bool(true),
            ])
        }
        edit(&record)
        return JSONValue.object(record).compact()
    }

    /// One baseline and one candidate record per run, as lines.
    static func runLines(_ runs: Int = 1, from first: Int = 1) -> [String] {
        (first..<(first + runs)).flatMap { run in
            let baseline = String(format: "%032x", run * 2)
            return [
                record(role: "baseline", system: "majority-class", id: baseline, run: "run\(run)", evaluations: run),
                record(role: "candidate", system: "tfidf-logreg", id: String(format: "%032x", run * 2 + 1), baselineID: baseline,
                       run: "run\(run)", evaluations: run),
            ]
        }
    }

    static func log(_ lines: [String]) -> String { lines.map { $0 + "\n" }.joined() }

    /// The widest line of a text report after its header (which holds the project's path).
    static func widest(_ text: String) -> Int {
        let lines: [Substring] = text.split(separator: "\n")
        return lines.dropFirst().map(\.count).max() ?? 0
    }

    /// A data-science repository with no impact hooks: DVC, notebooks, a metrics file, evaluate.py.
    @discardableResult
    static func dataScienceRepo(_ dir: TemporaryDirectory, _ name: String = "ds") -> String {
        dir.write("\(name)/dvc.yaml", """
            stages:
              prepare:
                cmd: python src/data/make_dataset.py
              train:
                cmd: python src/models/train.py
              evaluate:
                cmd: python evaluate.py
                metrics:
                  - metrics.json

            """)
        dir.write("\(name)/metrics.json", #"{"accuracy": 0.91, "f1": 0.88}"# + "\n")
        dir.write("\(name)/evaluate.py", "import json\njson.dump({}, open('metrics.json', 'w'))\n")
        dir.write("\(name)/src/data/make_dataset.py", "print('data')\n")
        dir.write("\(name)/src/models/train.py", "print('train')\n")
        dir.write("\(name)/notebooks/01-eda.ipynb", "{}\n")
        dir.write("\(name)/notebooks/02-model.ipynb", "{}\n")
        dir.write("\(name)/tests/test_data.py", "def test_load():\n    pass\n")
        dir.write("\(name)/requirements.txt", "pandas\n")
        return dir.path + "/" + name
    }

    /// A fresh project plus every hostile thing a tree can hold.
    @discardableResult
    static func hostileTree(_ dir: TemporaryDirectory, _ name: String = "hostile", venvFiles: Int = 300) -> String {
        let root = freshProject(dir, name)
        let manager = FileManager.default
        try! manager.createSymbolicLink(atPath: root + "/loop", withDestinationPath: "loop")
        try! manager.createDirectory(atPath: root + "/src/tick/deep", withIntermediateDirectories: true)
        try! manager.createSymbolicLink(atPath: root + "/src/tick/deep/up", withDestinationPath: "../..")
        try! manager.createSymbolicLink(atPath: root + "/etc-link", withDestinationPath: "/etc")
        try! manager.createSymbolicLink(atPath: root + "/src/tick/passwd.py", withDestinationPath: "/etc/passwd")
        #expect(mkfifo(root + "/fifo", 0o644) == 0)
        #expect(mkfifo(root + "/src/tick/named.py", 0o644) == 0)
        // A 3 GB sparse file, in a place and with a name validate would read if it could.
        let big = root + "/src/tick/huge.py"
        #expect(manager.createFile(atPath: big, contents: Data("# huge\n".utf8)))
        #expect(truncate(big, 3 << 30) == 0)
        dir.writeData("\(name)/src/tick/latin1.py", Data([0x23, 0x20, 0xE9, 0xFF, 0xFE, 0x0A]))
        // A file name that is not UTF-8.
        var rawName = Array((root + "/src/tick/").utf8).map { CChar(bitPattern: $0) }
        rawName += [0x62, -1, 0x2E, 0x70, 0x79, 0].map { CChar($0) }
        let fd = open(rawName, O_CREAT | O_WRONLY, 0o644)
        #expect(fd >= 0)
        close(fd)
        // A virtualenv and bulk data, neither of which may be walked.
        dir.write("\(name)/.venv/pyvenv.cfg", "home = /usr/bin\n")
        for index in 0..<venvFiles {
            dir.write("\(name)/.venv/lib/python3.11/site-packages/pkg\(index % 20)/m\(index).py", "log.jsonl harness\n")
        }
        dir.write("\(name)/envs/other/pyvenv.cfg", "home = /usr/bin\n")
        dir.write("\(name)/envs/other/test_fake.py", "harness\n")
        dir.write("\(name)/node_modules/x/test_x.js", "harness\n")
        return root
    }

    /// Runs `validate` in-process; returns the exit code and the captured output.
    static func validate(_ arguments: [String], in directory: String, environment: [String: String] = [:]) -> (status: Int32, stdout: String, stderr: String) {
        let cli = InProcess(directory: directory, environment: environment)
        let status = cli.run(["validate"] + arguments)
        return (status, cli.stdout.text, cli.stderr.text)
    }

    /// The JSON report of `validate --format json`.
    static func report(_ arguments: [String] = [], in directory: String, environment: [String: String] = [:]) throws -> (status: Int32, json: [String: Any], results: [String: [String: Any]]) {
        let run = validate(arguments + ["--format", "json"], in: directory, environment: environment)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run.stdout)\(run.stderr)")
        let results = try #require(json["results"] as? [[String: Any]])
        var byID: [String: [String: Any]] = [:]
        for result in results { byID[result["id"] as? String ?? ""] = result }
        return (run.status, json, byID)
    }
}

/// Fields of one result of `validate --format json`.
extension Dictionary where Key == String, Value == Any {
    var ruleOutcome: String? { self["outcome"] as? String }
    var ruleMessage: String { self["message"] as? String ?? "" }
    var ruleDetails: [String] { self["details"] as? [String] ?? [] }
    var ruleHelp: String { self["help"] as? String ?? "" }
}
