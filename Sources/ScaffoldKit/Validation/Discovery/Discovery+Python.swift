import Foundation

/// What Python code (and the code cells of notebooks) says: whether the file
/// can run (`if __name__ == "__main__"`, `@hydra.main`, a package's
/// `__main__.py`), which trackers it calls, and the metric names it logs.
extension Discovery {
    /// The command that runs a Python file: `python -m pkg.mod` inside a
    /// package (src/ layout included), else `python path`.
    static func pythonCommand(_ path: String, access: ProjectAccess) -> String {
        var parts = path.split(separator: "/").map(String.init)
        let directory = parts.dropLast().joined(separator: "/")
        if access.isFile(ProjectAccess.join(directory, "__init__.py")) {
            if parts.first == "src", !access.isFile("src/__init__.py") { parts.removeFirst() }
            // A top-level "src" package is run as a script (as templates that have one document).
            if parts.first == "src" { return ShellQuote.command(["python", path]) }
            let stem = ProjectTree.stem(parts.removeLast())
            // Every directory on the way must be a package.
            let module = parts + (stem == "__main__" ? [] : [stem])
            let valid = module.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } && !($0.first?.isNumber ?? true) }
            if valid, !module.isEmpty { return ShellQuote.command(["python", "-m", module.joined(separator: ".")]) }
        }
        return ShellQuote.command(["python", path])
    }

    /// The first quoted string after `index` on the line ("rmse" of log_metric("rmse", v)).
    static func firstQuoted(in line: Substring) -> String? {
        guard let open = line.firstIndex(where: { $0 == "\"" || $0 == "'" }) else { return nil }
        let quote = line[open]
        let rest = line[line.index(after: open)...]
        guard let close = rest.firstIndex(of: quote) else { return nil }
        return String(rest[..<close])
    }

    /// The keys of a dict literal on the line: {"loss": x, 'acc': y}.
    static func dictKeys(in line: Substring) -> [String] {
        var keys: [String] = []
        var rest = line
        while let open = rest.firstIndex(where: { $0 == "\"" || $0 == "'" }) {
            let quote = rest[open]
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: quote) else { break }
            let key = String(after[..<close])
            rest = after[after.index(after: close)...]
            if rest.drop(while: { $0 == " " }).first == ":" { keys.append(key) }
        }
        return keys
    }

    mutating func scanPython(_ text: String, path: String, access: ProjectAccess, notebook: Bool = false) {
        var runnable = Path.lastComponent(path) == "__main__.py"
        var runLine: Int?
        var what = runnable ? "a package's __main__.py" : ""
        var baseline: Int?
        for (number, raw) in Self.numberedLines(text) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let place = "\(path):\(number)"
            if !notebook, line.hasPrefix("if __name__"), line.contains("__main__") {
                runnable = true
                runLine = runLine ?? number
                what = "if __name__ == \"__main__\""
            }
            if !notebook, line.hasPrefix("@hydra.main") {
                runnable = true
                runLine = runLine ?? number
                what = "@hydra.main"
                add(.tracker, path, line: number, "Hydra app (@hydra.main)")
            }
            if line.contains("mlflow.") {
                if let range = line.range(of: "log_metrics(") {
                    add(.tracker, path, line: number, "MLflow mlflow.log_metrics")
                    for key in Self.dictKeys(in: line[range.upperBound...]) { addMetric(key, at: place) }
                } else if let range = line.range(of: "log_metric(") {
                    let name = Self.firstQuoted(in: line[range.upperBound...])
                    add(.tracker, path, line: number, "MLflow mlflow.log_metric" + (name.map { "('\($0)')" } ?? ""))
                    if let name { addMetric(name, at: place) }
                }
                if line.contains(".autolog(") { add(.tracker, path, line: number, "MLflow autolog") }
            }
            if line.contains("wandb.init(") { add(.tracker, path, line: number, "W&B wandb.init") }
            if let range = line.range(of: "wandb.log(") {
                add(.tracker, path, line: number, "W&B wandb.log")
                for key in Self.dictKeys(in: line[range.upperBound...]) { addMetric(key, at: place) }
            }
            if line.contains("SummaryWriter(") { add(.tracker, path, line: number, "TensorBoard SummaryWriter") }
            if let range = line.range(of: "add_scalar(") {
                if let name = Self.firstQuoted(in: line[range.upperBound...]) { addMetric(name, at: place) }
            }
            if line.contains("tf.summary.") {
                add(.tracker, path, line: number, "TensorBoard tf.summary")
                if let range = line.range(of: "tf.summary.scalar("), let name = Self.firstQuoted(in: line[range.upperBound...]) {
                    addMetric(name, at: place)
                }
            }
            if line.hasPrefix("from dvclive") || line.hasPrefix("import dvclive") {
                add(.tracker, path, line: number, "dvclive")
            }
            if !line.contains("mlflow."), let range = line.range(of: ".log_metric("), text.contains("dvclive") {
                if let name = Self.firstQuoted(in: line[range.upperBound...]) {
                    add(.tracker, path, line: number, "dvclive log_metric('\(name)')")
                    addMetric(name, at: place)
                }
            }
            if line.contains("OmegaConf.load(") { add(.config, path, line: number, "OmegaConf config") }
            if baseline == nil, line.contains("DummyClassifier(") || line.contains("DummyRegressor(") || line.hasPrefix("def baseline") {
                baseline = number
            }
        }
        if let baseline { add(.baseline, path, line: baseline, "a baseline model") }
        guard !notebook else { return }
        let stem = ProjectTree.stem(path)
        let role = Self.role(ofName: stem == "__main__" ? Path.lastComponent(Path.parent(path)) : stem)
        if runnable {
            add(role ?? .entryPoint, path, line: runLine, what, command: Self.pythonCommand(path, access: access))
        } else if let role, role != .report || stem.lowercased() != "reports" {
            // Named like a step but nothing runs it as a script: said, never offered as a command.
            add(role, path, "module without a __main__ guard (not runnable as a script)")
        }
    }
}
