/// A command of the table, typed: its options bind, by key path, into an `Options`
/// value, and `run` receives that value. `spec` erases it for the parser, help and
/// completions, so one definition drives all of them.
struct CommandDefinition<Options: CommandOptions>: Sendable {
    /// An option bound to a property of `Options`.
    struct Option: Sendable {
        var spec: OptionSpec
        var apply: @Sendable (inout Options, String?) throws(ScaffoldError) -> Void

        /// `--name`: sets a Bool.
        static func flag(_ name: String, _ keyPath: WritableKeyPath<Options, Bool> & Sendable, help: String) -> Option {
            Option(spec: OptionSpec(name, help: help)) { options, _ throws(ScaffoldError) in options[keyPath: keyPath] = true }
        }

        /// `--name VALUE`, given at most once.
        static func value<Value: ArgumentValue>(
            _ name: String, short: Character? = nil, _ keyPath: WritableKeyPath<Options, Value?> & Sendable,
            value valueName: String, help: String, completion: CompletionKind = .none, required: Bool = false
        ) -> Option {
            let spec = OptionSpec(name, short: short, value: valueName, help: help, choices: Value.choices, completion: completion, required: required)
            return Option(spec: spec) { options, text throws(ScaffoldError) in
                options[keyPath: keyPath] = try Self.convert(text ?? "", option: name, as: Value.self)
            }
        }

        /// `--name VALUE`, repeatable; every value is kept in order.
        static func values<Value: ArgumentValue>(
            _ name: String, _ keyPath: WritableKeyPath<Options, [Value]> & Sendable,
            value valueName: String, help: String, completion: CompletionKind = .none
        ) -> Option {
            let spec = OptionSpec(name, value: valueName, help: help, repeatable: true, choices: Value.choices, completion: completion)
            return Option(spec: spec) { options, text throws(ScaffoldError) in
                options[keyPath: keyPath].append(try Self.convert(text ?? "", option: name, as: Value.self))
            }
        }

        static func convert<Value: ArgumentValue>(_ text: String, option: String, as: Value.Type) throws(ScaffoldError) -> Value {
            guard let value = Value(argument: text) else {
                let example = Value.example.map { ", e.g. --\(option) \($0)" } ?? ""
                throw ScaffoldError("invalid --\(option) '\(text)'", fix: "give \(Value.expectation)\(example)", exitCode: .usage)
            }
            return value
        }
    }

    /// A positional argument bound to a property of `Options`.
    struct Argument: Sendable {
        var spec: ArgumentSpec
        var apply: @Sendable (inout Options, String) -> Void

        static func optional(
            _ name: String, _ keyPath: WritableKeyPath<Options, String?> & Sendable, help: String, completion: CompletionKind
        ) -> Argument {
            Argument(spec: ArgumentSpec(name: name, help: help, optional: true, completion: completion)) { $0[keyPath: keyPath] = $1 }
        }

        static func required(
            _ name: String, _ keyPath: WritableKeyPath<Options, String> & Sendable, help: String, completion: CompletionKind
        ) -> Argument {
            Argument(spec: ArgumentSpec(name: name, help: help, optional: false, completion: completion)) { $0[keyPath: keyPath] = $1 }
        }

        /// One or more values (`PROJECT_DIR...`); only the last argument may be variadic.
        static func variadic(
            _ name: String, _ keyPath: WritableKeyPath<Options, [String]> & Sendable, help: String, completion: CompletionKind
        ) -> Argument {
            Argument(spec: ArgumentSpec(name: name, help: help, optional: false, completion: completion, variadic: true)) {
                $0[keyPath: keyPath].append($1)
            }
        }
    }

    var name: String
    var abstract: String
    var discussion: String = ""
    var arguments: [Argument] = []
    var options: [Option] = []
    var examples: [String] = []
    var run: @Sendable (Options, ScaffoldContext) throws(ScaffoldError) -> ExitCode

    /// The erased entry of the table: metadata plus the binding into `Options`.
    var spec: CommandSpec {
        let options = self.options
        let arguments = self.arguments
        let run = self.run
        let name = self.name
        return CommandSpec(
            name: name, abstract: abstract, discussion: discussion, arguments: arguments.map(\.spec),
            options: options.map(\.spec) + [OptionSpec.help], examples: examples
        ) { tokens, positionals throws(ScaffoldError) in
            var value = Options()
            for token in tokens {
                guard token.option < options.count else { continue }  // --help, answered by the parser
                try options[token.option].apply(&value, token.value)
            }
            for (index, text) in positionals.enumerated() {
                // A variadic last argument takes every positional from its place on.
                guard let argument = index < arguments.count ? arguments[index] : arguments.last, argument.spec.variadic || index < arguments.count
                else { continue }
                argument.apply(&value, text)
            }
            return ParsedCommand(name: name, options: value, run: run)
        }
    }
}
