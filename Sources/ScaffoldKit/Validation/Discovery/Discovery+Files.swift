import Foundation

/// Readers of the task and tracking files discovery looks into.
extension Discovery {
    /// Lines with their 1-based numbers.
    static func numberedLines(_ text: String) -> [(number: Int, text: String)] {
        text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { ($0.offset + 1, String($0.element)) }
    }

    static func indentation(_ line: String) -> Int { line.prefix { $0 == " " }.count }

    /// "cd DIR && " for a file in a subdirectory.
    static func cdPrefix(_ path: String) -> String {
        let directory = Path.parent(path)
        return directory == "." || directory.isEmpty ? "" : "cd \(ShellQuote.quote(directory)) && "
    }

    /// The stage names under `stages:` in a dvc.yaml (line numbers 1-based).
    public static func dvcStages(_ text: String) -> [(name: String, line: Int)] {
        var stages: [(name: String, line: Int)] = []
        var inStages = false
        var indent: Int?
        for (number, line) in numberedLines(text) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let leading = indentation(line)
            if leading == 0 {
                inStages = trimmed.hasPrefix("stages:")
                indent = nil
                continue
            }
            guard inStages else { continue }
            if indent == nil { indent = leading }
            if leading == indent, let colon = trimmed.firstIndex(of: ":") {
                let name = trimmed[..<colon].trimmingCharacters(in: CharacterSet(charactersIn: "\"' "))
                if !name.isEmpty { stages.append((name, number)) }
            }
        }
        return stages
    }

    /// dvc.yaml: each stage (classified by its name), and the metrics, params and plots it declares.
    mutating func scanDVC(_ text: String, path: String) {
        let prefix = Self.cdPrefix(path)
        let stages = Self.dvcStages(text)
        add(.tracker, path, line: stages.first?.line, "DVC pipeline" + (stages.isEmpty ? "" : " (stages: \(stages.map(\.name).joined(separator: ", ")))"),
            command: prefix + "dvc repro")
        for stage in stages {
            let kind = Self.role(ofName: stage.name) ?? .pipeline
            add(kind, path, line: stage.line, "DVC stage '\(stage.name)'", command: prefix + "dvc repro " + ShellQuote.quote(stage.name))
        }
        // metrics:, params:, plots: lists (top level or inside a stage).
        var section: String?
        var sectionIndent = 0
        for (number, line) in Self.numberedLines(text) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let leading = Self.indentation(line)
            if let current = section, leading > sectionIndent || (leading == sectionIndent && trimmed.hasPrefix("-")) {
                guard trimmed.hasPrefix("-") else { continue }
                var item = trimmed.dropFirst().trimmingCharacters(in: .whitespaces)
                if let colon = item.firstIndex(of: ":") { item = String(item[..<colon]) }
                item = item.trimmingCharacters(in: CharacterSet(charactersIn: "\"' "))
                guard !item.isEmpty else { continue }
                let file = ProjectAccess.join(Path.parent(path) == "." ? "" : Path.parent(path), item)
                switch current {
                case "metrics": add(.metrics, path, line: number, "DVC metrics '\(item)'")
                    addMetricsFileReference(file)
                case "plots": add(.report, path, line: number, "DVC plots '\(item)'", command: prefix + "dvc plots show")
                default: add(.config, path, line: number, "DVC params '\(item)'")
                }
                continue
            }
            section = nil
            for key in ["metrics:", "params:", "plots:"] where trimmed == key || trimmed.hasPrefix(key + " ") {
                section = String(key.dropLast())
                sectionIndent = leading
            }
        }
    }

    /// Remembered so that the metrics file a dvc.yaml names is read even when it is not named like one.
    mutating func addMetricsFileReference(_ file: String) {
        if !declaredMetricsFiles.contains(file) { declaredMetricsFiles.append(file) }
    }

    /// MLproject: each entry point.
    mutating func scanMLproject(_ text: String, path: String) {
        var inEntryPoints = false
        var indent: Int?
        var names: [String] = []
        for (number, line) in Self.numberedLines(text) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let leading = Self.indentation(line)
            if leading == 0 {
                inEntryPoints = trimmed.hasPrefix("entry_points:")
                indent = nil
                continue
            }
            guard inEntryPoints else { continue }
            if indent == nil { indent = leading }
            guard leading == indent, let colon = trimmed.firstIndex(of: ":") else { continue }
            let name = trimmed[..<colon].trimmingCharacters(in: CharacterSet(charactersIn: "\"' "))
            names.append(name)
            let kind = Self.role(ofName: name) ?? (name == "main" ? .training : .entryPoint)
            let prefix = Self.cdPrefix(path)
            add(kind, path, line: number, "MLproject entry point '\(name)'",
                command: prefix + "mlflow run . -e " + ShellQuote.quote(name))
        }
        add(.tracker, path, "MLproject (MLflow project" + (names.isEmpty ? ")" : ", entry points: \(names.joined(separator: ", ")))"))
    }

    mutating func scanMakefile(_ text: String, path: String) {
        let directory = Path.parent(path) == "." ? "" : Path.parent(path)
        let prefix = directory.isEmpty ? "make" : "make -C \(ShellQuote.quote(directory))"
        for target in CommandResolver.makeTargets(text).targets {
            guard let kind = Self.role(ofName: target.name) else { continue }
            add(kind, path, line: target.line, "make target '\(target.name)'", command: "\(prefix) \(ShellQuote.quote(target.name))")
        }
    }

    /// The recipes of a justfile (line numbers 1-based).
    static func justRecipes(_ text: String) -> [(name: String, line: Int)] {
        var recipes: [(name: String, line: Int)] = []
        for (number, line) in numberedLines(text) {
            guard let first = line.first, first.isLetter || first == "_" || first == "@" else { continue }
            guard let colon = line.firstIndex(of: ":"), !line[colon...].hasPrefix(":=") else { continue }
            let head = line[..<colon]
            if head.contains("=") || head.hasPrefix("set ") || head.hasPrefix("export ") || head.hasPrefix("alias ") { continue }
            guard let name = head.split(separator: " ").first.map({ String($0.drop { $0 == "@" }) }), !name.isEmpty else { continue }
            recipes.append((name, number))
        }
        return recipes
    }

    mutating func scanJustfile(_ text: String, path: String) {
        for recipe in Self.justRecipes(text) {
            guard let kind = Self.role(ofName: recipe.name) else { continue }
            add(kind, path, line: recipe.line, "just recipe '\(recipe.name)'", command: Self.cdPrefix(path) + "just " + ShellQuote.quote(recipe.name))
        }
    }

    /// `[testenv:NAME]` sections of a tox.ini.
    static func toxEnvironments(_ text: String) -> [(name: String, line: Int)] {
        numberedLines(text).compactMap { number, line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("[testenv:"), trimmed.hasSuffix("]") else { return nil }
            return (String(trimmed.dropFirst(9).dropLast()), number)
        }
    }

    mutating func scanTox(_ text: String, path: String) {
        for environment in Self.toxEnvironments(text) {
            guard let kind = Self.role(ofName: environment.name) else { continue }
            add(kind, path, line: environment.line, "tox environment '\(environment.name)'", command: Self.cdPrefix(path) + "tox -e " + ShellQuote.quote(environment.name))
        }
    }

    /// `@nox.session` functions of a noxfile.
    static func noxSessions(_ text: String) -> [(name: String, line: Int)] {
        var sessions: [(name: String, line: Int)] = []
        var decorated = false
        for (number, line) in numberedLines(text) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("@nox.session") { decorated = true; continue }
            if decorated, trimmed.hasPrefix("def "), let paren = trimmed.firstIndex(of: "(") {
                sessions.append((String(trimmed[trimmed.index(trimmed.startIndex, offsetBy: 4)..<paren]), number))
            }
            if !trimmed.hasPrefix("@") { decorated = false }
        }
        return sessions
    }

    mutating func scanNoxfile(_ text: String, path: String) {
        for session in Self.noxSessions(text) {
            guard let kind = Self.role(ofName: session.name) else { continue }
            add(kind, path, line: session.line, "nox session '\(session.name)'", command: Self.cdPrefix(path) + "nox -s " + ShellQuote.quote(session.name))
        }
    }

    /// `name = "…"` entries of pyproject tables that define commands:
    /// [project.scripts], [tool.poetry.scripts], [tool.poe.tasks], [tool.pdm.scripts]; and [tool.kedro].
    static func pyprojectScripts(_ text: String) -> [(table: String, name: String, line: Int)] {
        var entries: [(table: String, name: String, line: Int)] = []
        var table = ""
        for (number, line) in numberedLines(text) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("[") {
                table = trimmed.trimmingCharacters(in: CharacterSet(charactersIn: "[] "))
                if table == "tool.kedro" { entries.append((table, "", number)) }
                continue
            }
            guard ["project.scripts", "tool.poetry.scripts", "tool.poe.tasks", "tool.pdm.scripts"].contains(table),
                  let equals = trimmed.firstIndex(of: "="), !trimmed.hasPrefix("#")
            else { continue }
            let name = trimmed[..<equals].trimmingCharacters(in: CharacterSet(charactersIn: "\"' "))
            if !name.isEmpty { entries.append((table, name, number)) }
        }
        return entries
    }

    mutating func scanPyproject(_ text: String, path: String) {
        for entry in Self.pyprojectScripts(text) {
            if entry.table == "tool.kedro" {
                add(.pipeline, path, line: entry.line, "Kedro project ([tool.kedro])", command: Self.cdPrefix(path) + "kedro run")
                continue
            }
            let runner = switch entry.table {
            case "tool.poe.tasks": "poe "
            case "tool.pdm.scripts": "pdm run "
            default: ""
            }
            let what = entry.table == "tool.poe.tasks" ? "poe task" : entry.table == "tool.pdm.scripts" ? "pdm script" : "console script"
            let kind = Self.role(ofName: entry.name) ?? .entryPoint
            add(kind, path, line: entry.line, "\(what) '\(entry.name)' ([\(entry.table)])", command: Self.cdPrefix(path) + runner + ShellQuote.quote(entry.name))
        }
    }

    /// A Hydra/OmegaConf config: `optimized_metric`, logger targets. Never a metrics file.
    mutating func scanConfig(_ text: String, path: String) {
        var matchedSomething = false
        for (number, line) in Self.numberedLines(text) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("optimized_metric:") {
                let value = trimmed.dropFirst("optimized_metric:".count).trimmingCharacters(in: CharacterSet(charactersIn: "\"' "))
                add(.tracker, path, line: number, "Hydra optimized_metric '\(value)'")
                if !value.isEmpty { addMetric(value, at: "\(path):\(number)") }
                matchedSomething = true
            }
            if trimmed.hasPrefix("_target_:") {
                let target = trimmed.dropFirst("_target_:".count).trimmingCharacters(in: CharacterSet(charactersIn: "\"' "))
                for (logger, label) in [("WandbLogger", "W&B"), ("TensorBoardLogger", "TensorBoard"), ("MLFlowLogger", "MLflow"),
                                        ("CSVLogger", "CSV"), ("CometLogger", "Comet"), ("NeptuneLogger", "Neptune"), ("DVCLiveLogger", "dvclive")]
                where target.hasSuffix(logger) {
                    add(.tracker, path, line: number, "Hydra logger config (\(label): \(target))")
                    matchedSomething = true
                }
            }
        }
        if !matchedSomething, path.split(separator: "/").count <= 3 {
            add(.config, path, "Hydra/OmegaConf config")
        }
    }

    /// A metrics file: its numeric keys are metric names.
    mutating func scanMetricsFile(_ text: String, path: String, json: Bool) {
        var names: [String] = []
        if json {
            if let value = try? JSONValue.parseLocated(Data(text.utf8)) { names = Self.numericKeys(value) }
        } else {
            for (_, line) in Self.numberedLines(text) {
                let parts = line.split(separator: ":", maxSplits: 1)
                guard parts.count == 2, Double(parts[1].trimmingCharacters(in: .whitespaces)) != nil else { continue }
                names.append(parts[0].trimmingCharacters(in: .whitespaces))
            }
        }
        add(.metrics, path, names.isEmpty ? "metrics file" : "metrics file (\(names.prefix(6).joined(separator: ", "))\(names.count > 6 ? ", …" : ""))")
        for name in names { addMetric(name, at: path) }
    }
}
