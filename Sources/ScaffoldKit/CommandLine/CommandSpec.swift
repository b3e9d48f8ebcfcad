/// How a shell should complete a value.
public enum CompletionKind: Sendable, Equatable {
    case none, file, directory, blueprint, command, rule
    case choices([String])
}

/// A positional argument of a command, as help and completions see it.
public struct ArgumentSpec: Sendable {
    public var name: String
    public var help: String
    public var optional: Bool
    public var completion: CompletionKind
    /// The last argument may take every remaining positional (`PROJECT_DIR...`).
    public var variadic: Bool = false
}

/// An option: a flag (`valueName == nil`) or an option taking a value, as help and completions see it.
public struct OptionSpec: Sendable {
    public var name: String
    public var short: Character?
    public var valueName: String?
    public var help: String
    public var repeatable: Bool
    public var choices: [String]
    public var completion: CompletionKind
    /// Shown without brackets in the usage line (the command's validation requires it).
    public var required: Bool

    public init(
        _ name: String, short: Character? = nil, value: String? = nil, help: String, repeatable: Bool = false,
        choices: [String] = [], completion: CompletionKind = .none, required: Bool = false
    ) {
        self.required = required
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

    /// `-h, --help`: every command takes it; the parser answers it before binding anything.
    static let help = OptionSpec("help", short: "h", help: "Show help for this command.")
}

/// One option the parser matched, in command-line order: its index in
/// `CommandSpec.options` and its value (nil for a flag).
struct ParsedToken: Sendable {
    var option: Int
    var value: String?
}

/// A subcommand: the single source for parsing, help, suggestions and completions.
/// Built from a typed `CommandDefinition`, whose bindings turn what the parser matched
/// into the command's own `Options` value.
public struct CommandSpec: Sendable {
    public var name: String
    public var abstract: String
    public var discussion: String
    public var arguments: [ArgumentSpec]
    /// Every option, `--help` last.
    public var options: [OptionSpec]
    public var examples: [String]
    /// Builds the typed command from the matched tokens (the definition's bindings).
    let bind: @Sendable (_ tokens: [ParsedToken], _ positionals: [String]) throws(ScaffoldError) -> ParsedCommand

    public func option(named name: String) -> OptionSpec? { options.first { $0.name == name } }
    public func option(short: Character) -> OptionSpec? { options.first { $0.short == short } }
    func optionIndex(named name: String) -> Int? { options.firstIndex { $0.name == name } }
    func optionIndex(short: Character) -> Int? { options.firstIndex { $0.short == short } }
}
