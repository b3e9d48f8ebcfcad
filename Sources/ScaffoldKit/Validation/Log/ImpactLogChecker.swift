import Foundation

/// Checks impact-log/1 records by hand, field by field, with messages that
/// name the field; and reads a whole log line by line into a `LogAnalysis`.
///
/// impact-log/1, one JSON object per line. Required: `schema` "impact-log/1";
/// `id` non-empty string; `timestamp` UTC RFC 3339 (`Z` or `+00:00`); `git`
/// {`commit` 40 hex or null, `dirty` bool or null}; `data` {`fingerprint`
/// "sha256:" + 64 hex, optional `test_fingerprint` (same form), optional `rows`
/// {split: integer ≥ 0}, any other key a row count, integer ≥ 0}; `params`
/// object; `seed` integer or null; `role` "baseline" | "candidate"; `system`
/// non-empty string; `metrics` non-empty {name: {`value` number or null,
/// `ci95` [low, high]}}; `primary_metric` a key of metrics; `greater_is_better`
/// bool; `comparison` null for a baseline, for a candidate {`baseline_id`
/// string, `baseline` and `candidate` (system names, or the two metric values:
/// number or null), `delta` number or null, `ci95` [low, high], `improved`
/// bool, optional `metric` and `baseline_system` strings};
/// `test_evaluations` integer ≥ 1. Optional: `run` non-empty string, `task`
/// string, `bootstrap` {`resamples`, `units` integers ≥ 1, `method` string,
/// `paired` bool}. No other fields. An interval is two numbers (null where
/// undefined) with low ≤ high.
///
/// Both shapes accepted are the issue's and the one ml-base's harness writes
/// (its impact/impact-log.schema.json).
public enum ImpactLogChecker {
    public static let schema = "impact-log/1"
    /// Every schema accepted: /2 is a superset of /1 (see README "Impact log schema").
    public static let schemas = ["impact-log/1", "impact-log/2"]
    /// Fields impact-log/2 adds (checked for their type; their contents are the evidence rules' concern).
    static let version2Fields: [String: String] = [
        "seeds": "object", "seed_dependent": "bool", "comparisons": "array", "previous_best": "object?",
        "predictions": "object?", "params_source": "object", "config": "string", "environment": "object",
        "costs": "object", "checkpoint": "object?",
    ]
    static let version2DataFields = ["validation_fingerprint", "raw_fingerprint", "example", "source", "leakage"]
    public static let fields = [
        "schema", "id", "timestamp", "git", "data", "params", "seed", "role", "system", "metrics", "primary_metric",
        "greater_is_better", "comparison", "test_evaluations",
    ]
    /// Fields a record may carry beyond the required ones.
    public static let optionalFields = ["run", "task", "bootstrap"]
    static let comparisonFields = ["baseline_id", "baseline", "candidate", "delta", "ci95", "improved"]
    static let optionalComparisonFields = ["metric", "baseline_system", "strongest"]

    /// Every problem of one record against impact-log/1 (empty when it matches).
    public static func problems(in value: JSONValue) -> [String] {
        guard case .object(let record) = value else { return ["not a JSON object but \(value.typeName)"] }
        var problems: [String] = []
        for key in fields where record[key] == nil { problems.append("missing field '\(key)'") }
        let version2 = record["schema"]?.stringValue == "impact-log/2"
        for key in record.keys.sorted() where !fields.contains(key) && !optionalFields.contains(key) && !(version2 && version2Fields[key] != nil) {
            let hint = Suggestion.closest(to: key, in: fields + optionalFields).map { " (did you mean '\($0)'?)" } ?? ""
            problems.append("unknown field '\(key)'\(hint)")
        }
        func expect(_ key: String, _ what: String, _ ok: (JSONValue) -> Bool) {
            if let value = record[key], !ok(value) { problems.append("field '\(key)' must be \(what), found \(describe(value))") }
        }
        expect("schema", "\"impact-log/1\" or \"impact-log/2\"") { schemas.contains($0.stringValue ?? "") }
        if version2 {
            for (key, type) in version2Fields.sorted(by: { $0.key < $1.key }) {
                guard let value = record[key] else { continue }
                let ok = switch type {
                case "object": value.objectValue != nil || (value == .null && key != "predictions")
                case "object?": value.objectValue != nil || value == .null
                case "array": value.arrayValue != nil || value == .null
                case "bool": value.boolValue != nil
                default: value.stringValue != nil
                }
                if !ok { problems.append("field '\(key)' must be \(type.hasPrefix("object") ? "an object" : type == "array" ? "an array" : type == "bool" ? "true or false" : "a string") (or null), found \(describe(value))") }
            }
        }
        expect("id", "a non-empty string") { !($0.stringValue ?? "").isEmpty }
        expect("timestamp", "a UTC RFC 3339 time such as \"2025-01-31T12:00:00Z\"") { isUTCTimestamp($0.stringValue ?? "") }
        if let git = record["git"] {
            if case .object(let members) = git {
                checkKeys(members, known: ["commit", "dirty"], field: "git", into: &problems)
                if let commit = members["commit"], commit != .null, !isHex(commit.stringValue ?? "", count: 40) {
                    problems.append("field 'git.commit' must be a 40-character hex commit or null, found \(describe(commit))")
                }
                if let dirty = members["dirty"], dirty != .null, dirty.boolValue == nil {
                    problems.append("field 'git.dirty' must be true or false, found \(describe(dirty))")
                }
            } else {
                problems.append("field 'git' must be an object {commit, dirty}, found \(describe(git))")
            }
        }
        if let data = record["data"] {
            if case .object(let members) = data {
                if let fingerprint = members["fingerprint"] {
                    let text = fingerprint.stringValue ?? ""
                    if !(text.hasPrefix("sha256:") && isHex(String(text.dropFirst(7)), count: 64)) {
                        problems.append("field 'data.fingerprint' must be \"sha256:\" and 64 hex digits, found \(describe(fingerprint))")
                    }
                } else {
                    problems.append("missing field 'data.fingerprint'")
                }
                if let test = members["test_fingerprint"] {
                    let text = test.stringValue ?? ""
                    if !(text.hasPrefix("sha256:") && isHex(String(text.dropFirst(7)), count: 64)) {
                        problems.append("field 'data.test_fingerprint' must be \"sha256:\" and 64 hex digits, found \(describe(test))")
                    }
                }
                for (key, count) in members.sorted(by: { $0.key < $1.key }) where key != "fingerprint" && key != "test_fingerprint" && !(version2 && version2DataFields.contains(key)) {
                    if key == "rows", case .object(let rows) = count {
                        for (split, rowCount) in rows.sorted(by: { $0.key < $1.key }) where (rowCount.intValue ?? -1) < 0 {
                            problems.append("field 'data.rows.\(split)' must be a row count (an integer ≥ 0), found \(describe(rowCount))")
                        }
                    } else if (count.intValue ?? -1) < 0 {
                        problems.append("field 'data.\(key)' must be a row count (an integer ≥ 0), found \(describe(count))")
                    }
                }
            } else {
                problems.append("field 'data' must be an object {fingerprint, row counts}, found \(describe(data))")
            }
        }
        expect("params", "an object") { $0.objectValue != nil }
        expect("seed", "an integer or null") { $0 == .null || $0.intValue != nil }
        expect("role", "\"baseline\" or \"candidate\"") { $0.stringValue == "baseline" || $0.stringValue == "candidate" }
        expect("system", "a non-empty string") { !($0.stringValue ?? "").isEmpty }
        if let metrics = record["metrics"] {
            if case .object(let members) = metrics, !members.isEmpty {
                for (name, metric) in members.sorted(by: { $0.key < $1.key }) {
                    guard case .object(let entry) = metric else {
                        problems.append("field 'metrics.\(name)' must be an object {value, ci95}, found \(describe(metric))")
                        continue
                    }
                    checkKeys(entry, known: ["value", "ci95"], field: "metrics.\(name)", into: &problems)
                    if let value = entry["value"], value != .null, number(value) == nil {
                        problems.append("field 'metrics.\(name).value' must be a number (or null when undefined), found \(describe(value))")
                    }
                    if let interval = entry["ci95"], let problem = intervalProblem(interval) {
                        problems.append("field 'metrics.\(name).ci95' \(problem)")
                    }
                }
            } else {
                problems.append("field 'metrics' must be a non-empty object {name: {value, ci95}}, found \(describe(metrics))")
            }
        }
        if let primary = record["primary_metric"] {
            if let name = primary.stringValue, !name.isEmpty {
                if let metrics = record["metrics"]?.objectValue, !metrics.isEmpty, metrics[name] == nil {
                    problems.append("field 'primary_metric' names '\(name)', which is not in metrics")
                }
            } else {
                problems.append("field 'primary_metric' must be a non-empty string, found \(describe(primary))")
            }
        }
        expect("greater_is_better", "true or false") { $0.boolValue != nil }
        if let comparison = record["comparison"] {
            let role = record["role"]?.stringValue
            switch comparison {
            case .null:
                if role == "candidate" {
                    problems.append("field 'comparison' must be an object for a candidate, found null")
                }
            case .object(let members):
                if role == "baseline" {
                    problems.append("field 'comparison' must be null for a baseline, found an object")
                }
                checkKeys(members, known: comparisonFields, optional: optionalComparisonFields, field: "comparison", into: &problems)
                for key in ["baseline_id", "metric", "baseline_system"] {
                    if let value = members[key], (value.stringValue ?? "").isEmpty {
                        problems.append("field 'comparison.\(key)' must be a non-empty string, found \(describe(value))")
                    }
                }
                for key in ["baseline", "candidate"] {
                    guard let value = members[key] else { continue }
                    let ok = value == .null || number(value) != nil || !(value.stringValue ?? "").isEmpty
                    if !ok {
                        problems.append("field 'comparison.\(key)' must be a system name or its metric value (a number or null), found \(describe(value))")
                    }
                }
                if let delta = members["delta"], delta != .null, number(delta) == nil {
                    problems.append("field 'comparison.delta' must be a number (or null when undefined), found \(describe(delta))")
                }
                if let interval = members["ci95"], let problem = intervalProblem(interval) {
                    problems.append("field 'comparison.ci95' \(problem)")
                }
                if let improved = members["improved"], improved.boolValue == nil {
                    problems.append("field 'comparison.improved' must be true or false, found \(describe(improved))")
                }
            default:
                problems.append("field 'comparison' must be an object (candidate) or null (baseline), found \(describe(comparison))")
            }
        }
        expect("test_evaluations", "an integer ≥ 1") { ($0.intValue ?? 0) >= 1 }
        expect("run", "a non-empty string") { !($0.stringValue ?? "").isEmpty }
        expect("task", "a string") { $0.stringValue != nil }
        if let bootstrap = record["bootstrap"] {
            if case .object(let members) = bootstrap {
                checkKeys(members, known: ["resamples", "units", "method", "paired"], field: "bootstrap", into: &problems)
                for key in ["resamples", "units"] {
                    if let value = members[key], (value.intValue ?? 0) < 1 {
                        problems.append("field 'bootstrap.\(key)' must be an integer ≥ 1, found \(describe(value))")
                    }
                }
                if let method = members["method"], (method.stringValue ?? "").isEmpty {
                    problems.append("field 'bootstrap.method' must be a non-empty string, found \(describe(method))")
                }
                if let paired = members["paired"], paired.boolValue == nil {
                    problems.append("field 'bootstrap.paired' must be true or false, found \(describe(paired))")
                }
            } else {
                problems.append("field 'bootstrap' must be an object {resamples, units, method, paired}, found \(describe(bootstrap))")
            }
        }
        return problems
    }

    /// Reads the log at `relative` line by line.
    public static func analyse(_ access: ProjectAccess, log relative: String, from offset: UInt64 = 0, firstLine: Int = 1) -> LogAnalysis {
        var analysis = LogAnalysis(path: relative)
        analysis.size = access.size(relative) ?? 0
        var reader = LogLineReader(fileSystem: access.fileSystem, path: access.absolute(relative))
        reader.maxBytes = 256 << 20
        var firstLineOf: [String: Int] = [:]
        var last: LogLineReader.Line?
        let summary: LogLineReader.Summary
        do {
            summary = try reader.forEachLine(from: offset, firstLine: firstLine) { line in
                last = line
                guard line.terminated else { return }  // judged below, once we know it is the last
                check(line, into: &analysis, ids: &firstLineOf)
            }
        } catch {
            analysis.problems.append(LogAnalysis.LineProblem(line: 0, message: "cannot be read (\(error.reason))"))
            return analysis
        }
        analysis.lineCount = summary.lines
        if summary.stopped {
            analysis.stoppedAfter = summary.bytesRead
            analysis.ending = .complete
            if let last, !last.terminated { check(last, into: &analysis, ids: &firstLineOf) }
            return analysis
        }
        guard let last else {
            analysis.ending = .empty
            return analysis
        }
        if last.terminated {
            analysis.ending = .complete
        } else if !last.overlong, case .object? = try? JSONValue.parse(Data(last.bytes)) {
            analysis.ending = .noTrailingNewline(line: last.number)
            check(last, into: &analysis, ids: &firstLineOf)
        } else {
            analysis.ending = .cut(line: last.number, bytes: last.length)
        }
        return analysis
    }

    private static func check(_ line: LogLineReader.Line, into analysis: inout LogAnalysis, ids: inout [String: Int]) {
        func problem(_ message: String) { analysis.problems.append(LogAnalysis.LineProblem(line: line.number, message: message)) }
        if line.overlong {
            problem("line is \(ProjectScanner.describe(UInt64(line.length))) long, over the 1 MB a record may take")
            return
        }
        if line.bytes.isEmpty || line.bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) {
            problem("empty line (every line must be one record)")
            return
        }
        guard String(validating: line.bytes, as: UTF8.self) != nil else {
            problem("not valid UTF-8")
            return
        }
        let value: JSONValue
        do { value = try JSONValue.parseLocated(Data(line.bytes)) } catch {
            problem("not valid JSON: \(error)")
            return
        }
        guard case .object(let fields) = value else {
            problem("not a JSON object but \(value.typeName)")
            return
        }
        let found = problems(in: value)
        for message in found { problem(message) }
        if let id = fields["id"]?.stringValue, !id.isEmpty {
            if let earlier = ids[id] {
                problem("id '\(id)' repeats the id of line \(earlier)")
            } else {
                ids[id] = line.number
            }
        }
        analysis.records.append(LogAnalysis.Record(line: line.number, fields: fields, valid: found.isEmpty))
    }

    static func checkKeys(
        _ object: [String: JSONValue], known: [String], optional: [String] = [], field: String, into problems: inout [String]
    ) {
        for key in known where object[key] == nil { problems.append("missing field '\(field).\(key)'") }
        for key in object.keys.sorted() where !known.contains(key) && !optional.contains(key) {
            let hint = Suggestion.closest(to: key, in: known + optional).map { " (did you mean '\($0)'?)" } ?? ""
            problems.append("unknown field '\(field).\(key)'\(hint)")
        }
    }

    /// Why a value is not `[low, high]` with low ≤ high, or nil.
    static func intervalProblem(_ value: JSONValue) -> String? {
        guard let items = value.arrayValue, items.count == 2,
              items.allSatisfy({ $0 == .null || number($0) != nil })
        else {
            return "must be [low, high], two numbers (null where undefined), found \(describe(value))"
        }
        guard let low = number(items[0]), let high = number(items[1]) else { return nil }
        return low <= high ? nil : "must be [low, high] with low ≤ high, found [\(low), \(high)]"
    }

    static func number(_ value: JSONValue) -> Double? {
        switch value {
        case .int(let number): Double(number)
        case .double(let number): number
        default: nil
        }
    }

    static func isHex(_ text: String, count: Int) -> Bool {
        text.utf8.count == count && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) || (0x41...0x46).contains($0) }
    }

    /// `YYYY-MM-DDTHH:MM:SS[.fraction](Z|+00:00)`, with real calendar values.
    public static func isUTCTimestamp(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20 else { return false }
        func digits(_ start: Int, _ count: Int) -> Int? {
            guard start + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[start..<(start + count)] {
                guard (0x30...0x39).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard let year = digits(0, 4), bytes[4] == UInt8(ascii: "-"), let month = digits(5, 2), bytes[7] == UInt8(ascii: "-"),
              let day = digits(8, 2), bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t"),
              let hour = digits(11, 2), bytes[13] == UInt8(ascii: ":"), let minute = digits(14, 2),
              bytes[16] == UInt8(ascii: ":"), let second = digits(17, 2)
        else { return false }
        var index = 19
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            let start = index
            while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1 }
            if index == start { return false }
        }
        let zone = String(decoding: bytes[index...], as: UTF8.self)
        guard zone == "Z" || zone == "z" || zone == "+00:00" else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return (1...12).contains(month) && day >= 1 && day <= days[month - 1] && hour < 24 && minute < 60 && second <= 60
    }

    /// A short description of a found value: its text if short, else its type.
    static func describe(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): text.count <= 40 ? JSONValue.quote(text) : "a string of \(text.count) characters"
        case .int(let number): String(number)
        case .double(let number): String(number)
        case .bool(let flag): flag ? "true" : "false"
        default: value.typeName
        }
    }
}
