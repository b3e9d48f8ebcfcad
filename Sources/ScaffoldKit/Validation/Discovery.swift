import Foundation

/// What a project without (part of) a contract has instead of impact hooks:
/// DVC stages, Makefile targets, scripts named like a pipeline or an
/// evaluation, metrics files, notebooks, experiment trackers. Rules quote it
/// in their failures ("found instead: …") and build their fix from it.
public struct Discovery: Sendable {
    /// One thing found, and what it looks like.
    public struct Item: Sendable, Equatable {
        public var path: String
        public var what: String
        /// A command that would run it, when there is one.
        public var command: String?
        public var line: Int?

        public var description: String { what.isEmpty ? path : "\(path) (\(what))" }
    }

    public var pipeline: [Item] = []
    public var evaluation: [Item] = []
    public var training: [Item] = []
    public var metrics: [Item] = []
    /// Numeric keys of the metrics files found (candidates for primary_metric).
    public var metricNames: [String] = []
    public var reports: [Item] = []
    public var baselines: [Item] = []
    public var trackers: [Item] = []
    public var notebooks: [String] = []

    static let pipelineStems: Set<String> = [
        "pipeline", "prepare", "prepare_data", "preprocess", "preprocessing", "make_dataset", "build_dataset",
        "build_features", "process_data", "data_prep", "ingest", "etl", "featurize", "features", "split_data",
        "download_data", "get_data", "dataset",
    ]
    static let evaluationStems: Set<String> = [
        "evaluate", "eval", "evaluation", "score", "scoring", "benchmark", "evaluate_model", "eval_model",
        "validate_model", "test_model", "metrics",
    ]
    static let trainingStems: Set<String> = ["train", "train_model", "fit", "training"]
    static let reportStems: Set<String> = ["report", "make_report", "generate_report", "reporting", "summarize"]
    static let pipelineTargets: Set<String> = ["data", "prepare", "pipeline", "preprocess", "features", "dataset", "process"]
    static let evaluationTargets: Set<String> = ["evaluate", "eval", "evaluation", "score", "benchmark", "metrics"]
    static let reportTargets: Set<String> = ["report", "reports"]

    /// Looks at the tree (reading only a few small files: Makefile, dvc.yaml, metrics files).
    public static func discover(_ tree: ProjectTree, access: ProjectAccess) -> Discovery {
        var found = Discovery()
        let files = tree.sortedFiles
        for path in files where !ProjectTree.isTestFile(path) {
            let stem = ProjectTree.stem(path).lowercased()
            let ext = ProjectTree.fileExtension(path)
            let name = Path.lastComponent(path)
            let runnable = ["py", "r", "jl", "sh"].contains(ext)
            let command: String? = switch ext {
            case "py": "python \(path)"
            case "r": "Rscript \(path)"
            case "jl": "julia \(path)"
            case "sh": "sh \(path)"
            default: nil
            }
            if runnable && (pipelineStems.contains(stem) || stem.hasPrefix("prepare") || stem.hasPrefix("preprocess")) {
                found.pipeline.append(Item(path: path, what: "", command: command))
            }
            if runnable && (evaluationStems.contains(stem) || stem.hasPrefix("eval")) {
                found.evaluation.append(Item(path: path, what: "", command: command))
            }
            if runnable && (trainingStems.contains(stem) || stem.hasPrefix("train")) {
                found.training.append(Item(path: path, what: "", command: command))
            }
            if runnable && reportStems.contains(stem) {
                found.reports.append(Item(path: path, what: "", command: command))
            }
            if ["md", "html", "pdf"].contains(ext), ["report", "impact", "results", "model_card"].contains(stem) {
                found.reports.append(Item(path: path, what: "a report", command: nil))
            }
            if stem.contains("baseline") {
                found.baselines.append(Item(path: path, what: "", command: nil))
            }
            if ext == "ipynb" { found.notebooks.append(path) }
            if ["json", "yaml", "yml"].contains(ext), isMetricsName(stem) {
                var item = Item(path: path, what: "metrics file", command: nil)
                if ext == "json", (tree.files[path] ?? 0) <= 256 << 10, let data = access.read(path, limit: 256 << 10),
                   let json = try? JSONValue.parse(data) {
                    let names = numericKeys(json)
                    if !names.isEmpty {
                        item.what = "metrics: " + names.prefix(6).joined(separator: ", ")
                        for name in names where !found.metricNames.contains(name) { found.metricNames.append(name) }
                    }
                }
                found.metrics.append(item)
            }
            if name == "MLproject" { found.trackers.append(Item(path: path, what: "MLflow project", command: "mlflow run .")) }
            if name == "dvc.yaml" {
                let stages = dvcStages(access.text(path, limit: 256 << 10) ?? "")
                let directory = Path.parent(path) == "." ? "" : Path.parent(path)
                let prefix = directory.isEmpty ? "" : "cd \(directory) && "
                found.trackers.append(Item(
                    path: path, what: "DVC pipeline" + (stages.isEmpty ? "" : ", stages: " + stages.map(\.name).joined(separator: ", ")),
                    command: prefix + "dvc repro"))
                for stage in stages {
                    let lower = stage.name.lowercased()
                    let item = Item(path: path, what: "DVC stage '\(stage.name)'", command: prefix + "dvc repro \(stage.name)", line: stage.line)
                    if pipelineStems.contains(lower) || pipelineTargets.contains(lower) || lower.hasPrefix("prepare") { found.pipeline.append(item) }
                    if evaluationStems.contains(lower) || lower.hasPrefix("eval") { found.evaluation.append(item) }
                    if reportStems.contains(lower) { found.reports.append(item) }
                }
            }
            if ["Makefile", "makefile", "GNUmakefile"].contains(name) {
                let directory = Path.parent(path) == "." ? "" : Path.parent(path)
                let prefix = directory.isEmpty ? "make" : "make -C \(directory)"
                for target in CommandResolver.makeTargets(access.text(path) ?? "").targets {
                    let lower = target.name.lowercased()
                    let item = Item(path: path, what: "make target '\(target.name)'", command: "\(prefix) \(target.name)", line: target.line)
                    if pipelineTargets.contains(lower) { found.pipeline.append(item) }
                    if evaluationTargets.contains(lower) { found.evaluation.append(item) }
                    if reportTargets.contains(lower) { found.reports.append(item) }
                }
            }
        }
        for (directory, reason) in tree.skipped.sorted(by: { $0.key < $1.key }) where !directory.contains("/") {
            if directory == "mlruns" || directory == "wandb" || directory == ".dvc" {
                found.trackers.append(Item(path: directory + "/", what: reason, command: nil))
            }
        }
        if tree.hasDirectory("reports") { found.reports.append(Item(path: "reports/", what: "a reports folder", command: nil)) }
        // Prefer real stages and targets over loose scripts when suggesting a command.
        func rank(_ items: [Item]) -> [Item] {
            items.enumerated().sorted { a, b in
                let ra = a.element.what.hasPrefix("DVC") ? 0 : a.element.what.hasPrefix("make") ? 1 : 2
                let rb = b.element.what.hasPrefix("DVC") ? 0 : b.element.what.hasPrefix("make") ? 1 : 2
                return (ra, a.offset) < (rb, b.offset)
            }.map(\.element)
        }
        found.pipeline = rank(found.pipeline)
        found.evaluation = rank(found.evaluation)
        found.reports = rank(found.reports)
        return found
    }

    static func isMetricsName(_ stem: String) -> Bool {
        ["metric", "score", "result", "eval", "performance"].contains { stem.contains($0) }
            && !stem.hasPrefix("package") && !stem.hasPrefix("tsconfig")
    }

    /// Names of numeric values at the top level or one level down ("f1" of {"test": {"f1": 0.8}}).
    static func numericKeys(_ json: JSONValue) -> [String] {
        guard case .object(let members) = json else { return [] }
        var names: [String] = []
        for (key, value) in members.sorted(by: { $0.key < $1.key }) {
            switch value {
            case .int, .double: names.append(key)
            case .object(let inner):
                for (innerKey, innerValue) in inner.sorted(by: { $0.key < $1.key }) {
                    if case .double = innerValue, !names.contains(innerKey) { names.append(innerKey) }
                    if case .int = innerValue, !names.contains(innerKey) { names.append(innerKey) }
                }
            default: break
            }
        }
        return names
    }

    /// The stage names under `stages:` in a dvc.yaml (line numbers 1-based).
    public static func dvcStages(_ text: String) -> [(name: String, line: Int)] {
        var stages: [(name: String, line: Int)] = []
        var inStages = false
        var indent: Int?
        for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(raw)
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let leading = line.prefix { $0 == " " }.count
            if leading == 0 {
                inStages = trimmed.hasPrefix("stages:")
                indent = nil
                continue
            }
            guard inStages else { continue }
            if indent == nil { indent = leading }
            if leading == indent, let colon = trimmed.firstIndex(of: ":") {
                let name = trimmed[..<colon].trimmingCharacters(in: CharacterSet(charactersIn: "\"' "))
                if !name.isEmpty { stages.append((name, offset + 1)) }
            }
        }
        return stages
    }

    /// Everything found, one phrase each, for "found instead: …".
    public var summary: [String] {
        var out = trackers.map(\.description)
        let groups: [(String, [Item])] = [("pipeline", pipeline), ("evaluation", evaluation), ("training", training), ("report", reports)]
        for (label, items) in groups {
            for item in items where !item.what.hasPrefix("DVC stage") {
                out.append(item.what.isEmpty ? "\(item.path) (\(label) script)" : item.description)
            }
        }
        out += metrics.map(\.description)
        if !notebooks.isEmpty {
            let shown = notebooks.prefix(3).joined(separator: ", ")
            out.append("\(notebooks.count) notebook\(notebooks.count == 1 ? "" : "s") (\(shown)\(notebooks.count > 3 ? ", …" : ""))")
        }
        var seen = Set<String>()
        return out.filter { seen.insert($0).inserted }
    }
}
