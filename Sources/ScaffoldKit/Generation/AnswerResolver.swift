import Foundation
import Mustache

/// Works out every variable's answer from, in order of precedence: `--set`
/// values, the `--answers` file, a prompt (only on a terminal without
/// `--no-input`), and the default (a template over earlier answers).
public struct AnswerResolver: Sendable {
    /// Answers given on the command line (`--set KEY=VALUE`), in order.
    public var sets: [(key: String, value: String)] = []
    /// Answers from an `--answers` JSON file.
    public var file: [String: JSONValue] = [:]
    /// The target directory's base name, the default for `project_name` when
    /// the user named a directory and no project_name.
    public var directoryName: String?
    /// Asks for a value when set; nil means no prompting.
    public var prompter: Prompter?

    public init() {}

    public func resolve(_ blueprint: Blueprint) throws(ScaffoldError) -> Answers {
        let variables = blueprint.manifest.variables
        let names = variables.map(\.name)
        var unknown: [String] = []
        for key in sets.map(\.key) + file.keys.sorted() where !names.contains(key) && !unknown.contains(key) {
            unknown.append(key)
        }
        if let first = unknown.first {
            let hint = Suggestion.closest(to: first, in: names).map { "did you mean '\($0)'? " } ?? ""
            throw ScaffoldError(
                "unknown variable\(unknown.count > 1 ? "s" : "") \(unknown.map { "'\($0)'" }.joined(separator: ", ")) for blueprint \(blueprint.name)",
                fix: "\(hint)valid keys: \(names.joined(separator: ", "))")
        }
        var resolved: [(variable: Variable, value: AnswerValue)] = []
        var problems: [ScaffoldError] = []
        for variable in variables {
            do {
                let value = try answer(for: variable, given: resolved, blueprint: blueprint)
                resolved.append((variable, value))
            } catch {
                problems.append(error)
                // Keep going with the default, if it works, to report every problem at once.
                if let fallback = try? defaultValue(for: variable, given: resolved, blueprint: blueprint) {
                    resolved.append((variable, fallback))
                } else {
                    break
                }
            }
        }
        if let first = problems.first {
            if problems.count == 1 { throw first }
            throw ScaffoldError(
                "\(problems.count) invalid answers", fix: "fix each value below",
                details: problems.map(\.headline))
        }
        return Answers(values: resolved)
    }

    private func answer(
        for variable: Variable, given earlier: [(variable: Variable, value: AnswerValue)], blueprint: Blueprint
    ) throws(ScaffoldError) -> AnswerValue {
        if let text = sets.last(where: { $0.key == variable.name })?.value {
            return try variable.parse(text)
        }
        if let json = file[variable.name] {
            return try variable.accept(json)
        }
        let fallback = try defaultValue(for: variable, given: earlier, blueprint: blueprint)
        if let prompter {
            return try prompter.ask(variable, default: fallback)
        }
        try variable.check(fallback)
        return fallback
    }

    /// The default: `project_name` from the directory name when one was given,
    /// otherwise the declared default rendered over earlier answers.
    func defaultValue(
        for variable: Variable, given earlier: [(variable: Variable, value: AnswerValue)], blueprint: Blueprint
    ) throws(ScaffoldError) -> AnswerValue {
        if variable.name == "project_name", let directoryName {
            return try variable.parse(directoryName)
        }
        switch variable.defaultValue {
        case nil:
            switch variable.kind {
            case .bool: return .bool(false)
            case .integer: return .integer(0)
            case .choice: return .string(variable.choices.first ?? "")
            case .string: return .string("")
            }
        case .bool(let flag)?: return .bool(flag)
        case .int(let number)?: return .integer(number)
        case .string(let source)?:
            let rendered: String
            do {
                let template = try MustacheTemplate(source: source, name: "\(blueprint.name) variable '\(variable.name)' default")
                rendered = try template.render(
                    Answers.context(for: earlier), options: MustacheRenderOptions(escaping: .none, strict: true))
            } catch {
                throw ScaffoldError(
                    "blueprint \(blueprint.name): \(error.description)",
                    fix: "a default may use only variables declared before it")
            }
            switch variable.kind {
            case .string, .choice: return .string(rendered)
            case .bool, .integer: return try variable.parse(rendered)
            }
        case let other?:
            throw ScaffoldError("blueprint \(blueprint.name): default of '\(variable.name)' is \(other.typeName)", fix: "fix blueprint.json")
        }
    }
}

/// Asks for answers on a terminal: shows the help and the default, re-asks on
/// an invalid answer, takes an empty line as the default.
public struct Prompter: Sendable {
    public var input: any LineInput
    public var output: any TextOutput
    public var style: TextStyle

    public init(input: any LineInput, output: any TextOutput, style: TextStyle) {
        self.input = input
        self.output = output
        self.style = style
    }

    func ask(_ variable: Variable, default fallback: AnswerValue) throws(ScaffoldError) -> AnswerValue {
        var question = style.apply(.bold, variable.name)
        if !variable.help.isEmpty { question += " — \(variable.help)" }
        if variable.kind == .choice { question += " (\(variable.choices.joined(separator: ", ")))" }
        if variable.kind == .bool { question += " (yes/no)" }
        question += " [\(fallback)]: "
        while true {
            output.write(question)
            guard let line = input.readLine() else {
                output.write("\n")
                throw ScaffoldError("no answer for \(variable.name): input ended", fix: "answer the prompt, or pass --no-input to use defaults")
            }
            let text = line.trimmingCharacters(in: .whitespaces)
            do {
                if text.isEmpty {
                    try variable.check(fallback)
                    return fallback
                }
                return try variable.parse(text)
            } catch {
                output.write("\(style.apply(.red, "error:")) \(error.headline)\n")
            }
        }
    }
}
