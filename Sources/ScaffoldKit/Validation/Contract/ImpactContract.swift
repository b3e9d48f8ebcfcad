import Foundation

/// `scaffold.json` (the `ScaffoldFile` model) as read for validation: the
/// declared hooks, and every problem with the file (for CON002), each with
/// the line of the key at fault where it can be found.
public struct ImpactContract: Sendable {
    /// What reading scaffold.json gave.
    public enum State: Sendable {
        /// No scaffold.json: every hook is missing.
        case absent
        /// scaffold.json exists but cannot be used (not a regular file, too
        /// large, not JSON, not an object), with where (line and column of a
        /// JSON syntax error).
        case unreadable(String, RuleResult.Location)
        case loaded(ImpactContract)
    }

    /// A problem with the contract, with the line of the key at fault.
    public struct Problem: Sendable, Equatable {
        public var message: String
        public var line: Int?
    }

    public static let fileName = ScaffoldFile.fileName
    public static let sizeLimit = ScaffoldFile.sizeLimit
    static let topKeys = ScaffoldFile.topKeys
    static let impactKeys = ScaffoldFile.Impact.keys
    static let blueprintKeys = ScaffoldFile.blueprintKeys
    static let validateKeys = ScaffoldFile.validateKeys

    public var impact: [String: JSONValue] = [:]
    public var hasImpact = false
    public var blueprintName: String?
    public var blueprintVersion: String?
    public var answers: [String: JSONValue] = [:]
    public var selection = RuleSelection()
    public var problems: [Problem] = []

    /// The model of what was read (well-typed values only).
    public var file: ScaffoldFile {
        ScaffoldFile(
            blueprint: blueprintName.map { ScaffoldFile.BlueprintInfo(name: $0, version: blueprintVersion ?? "", answers: answers) },
            impact: hasImpact ? ScaffoldFile.Impact(members: impact) : nil, select: selection.select, ignore: selection.ignore)
    }

    public var pipeline: String? { command("pipeline") }
    public var evaluate: String? { command("evaluate") }
    public var report: String? { command("report") }
    public var log: String? { command("log") }
    public var primaryMetric: String? { command("primary_metric") }
    public var baseline: String? { command("baseline") }
    public var greaterIsBetter: Bool? { impact["greater_is_better"]?.boolValue }

    /// A non-empty string value of `impact`.
    public func command(_ key: String) -> String? {
        guard let value = impact[key]?.stringValue?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty
        else { return nil }
        return value
    }

    /// Why a declared key is unusable ("is a number, not a string"), or nil
    /// when it is absent or fine.
    public func invalidity(_ key: String) -> String? {
        guard let value = impact[key] else { return nil }
        if key == "greater_is_better" { return value.boolValue == nil ? "is \(value.typeName), not true or false" : nil }
        if case .string(let text) = value {
            return text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? "is empty" : nil
        }
        return "is \(value.typeName), not a string"
    }

    static let here = RuleResult.Location(fileName)

    /// Reads scaffold.json at the project root (a link is not followed).
    public static func load(_ access: ProjectAccess) -> State {
        switch access.kind(fileName) {
        case .missing: return .absent
        case .file: break
        case .symlink: return .unreadable("\(fileName) is a symbolic link; scaffold reads only the regular file at the project root", here)
        case .directory: return .unreadable("\(fileName) is a directory", here)
        case .other: return .unreadable("\(fileName) is a special file (FIFO, socket or device)", here)
        }
        if let size = access.size(fileName), size > UInt64(sizeLimit) {
            return .unreadable("\(fileName) is \(ProjectScanner.describe(size)), more than a contract can be (1 MB at most)", here)
        }
        guard let data = access.read(fileName, limit: sizeLimit) else {
            return .unreadable("\(fileName) cannot be read", here)
        }
        return parse(data)
    }

    /// Parses the contract text.
    public static func parse(_ data: Data) -> State {
        let json: JSONValue
        do { json = try JSONValue.parseLocated(data) } catch {
            return .unreadable("\(fileName):\(error.line):\(error.column): invalid JSON: \(error.message)",
                               RuleResult.Location(fileName, line: error.line, column: error.column))
        }
        guard case .object(let root) = json else {
            return .unreadable("\(fileName) must hold a JSON object, not \(json.typeName)", here)
        }
        let text = String(decoding: data, as: UTF8.self)
        var contract = ImpactContract()
        var problems: [Problem] = []
        func problem(_ message: String, key: String, after parent: String? = nil) {
            problems.append(Problem(message: message, line: lineOf(key: key, after: parent, in: text)))
        }
        func unknownKeys(_ object: [String: JSONValue], known: [String], prefix: String, parent: String?) {
            for key in object.keys.sorted() where !known.contains(key) {
                let hint = Suggestion.closest(to: key, in: known).map { " (did you mean '\($0)'?)" } ?? ""
                problem("unknown key '\(prefix)\(key)'\(hint)", key: key, after: parent)
            }
        }
        unknownKeys(root, known: topKeys, prefix: "", parent: nil)

        switch root["impact"] {
        case nil:
            problem("no \"impact\" object: the contract must declare the project's hooks", key: "impact")
        case .object(let impact)?:
            contract.hasImpact = true
            contract.impact = impact
            unknownKeys(impact, known: impactKeys, prefix: "impact.", parent: "impact")
            for key in impactKeys {
                if let why = contract.invalidity(key) { problem("impact.\(key) \(why)", key: key, after: "impact") }
            }
        case let other?:
            problem("\"impact\" must be an object, not \(other.typeName)", key: "impact")
        }

        switch root["blueprint"] {
        case nil: break
        case .object(let blueprint)?:
            unknownKeys(blueprint, known: blueprintKeys, prefix: "blueprint.", parent: "blueprint")
            for key in ["name", "version"] {
                if let value = blueprint[key], value.stringValue == nil {
                    problem("blueprint.\(key) must be a string, not \(value.typeName)", key: key, after: "blueprint")
                }
            }
            if let answers = blueprint["answers"], answers.objectValue == nil {
                problem("blueprint.answers must be an object, not \(answers.typeName)", key: "answers", after: "blueprint")
            }
            contract.blueprintName = blueprint["name"]?.stringValue
            contract.blueprintVersion = blueprint["version"]?.stringValue
            contract.answers = blueprint["answers"]?.objectValue ?? [:]
        case let other?:
            problem("\"blueprint\" must be an object, not \(other.typeName)", key: "blueprint")
        }

        switch root["validate"] {
        case nil: break
        case .object(let validate)?:
            unknownKeys(validate, known: validateKeys, prefix: "validate.", parent: "validate")
            for key in validateKeys {
                guard let value = validate[key] else { continue }
                guard let items = value.arrayValue, items.allSatisfy({ $0.stringValue != nil }) else {
                    problem("validate.\(key) must be an array of rule IDs or family prefixes", key: key, after: "validate")
                    continue
                }
                var accepted: [String] = []
                for item in items.compactMap(\.stringValue) {
                    if RuleSelection.isKnown(item) {
                        accepted.append(item)
                    } else {
                        let hint = RuleSelection.suggestion(for: item).map { " (did you mean '\($0)'?)" } ?? ""
                        problem("validate.\(key): '\(item)' names no rule\(hint)", key: key, after: "validate")
                    }
                }
                if key == "select" { contract.selection.select = accepted } else { contract.selection.ignore = accepted }
            }
        case let other?:
            problem("\"validate\" must be an object, not \(other.typeName)", key: "validate")
        }
        contract.problems = problems
        return .loaded(contract)
    }

    /// The line of `"key":` in the text (after `"parent":` when given), or nil.
    static func lineOf(key: String, after parent: String?, in text: String) -> Int? {
        let utf8 = Array(text.utf8)
        func find(_ key: String, from start: Int) -> Int? {
            let needle = Array(JSONValue.quote(key).utf8)
            guard needle.count <= utf8.count else { return nil }
            var index = start
            while index + needle.count <= utf8.count {
                if utf8[index] == needle[0], Array(utf8[index..<(index + needle.count)]) == needle {
                    var next = index + needle.count
                    while next < utf8.count, utf8[next] == 0x20 || utf8[next] == 0x09 || utf8[next] == 0x0A || utf8[next] == 0x0D {
                        next += 1
                    }
                    if next < utf8.count, utf8[next] == UInt8(ascii: ":") { return index }
                }
                index += 1
            }
            return nil
        }
        var start = 0
        if let parent, let parentIndex = find(parent, from: 0) { start = parentIndex }
        guard let index = find(key, from: start) else { return nil }
        return utf8[..<index].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
    }
}
