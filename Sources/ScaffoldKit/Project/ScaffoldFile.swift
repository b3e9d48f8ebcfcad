import Foundation

/// The model of `scaffold.json`, the one type both the planner (which writes
/// it for a generated project), `scaffold adopt` (which writes it for an
/// existing one) and `scaffold validate` (which reads it) use:
///
///     {"blueprint": {"name", "version", "answers", "source", "commit"},  (absent for hand-made and adopted projects)
///      "impact": {"pipeline", "evaluate", "report", "log",
///                 "primary_metric", "greater_is_better", "baseline"},
///      "validate": {"select": [...], "ignore": [...]}}  (optional)
///
/// Reading it with every problem named (for CON002) is `ImpactContract`'s job;
/// this type holds the keys, the values, and the one way they are written.
public struct ScaffoldFile: Sendable, Equatable {
    public static let fileName = "scaffold.json"
    /// Largest scaffold.json validate reads.
    public static let sizeLimit = 1 << 20
    public static let topKeys = ["blueprint", "impact", "validate"]
    public static let blueprintKeys = ["name", "version", "answers", "source", "commit"]
    public static let validateKeys = ["select", "ignore"]

    /// Which blueprint generated the project, with the answers it was given.
    public struct BlueprintInfo: Sendable, Equatable {
        public var name: String
        public var version: String
        public var answers: [String: JSONValue]
        /// Where it came from (`built-in`, a directory, `git+URL`) and the resolved git commit, when known.
        public var source: String?
        public var commit: String?

        public init(name: String, version: String, answers: [String: JSONValue], source: String? = nil, commit: String? = nil) {
            self.name = name
            self.version = version
            self.answers = answers
            self.source = source
            self.commit = commit
        }

        public var json: JSONValue {
            var members: [String: JSONValue] = ["name": .string(name), "version": .string(version), "answers": .object(answers)]
            if let source { members["source"] = .string(source) }
            if let commit { members["commit"] = .string(commit) }
            return .object(members)
        }
    }

    /// The impact contract: the project's hooks and what counts as better.
    public struct Impact: Sendable, Equatable {
        /// Every key, in the order people read them.
        public static let keys = ["pipeline", "evaluate", "report", "log", "primary_metric", "greater_is_better", "baseline"]
        /// Keys whose value is a shell command.
        public static let commandKeys = ["pipeline", "evaluate", "report"]

        public var pipeline: String?
        public var evaluate: String?
        public var report: String?
        public var log: String?
        public var primaryMetric: String?
        /// nil: not declared (adopt leaves it out when the direction of a metric is unknown).
        public var greaterIsBetter: Bool?
        public var baseline: String?

        public init(
            pipeline: String? = nil, evaluate: String? = nil, report: String? = nil, log: String? = nil,
            primaryMetric: String? = nil, greaterIsBetter: Bool? = nil, baseline: String? = nil
        ) {
            self.pipeline = pipeline
            self.evaluate = evaluate
            self.report = report
            self.log = log
            self.primaryMetric = primaryMetric
            self.greaterIsBetter = greaterIsBetter
            self.baseline = baseline
        }

        /// The well-typed, non-empty values of an "impact" object (others are left out;
        /// `ImpactContract` names them as problems).
        public init(members: [String: JSONValue]) {
            func text(_ key: String) -> String? {
                guard let value = members[key]?.stringValue?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty
                else { return nil }
                return value
            }
            self.init(
                pipeline: text("pipeline"), evaluate: text("evaluate"), report: text("report"), log: text("log"),
                primaryMetric: text("primary_metric"), greaterIsBetter: members["greater_is_better"]?.boolValue,
                baseline: text("baseline"))
        }

        /// The string value of a key (nil for greater_is_better and unknown keys).
        public func value(_ key: String) -> String? {
            switch key {
            case "pipeline": pipeline
            case "evaluate": evaluate
            case "report": report
            case "log": log
            case "primary_metric": primaryMetric
            case "baseline": baseline
            default: nil
            }
        }

        public var json: JSONValue {
            var members: [String: JSONValue] = [:]
            for key in Self.keys {
                if let value = value(key) { members[key] = .string(value) }
            }
            if let greaterIsBetter { members["greater_is_better"] = .bool(greaterIsBetter) }
            return .object(members)
        }
    }

    public var blueprint: BlueprintInfo?
    public var impact: Impact?
    /// Rule selection (`validate.select` / `validate.ignore`).
    public var select: [String] = []
    public var ignore: [String] = []

    public init(blueprint: BlueprintInfo? = nil, impact: Impact? = nil, select: [String] = [], ignore: [String] = []) {
        self.blueprint = blueprint
        self.impact = impact
        self.select = select
        self.ignore = ignore
    }

    public var json: JSONValue {
        var root: [String: JSONValue] = [:]
        if let blueprint {
            root["blueprint"] = blueprint.json
        }
        if let impact { root["impact"] = impact.json }
        if !select.isEmpty || !ignore.isEmpty {
            var validate: [String: JSONValue] = [:]
            if !select.isEmpty { validate["select"] = .array(select.map(JSONValue.string)) }
            if !ignore.isEmpty { validate["ignore"] = .array(ignore.map(JSONValue.string)) }
            root["validate"] = .object(validate)
        }
        return .object(root)
    }

    /// The file's bytes: pretty-printed, keys sorted, a final newline.
    public var contents: Data { Data(json.prettyPrinted().utf8) }
}
