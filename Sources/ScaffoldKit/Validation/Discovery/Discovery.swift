import Foundation

/// What a project has that could serve as impact hooks, found by reading the
/// few files that can say (within a byte budget), each finding naming what it
/// matched and where (file:line): DVC stages, metrics, params and plots;
/// dvclive; MLflow calls, autolog and MLproject entry points; W&B; TensorBoard;
/// Hydra/OmegaConf configs; Makefile, justfile, tox, nox and pyproject
/// targets; Python files that can actually run; notebooks; metrics files.
/// Validate quotes it in failures; `scaffold adopt` builds a contract from it.
public struct Discovery: Sendable {
    /// What a finding is evidence of.
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        case pipeline, evaluation, training, report, metrics, tracker, entryPoint, notebook, baseline, config
    }

    /// One thing found.
    public struct Finding: Sendable, Equatable {
        public var kind: Kind
        public var path: String
        public var line: Int?
        /// What matched: "DVC stage 'evaluate'", "mlflow.log_metric('rmse')", …
        public var matched: String
        /// A command that runs it (shell-quoted), when there is one.
        public var command: String?

        public var place: String { line.map { "\(path):\($0)" } ?? path }
        public var description: String { "\(place) \(matched)" }
    }

    /// A metric name seen in code or a metrics file, with its direction from
    /// `MetricDirection` (nil: unknown, for the user to declare).
    public struct Metric: Sendable, Equatable {
        public var name: String
        public var place: String
        public var greaterIsBetter: Bool?
    }

    public var findings: [Finding] = []
    public var metrics: [Metric] = []
    /// Candidate files whose contents were read, and the bytes read.
    public var filesRead = 0
    public var bytesRead = 0
    /// Candidate files left unread because the byte budget ran out.
    public var filesUnread = 0
    /// Metrics files a dvc.yaml names (read even when not named like one).
    var declaredMetricsFiles: [String] = []

    public init() {}

    public func of(_ kind: Kind) -> [Finding] { findings.filter { $0.kind == kind } }

    /// Metric names, best candidates for the primary metric first.
    public var metricNames: [String] { metrics.map(\.name) }

    mutating func add(_ kind: Kind, _ path: String, line: Int? = nil, _ matched: String, command: String? = nil) {
        let finding = Finding(kind: kind, path: path, line: line, matched: matched, command: command)
        if !findings.contains(finding) { findings.append(finding) }
    }

    mutating func addMetric(_ name: String, at place: String) {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.count <= 64, !metrics.contains(where: { $0.name == trimmed }) else { return }
        metrics.append(Metric(name: trimmed, place: place, greaterIsBetter: MetricDirection.greaterIsBetter(trimmed)))
    }

    /// Everything found, one phrase each, for "found instead: …" (uncapped; callers cap).
    public var summary: [String] {
        var out: [String] = []
        let order: [Kind] = [.tracker, .pipeline, .evaluation, .training, .report, .metrics, .entryPoint, .notebook]
        for kind in order {
            let items = of(kind)
            if kind == .notebook, items.count > 3 {
                out.append("\(items.count) notebooks (\(items.prefix(3).map(\.path).joined(separator: ", ")) and \(items.count - 3) more)")
                continue
            }
            out += items.map(\.description)
        }
        // What cannot run is said last.
        let notRunnable = out.filter { $0.hasSuffix("(not runnable as a script)") }
        out = out.filter { !$0.hasSuffix("(not runnable as a script)") } + notRunnable
        var seen = Set<String>()
        return out.filter { seen.insert($0).inserted }
    }
}
