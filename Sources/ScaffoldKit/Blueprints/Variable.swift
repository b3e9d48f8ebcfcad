import Foundation

/// One question a blueprint asks, declared in `blueprint.json` `variables`.
public struct Variable: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case string, bool, choice, integer
    }

    public var name: String
    public var kind: Kind
    /// The default: a JSON value of the variable's type, or a string that is a
    /// Mustache template over earlier variables (rendered at generation time).
    public var defaultValue: JSONValue?
    public var choices: [String]
    /// A regular expression the whole answer must match (string variables).
    public var pattern: String?
    /// A named rule: `python-identifier` (valid, non-keyword Python name).
    public var format: String?
    /// Bounds of an integer variable (inclusive).
    public var minimum: Int?
    public var maximum: Int?
    public var help: String

    public init(
        name: String, kind: Kind = .string, defaultValue: JSONValue? = nil, choices: [String] = [],
        pattern: String? = nil, format: String? = nil, minimum: Int? = nil, maximum: Int? = nil, help: String = ""
    ) {
        self.name = name
        self.kind = kind
        self.defaultValue = defaultValue
        self.choices = choices
        self.pattern = pattern
        self.format = format
        self.minimum = minimum
        self.maximum = maximum
        self.help = help
    }

    /// The formats `format` accepts.
    public static let formats = ["python-identifier"]
}

/// An answer to a variable, typed by the variable's kind.
public enum AnswerValue: Sendable, Equatable, CustomStringConvertible {
    case string(String)
    case bool(Bool)
    case integer(Int)

    public var json: JSONValue {
        switch self {
        case .string(let value): .string(value)
        case .bool(let value): .bool(value)
        case .integer(let value): .int(value)
        }
    }

    public var description: String {
        switch self {
        case .string(let value): value
        case .bool(let value): value ? "true" : "false"
        case .integer(let value): String(value)
        }
    }
}

extension Variable {
    /// Converts and checks an answer typed on the command line or at a prompt.
    /// The error names the variable, the value and the rule it broke.
    public func parse(_ text: String) throws(ScaffoldError) -> AnswerValue {
        switch kind {
        case .bool:
            switch text.lowercased() {
            case "true", "yes", "y", "1", "on": return .bool(true)
            case "false", "no", "n", "0", "off": return .bool(false)
            default:
                throw ScaffoldError(
                    "invalid value '\(text)' for \(name): it is a yes/no variable",
                    fix: "use true or false")
            }
        case .integer:
            guard let value = Int(text.trimmingCharacters(in: .whitespaces)) else {
                throw ScaffoldError("invalid value '\(text)' for \(name): not a whole number", fix: "use digits, e.g. \(minimum ?? 42)")
            }
            try check(.integer(value))
            return .integer(value)
        case .string, .choice:
            let value = AnswerValue.string(text)
            try check(value)
            return value
        }
    }

    /// Converts and checks an answer from an answers file (typed JSON, or a string).
    public func accept(_ json: JSONValue) throws(ScaffoldError) -> AnswerValue {
        switch (kind, json) {
        case (.bool, .bool(let value)): return .bool(value)
        case (.integer, .int(let value)):
            try check(.integer(value))
            return .integer(value)
        case (_, .string(let text)): return try parse(text)
        default:
            throw ScaffoldError(
                "invalid value \(json.compact()) for \(name): expected \(kind == .bool ? "true or false" : kind == .integer ? "a whole number" : "a string")",
                fix: "fix the answers file")
        }
    }

    /// Checks choices, pattern and format.
    public func check(_ value: AnswerValue) throws(ScaffoldError) {
        if case .integer(let number) = value {
            if let minimum, number < minimum {
                throw ScaffoldError("invalid value '\(number)' for \(name): below the minimum \(minimum)", fix: bounds)
            }
            if let maximum, number > maximum {
                throw ScaffoldError("invalid value '\(number)' for \(name): above the maximum \(maximum)", fix: bounds)
            }
        }
        guard case .string(let text) = value else { return }
        if kind == .choice, !choices.contains(text) {
            let hint = Suggestion.closest(to: text, in: choices).map { "did you mean '\($0)'? " } ?? ""
            throw ScaffoldError(
                "invalid value '\(text)' for \(name): not one of \(choices.joined(separator: ", "))",
                fix: "\(hint)pick one of the listed choices")
        }
        if let pattern {
            switch Self.match(text, pattern: pattern) {
            case nil:
                throw ScaffoldError(
                    "blueprint pattern \(pattern) of \(name) took over \(Self.patternTimeout) s to check '\(text.prefix(60))'",
                    fix: "the pattern backtracks without end (like (a+)+b): fix it in blueprint.json")
            case false?:
                throw ScaffoldError(
                    "invalid value '\(text)' for \(name): it must match \(pattern)",
                    fix: help.isEmpty ? "choose a value that matches" : "expected: \(help)")
            case true?:
                break
            }
        }
        if format == "python-identifier" {
            if let problem = PythonName.problem(with: text) {
                throw ScaffoldError(
                    "invalid value '\(text)' for \(name): \(problem)",
                    fix: "use lower-case letters, digits and _, e.g. '\(PythonName.identifier(from: text))'")
            }
        }
    }

    /// The allowed range of an integer variable, in words.
    var bounds: String {
        switch (minimum, maximum) {
        case let (low?, high?): "use a whole number from \(low) to \(high)"
        case let (low?, nil): "use a whole number of at least \(low)"
        case let (nil, high?): "use a whole number of at most \(high)"
        default: "use a whole number"
        }
    }

    /// Longest a pattern may take on one answer, in seconds.
    static let patternTimeout = 1.0

    /// Whether the whole of `text` matches `pattern`, or nil when matching took over
    /// `patternTimeout`. A pattern comes from the blueprint, and one like `(a+)+b` backtracks
    /// for longer than the universe lasts; Swift's Regex cannot be cancelled, so the match
    /// runs on a thread of its own that is abandoned (it ends with the process) when late.
    static func match(_ text: String, pattern: String) -> Bool? {
        final class Outcome: @unchecked Sendable {
            var matched = false
            let done = DispatchSemaphore(value: 0)
        }
        let outcome = Outcome()
        let thread = Thread {
            if let regex = try? Regex(pattern) { outcome.matched = (try? regex.wholeMatch(in: text)) != nil }
            outcome.done.signal()
        }
        thread.start()
        guard outcome.done.wait(timeout: .now() + patternTimeout) == .success else { return nil }
        return outcome.matched
    }

    /// Whether `pattern` is a regular expression scaffold can use.
    static func isValidPattern(_ pattern: String) -> Bool { (try? Regex(pattern)) != nil }
}
