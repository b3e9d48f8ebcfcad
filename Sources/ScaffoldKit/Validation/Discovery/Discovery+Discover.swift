import Foundation

extension Discovery {
    /// Bytes of file contents discovery may read in all, and of one file.
    static let byteBudget = 8 << 20
    static let fileLimit = 256 << 10
    /// Python files read at most (the most promising first).
    static let maxCodeFiles = 2_000

    static let pipelineWords: Set<String> = [
        "pipeline", "prepare", "prepare_data", "preprocess", "preprocessing", "make_dataset", "build_dataset",
        "build_features", "process_data", "data_prep", "ingest", "etl", "featurize", "features", "split_data",
        "download_data", "get_data", "data", "dataset", "process", "split",
    ]
    static let evaluationWords: Set<String> = [
        "evaluate", "eval", "evaluation", "score", "scoring", "benchmark", "evaluate_model", "eval_model",
        "validate_model", "test_model", "metrics",
    ]
    static let trainingWords: Set<String> = ["train", "train_model", "fit", "training", "finetune", "fine_tune"]
    static let reportWords: Set<String> = ["report", "reports", "make_report", "generate_report", "reporting", "summarize", "plots"]
    static let configDirectories: Set<String> = ["configs", "config", "conf", "hydra"]

    /// What a name (file stem, target, stage) says a step is, or nil.
    static func role(ofName name: String) -> Kind? {
        let lower = name.lowercased()
        if evaluationWords.contains(lower) || lower.hasPrefix("eval") { return .evaluation }
        if pipelineWords.contains(lower) || lower.hasPrefix("prepare") || lower.hasPrefix("preprocess") { return .pipeline }
        if trainingWords.contains(lower) || lower.hasPrefix("train") { return .training }
        if reportWords.contains(lower) { return .report }
        return nil
    }

    /// Looks at the tree, reading only candidate files within the byte budget.
    public static func discover(_ tree: ProjectTree, access: ProjectAccess) -> Discovery {
        var found = Discovery()
        var budget = byteBudget
        func read(_ path: String) -> String? {
            guard budget > 0, let data = access.read(path, limit: min(fileLimit, budget)) else {
                if budget <= 0 { found.filesUnread += 1 }
                return nil
            }
            budget -= data.count
            found.filesRead += 1
            found.bytesRead += data.count
            return String(decoding: data, as: UTF8.self)
        }
        var python: [String] = []
        var notebooks: [String] = []
        let tests = Set(tree.testFiles)
        for path in tree.sortedFiles where !tests.contains(path) {
            let name = String(ProjectTree.name(path))
            let ext = ProjectTree.fileExtension(path)
            let isYAML = ext == "yaml" || ext == "yml"
            let inConfig = isYAML && path.split(separator: "/").dropLast().contains { configDirectories.contains($0.lowercased()) }
            switch name {
            case "dvc.yaml": read(path).map { found.scanDVC($0, path: path) }
            case "dvc.lock": found.add(.tracker, path, "dvc.lock (the DVC pipeline has been run; its outputs are pinned)")
            case "MLproject", "MLproject.yaml": read(path).map { found.scanMLproject($0, path: path) }
            case "Makefile", "makefile", "GNUmakefile": read(path).map { found.scanMakefile($0, path: path) }
            case "justfile", "Justfile", ".justfile": read(path).map { found.scanJustfile($0, path: path) }
            case "tox.ini": read(path).map { found.scanTox($0, path: path) }
            case "pyproject.toml": read(path).map { found.scanPyproject($0, path: path) }
            case "params.yaml": found.add(.config, path, "DVC params file")
            default: break
            }
            if name == "noxfile.py" { read(path).map { found.scanNoxfile($0, path: path) }; continue }
            if ext == "py" { python.append(path); continue }
            if ext == "ipynb" { notebooks.append(path); continue }
            if ["yaml", "yml"].contains(ext), inConfig {
                if let text = read(path) { found.scanConfig(text, path: path) }
                continue
            }
            if ["json", "yaml", "yml"].contains(ext), !inConfig, isMetricsName(ProjectTree.stem(path).lowercased()),
               name != "dvc.yaml" {
                found.scanMetricsFile(read(path) ?? "", path: path, json: ext == "json")
            }
            if ["md", "html", "pdf"].contains(ext), ["report", "impact", "results", "model_card"].contains(ProjectTree.stem(path).lowercased()) {
                found.add(.report, path, "a report")
            }
        }
        for file in found.declaredMetricsFiles where tree.hasFile(file) && !found.findings.contains(where: { $0.kind == .metrics && $0.path == file }) {
            found.scanMetricsFile(read(file) ?? "", path: file, json: ProjectTree.fileExtension(file) == "json")
        }
        // The most promising Python files first: named like a step, shallow, inside a package.
        let ranked = python.map { path in (rank(path), path.utf8.count { $0 == UInt8(ascii: "/") }, path) }
            .sorted { ($0.0, $0.1) < ($1.0, $1.1) || (($0.0, $0.1) == ($1.0, $1.1) && $0.2 < $1.2) }
            .map(\.2)
        for path in ranked.prefix(maxCodeFiles) {
            guard let text = read(path) else { continue }
            found.scanPython(text, path: path, access: access)
        }
        found.filesUnread += max(0, ranked.count - maxCodeFiles)
        for path in notebooks {
            found.add(.notebook, path, "Jupyter notebook", command: ShellQuote.command(["jupyter", "nbconvert", "--to", "notebook", "--execute", "--inplace", path]))
            if budget > 0, let text = read(path) { found.scanPython(text.replacingOccurrences(of: "\\\"", with: "\""), path: path, access: access, notebook: true) }
        }
        for (directory, reason) in tree.skipped.sorted(by: { $0.key < $1.key }) where !directory.contains("/") {
            if ["mlruns", "mlartifacts", "wandb", "lightning_logs", "dvclive", ".dvc", "multirun"].contains(directory) {
                found.add(.tracker, directory + "/", reason)
            }
        }
        if tree.hasDirectory("reports") { found.add(.report, "reports/", "a reports folder") }
        found.metrics.sort { a, b in
            (MetricDirection.preference(a.name) ?? Int.max) < (MetricDirection.preference(b.name) ?? Int.max)
        }
        found.findings = rankedFindings(found.findings)
        return found
    }

    /// 0 for a file named like a step, 1 for an entry-point name, 2 otherwise.
    static func rank(_ path: String) -> Int {
        let stem = ProjectTree.stem(path)
        if role(ofName: stem) != nil { return 0 }
        if ["main", "__main__", "run", "cli", "app", "experiment"].contains(stem.lowercased()) { return 1 }
        return 2
    }

    /// Real stages and targets before loose scripts (stable otherwise).
    static func rankedFindings(_ findings: [Finding]) -> [Finding] {
        func weight(_ finding: Finding) -> Int {
            if finding.matched.hasPrefix("DVC stage") { return 0 }
            if finding.matched.hasPrefix("MLproject") { return 1 }
            if finding.matched.hasPrefix("make target") || finding.matched.hasPrefix("just recipe") { return 2 }
            if finding.command != nil { return 3 }
            return 4
        }
        return findings.enumerated().sorted { (weight($0.element), $0.offset) < (weight($1.element), $1.offset) }.map(\.element)
    }

    static func isMetricsName(_ stem: String) -> Bool {
        ["metric", "score", "result", "performance"].contains { stem.contains($0) }
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
                for (innerKey, innerValue) in inner.sorted(by: { $0.key < $1.key }) where !names.contains(innerKey) {
                    if case .double = innerValue { names.append(innerKey) }
                    if case .int = innerValue { names.append(innerKey) }
                }
            default: break
            }
        }
        return names
    }
}
