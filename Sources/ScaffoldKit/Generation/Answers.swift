import Mustache

/// The resolved answer to every variable of a blueprint, in declaration order.
public struct Answers: Sendable {
    public var values: [(variable: Variable, value: AnswerValue)]

    public subscript(name: String) -> AnswerValue? {
        values.first { $0.variable.name == name }?.value
    }

    /// The answers as a JSON object (written to scaffold.json).
    public var json: JSONValue {
        .object(Dictionary(uniqueKeysWithValues: values.map { ($0.variable.name, $0.value.json) }))
    }

    /// The Mustache context: every answer plus the built-in section helpers.
    public var templateContext: MustacheValue { Self.context(for: values) }

    /// Whether a condition holds: `name` (a bool answer is true) or `name=choice` (a choice
    /// answer is that choice), as `conditional` paths and `{{#name=choice}}` sections test.
    public func holds(_ condition: String) -> Bool {
        guard let equals = condition.firstIndex(of: "=") else { return self[condition] == .bool(true) }
        let name = String(condition[..<equals]), choice = String(condition[condition.index(after: equals)...])
        return self[name] == .string(choice)
    }

    /// Every answer, the built-in section helpers, and for each `choice` variable one boolean
    /// per choice, `NAME=CHOICE`, true for the one answered: `{{#candidate=cnn}}…{{/candidate=cnn}}`.
    static func context(for values: [(variable: Variable, value: AnswerValue)]) -> MustacheValue {
        var members = TextTransform.helpers
        for (variable, value) in values {
            switch value {
            case .string(let text):
                members[variable.name] = .string(text)
                if variable.kind == .choice {
                    for choice in variable.choices { members["\(variable.name)=\(choice)"] = .bool(text == choice) }
                }
            case .bool(let flag): members[variable.name] = .bool(flag)
            case .integer(let number): members[variable.name] = .int(number)
            }
        }
        return .object(members)
    }
}

/// The built-in section helpers blueprints use to derive names:
/// `{{#python_identifier}}{{project_name}}{{/python_identifier}}` and friends.
public enum TextTransform {
    public static let names = ["python_identifier", "snake_case", "kebab_case", "lower", "upper"]

    static var helpers: [String: MustacheValue] {
        [
            "python_identifier": .transform { PythonName.identifier(from: $0) },
            "snake_case": .transform { words($0).joined(separator: "_") },
            "kebab_case": .transform { words($0).joined(separator: "-") },
            "lower": .transform { $0.lowercased() },
            "upper": .transform { $0.uppercased() },
        ]
    }

    /// Lower-case words: split on anything not a letter or digit, and before
    /// an upper-case letter that follows a lower-case one ("MyProject" → my, project).
    static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        var previousLower = false
        for character in text {
            if character.isLetter || character.isNumber {
                if character.isUppercase && previousLower && !current.isEmpty {
                    words.append(current)
                    current = ""
                }
                current.append(contentsOf: character.lowercased())
                previousLower = character.isLowercase || character.isNumber
            } else {
                if !current.isEmpty { words.append(current) }
                current = ""
                previousLower = false
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }
}
