/// How a shell should complete a value.
public enum CompletionKind: Sendable, Equatable {
    case none, file, directory, blueprint, command, rule
    case choices([String])
}

/// A positional argument of a command.
public struct ArgumentSpec: Sendable {
    public var name: String
    public var help: String
    public var optional: Bool
    public var completion: CompletionKind
    /// The last argument may take every remaining positional (`PROJECT_DIR...`).
    public var variadic: Bool = false
}

/// An option: a flag (`valueName == nil`) or an option taking a value.
public struct OptionSpec: Sendable {
    public var name: String
    public var short: Character?
    public var valueName: String?
    public var help: String
    public var repeatable: Bool
    public var choices: [String]
    public var completion: CompletionKind

    public init(
        _ name: String, short: Character? = nil, value: String? = nil, help: String, repeatable: Bool = false,
        choices: [String] = [], completion: CompletionKind = .none
    ) {
        self.name = name
        self.short = short
        self.valueName = value
        self.help = help
        self.repeatable = repeatable
        self.choices = choices
        self.completion = choices.isEmpty ? completion : .choices(choices)
    }

    public var isFlag: Bool { valueName == nil }

    /// `--name VALUE` or `--name`, for usage lines and help.
    var synopsis: String { isFlag ? "--\(name)" : "--\(name) \(valueName!)" }
}

/// A subcommand: the single source for parsing, help, suggestions and completions.
public struct CommandSpec: Sendable {
    public var name: String
    public var abstract: String
    public var discussion: String
    public var arguments: [ArgumentSpec]
    public var options: [OptionSpec]
    public var examples: [String]

    public func option(named name: String) -> OptionSpec? { options.first { $0.name == name } }
    public func option(short: Character) -> OptionSpec? { options.first { $0.short == short } }
}
