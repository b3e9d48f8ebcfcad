import Foundation

extension PortfolioProject {
    /// Largest impact log read (bytes); a longer one is read up to here and said so.
    static let logLimit = 64 << 20
    static let smallFileLimit = 1 << 20

    /// Reads the project at `path` (absolute). Never throws for what is inside
    /// the project: a bad log or scaffold.json becomes `problem`. Throws only
    /// when `path` is not a directory.
    static func load(path: String, shownAs directory: String, fileSystem: any FileSystem) throws(ScaffoldError) -> PortfolioProject {
        guard fileSystem.kind(of: path) == .directory else {
            throw ScaffoldError("'\(directory)' is not a project directory",
                                fix: "pass the directories of projects made with 'scaffold new' (each holds scaffold.json)")
        }
        var project = PortfolioProject(directory: directory, name: Path.lastComponent(path), blueprint: nil,
                                       dataSource: nil, runs: [], problem: nil)
        var logPath = "impact/log.jsonl"
        if let data = try? fileSystem.readFile(path + "/scaffold.json", limit: smallFileLimit) {
            switch Result(catching: { () throws(JSONValue.SyntaxError) in try JSONValue.parseLocated(data) }) {
            case .success(let json):
                let blueprint = json["blueprint"]
                if let name = blueprint?["answers"]?["project_name"]?.stringValue, !name.isEmpty { project.name = name }
                if let name = blueprint?["name"]?.stringValue {
                    project.blueprint = name + (blueprint?["version"]?.stringValue.map { " " + $0 } ?? "")
                }
                if let log = json["impact"]?["log"]?.stringValue, !log.isEmpty, !log.hasPrefix("/"), !log.contains("..") {
                    logPath = log
                }
            case .failure(let error):
                project.problem = "scaffold.json is not valid JSON (\(error)): fix it, or run 'scaffold validate \(directory)'"
                return project
            }
        } else {
            project.problem = "no scaffold.json: not a project made with 'scaffold new' (or 'scaffold adopt')"
            return project
        }
        let log = ImpactLogFile.read(path + "/" + logPath, shownAs: logPath, limit: logLimit, fileSystem: fileSystem)
        project.runs = PortfolioRun.runs(from: log.records)
        project.problem = log.problem
        if project.runs.isEmpty, project.problem == nil {
            project.problem = "\(logPath) has no evaluation with a candidate yet: run the project's evaluate command (make eval)"
        }
        let latestSource = log.records.last(where: { $0["role"]?.stringValue == "candidate" })?["data"]?["source"]?.stringValue
        project.dataSource = latestSource ?? dataCardSource(path + "/data/README.md", fileSystem: fileSystem)
        return project
    }

    /// The first `Source:` line of a data card, without Markdown emphasis.
    static func dataCardSource(_ path: String, fileSystem: any FileSystem) -> String? {
        guard let data = try? fileSystem.readFile(path, limit: smallFileLimit),
              let text = String(data: data, encoding: .utf8) else { return nil }
        for raw in text.split(separator: "\n", omittingEmptySubsequences: true) {
            var line = raw.trimmingCharacters(in: .whitespaces)
            for prefix in ["- ", "* "] where line.hasPrefix(prefix) { line.removeFirst(prefix.count) }
            line = line.replacingOccurrences(of: "**", with: "").replacingOccurrences(of: "__", with: "")
            if line.lowercased().hasPrefix("source:") {
                let value = line.dropFirst("source:".count).trimmingCharacters(in: .whitespaces)
                return value.isEmpty ? nil : String(value.prefix(300))
            }
        }
        return nil
    }
}

/// The whole records of an impact log, and one line on what was wrong with the rest.
struct ImpactLogFile {
    var records: [JSONValue]
    var problem: String?

    static let schemas: Set<String> = ["impact-log/1", "impact-log/2"]

    static func read(_ path: String, shownAs name: String, limit: Int, fileSystem: any FileSystem) -> ImpactLogFile {
        guard fileSystem.kind(of: path) == .file else {
            return ImpactLogFile(records: [], problem: "no impact log at \(name) yet: run the project's evaluate command (make eval)")
        }
        let data: Data
        do {
            data = try fileSystem.readFile(path, limit: limit)
        } catch {
            return ImpactLogFile(records: [], problem: "\(name) cannot be read: \(error.reason)")
        }
        if data.isEmpty {
            return ImpactLogFile(records: [], problem: "\(name) is empty: run the project's evaluate command (make eval)")
        }
        var lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        var problem: String?
        if data.last != UInt8(ascii: "\n") {
            if data.count >= limit {
                problem = "\(name) is larger than \(limit >> 20) MiB: the portfolio shows the runs in its first \(limit >> 20) MiB"
            } else {
                problem = "the last line of \(name) (line \(lines.count)) is cut off, probably an interrupted write: "
                    + "shown without it; repair with the project's `python -m PACKAGE.impact.log --repair`"
            }
            lines.removeLast()
        } else {
            lines.removeLast()  // the empty piece after the final newline
        }
        var records: [JSONValue] = []
        for (index, line) in lines.enumerated() where !line.isEmpty {
            let number = index + 1
            guard let record = try? JSONValue.parseLocated(Data(line)), record.objectValue != nil else {
                return ImpactLogFile(records: [], problem: "\(name):\(number) is not a JSON object: not an impact log this portfolio can read "
                                     + "(restore the file from git, or run 'scaffold validate')")
            }
            let schema = record["schema"]?.stringValue ?? "none"
            guard schemas.contains(schema) else {
                return ImpactLogFile(records: [], problem: "\(name):\(number) has schema '\(Diagnostics.printable(schema))', not impact-log/1 or /2: "
                                     + "a foreign log is not shown (point scaffold.json's impact.log at an impact log)")
            }
            records.append(record)
        }
        return ImpactLogFile(records: records, problem: problem)
    }
}

extension PortfolioRun {
    /// One run per evaluation run id that has a candidate with a comparison, oldest first.
    static func runs(from records: [JSONValue]) -> [PortfolioRun] {
        var order: [String] = []
        var byRun: [String: [JSONValue]] = [:]
        for record in records {
            guard let run = record["run"]?.stringValue else { continue }
            if byRun[run] == nil { order.append(run) }
            byRun[run, default: []].append(record)
        }
        return order.compactMap { id -> PortfolioRun? in
            let group = byRun[id] ?? []
            guard let candidate = group.last(where: { $0["role"]?.stringValue == "candidate" }),
                  let comparison = candidate["comparison"], comparison.objectValue != nil,
                  let metric = comparison["metric"]?.stringValue ?? candidate["primary_metric"]?.stringValue,
                  let system = candidate["system"]?.stringValue else { return nil }
            let estimate = candidate["metrics"]?[metric]
            var previous: PortfolioPreviousBest?
            if let best = candidate["previous_best"], best.objectValue != nil {
                previous = PortfolioPreviousBest(
                    system: best["system"]?.stringValue ?? "?", run: best["run"]?.stringValue ?? "?",
                    delta: best["delta"]?.number, interval: .init(best["ci95"]),
                    improved: best["improved"]?.boolValue ?? false, regressed: best["regressed"]?.boolValue ?? false)
            }
            return PortfolioRun(
                run: id, timestamp: candidate["timestamp"]?.stringValue ?? "",
                task: candidate["task"]?.stringValue ?? "",
                testFingerprint: candidate["data"]?["test_fingerprint"]?.stringValue ?? "",
                system: system, metric: metric,
                greaterIsBetter: candidate["greater_is_better"]?.boolValue ?? true,
                value: estimate?["value"]?.number ?? comparison["candidate"]?.number,
                interval: .init(estimate?["ci95"]),
                baselineSystem: comparison["baseline_system"]?.stringValue ?? "baseline",
                baselineValue: comparison["baseline"]?.number,
                baselineCount: max(1, group.filter { $0["role"]?.stringValue == "baseline" }.count),
                delta: comparison["delta"]?.number, deltaInterval: .init(comparison["ci95"]),
                improved: comparison["improved"]?.boolValue ?? false,
                units: candidate["bootstrap"]?["units"]?.intValue ?? 0,
                testEvaluations: candidate["test_evaluations"]?.intValue ?? 0,
                commit: candidate["git"]?["commit"]?.stringValue, dirty: candidate["git"]?["dirty"]?.boolValue,
                example: candidate["data"]?["example"]?.boolValue, previousBest: previous)
        }
    }
}

extension PortfolioInterval {
    init(_ json: JSONValue?) {
        let items = json?.arrayValue ?? []
        self.init(low: items.first?.number, high: items.count > 1 ? items[1].number : nil)
    }
}

extension JSONValue {
    /// A finite number (integer or not), else nil.
    var number: Double? {
        switch self {
        case .int(let value): Double(value)
        case .double(let value): value.isFinite ? value : nil
        default: nil
        }
    }
}
