/// What the command line asks for. Parsing returns a value; it never prints or exits.
public enum Invocation: Sendable {
    case help(command: String?)
    case version
    case run(ParsedCommand)
}

/// Parses `scaffold` arguments against `CommandTable`. Accepts `--opt VALUE`,
/// `--opt=VALUE`, `-x VALUE`, and `--` to end options.
public struct ArgumentParser: Sendable {
    public init() {}

    public func parse(_ arguments: [String]) throws(ScaffoldError) -> Invocation {
        guard let first = arguments.first else { return .help(command: nil) }
        switch first {
        case "--help", "-h": return .help(command: nil)
        case "--version": return .version
        default: break
        }
        if first.hasPrefix("-") {
            let globals = ["--help", "--version"]
            let hint = Suggestion.closest(to: first, in: globals).map { "did you mean '\($0)'? " } ?? ""
            throw usage("unknown option '\(first)'", fix: "\(hint)run 'scaffold --help' for usage")
        }
        guard let spec = CommandTable.command(named: first) else { throw Self.unknownCommand(first) }
        return try parse(Array(arguments.dropFirst()), for: spec)
    }

    private func parse(_ arguments: [String], for spec: CommandSpec) throws(ScaffoldError) -> Invocation {
        var tokens: [ParsedToken] = []
        var given: Set<Int> = []
        var positionals: [String] = []
        var index = 0
        var optionsEnded = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if optionsEnded || argument == "-" || !argument.hasPrefix("-") {
                positionals.append(argument)
                continue
            }
            if argument == "--" {
                optionsEnded = true
                continue
            }
            var inlineValue: String?
            let optionIndex: Int
            if argument.hasPrefix("--") {
                var name = String(argument.dropFirst(2))
                if let equals = name.firstIndex(of: "=") {
                    inlineValue = String(name[name.index(after: equals)...])
                    name = String(name[..<equals])
                }
                guard let found = spec.optionIndex(named: name) else {
                    throw unknownOption("--\(name)", in: spec)
                }
                optionIndex = found
            } else {
                let letters = Array(argument.dropFirst())
                guard letters.count == 1, let found = spec.optionIndex(short: letters[0]) else {
                    throw unknownOption(argument, in: spec)
                }
                optionIndex = found
            }
            let option = spec.options[optionIndex]
            if option.name == "help" { return .help(command: spec.name) }
            if option.isFlag {
                if inlineValue != nil {
                    throw usage("option '--\(option.name)' takes no value", fix: "write just '--\(option.name)'", command: spec)
                }
                tokens.append(ParsedToken(option: optionIndex, value: nil))
                continue
            }
            let value: String
            if let inlineValue {
                value = inlineValue
            } else {
                guard index < arguments.count else {
                    throw usage("option '--\(option.name)' needs a value (\(option.valueName!))", fix: "write '--\(option.name) \(option.valueName!)'", command: spec)
                }
                value = arguments[index]
                index += 1
            }
            if !option.choices.isEmpty, !option.choices.contains(value) {
                let hint = Suggestion.closest(to: value, in: option.choices).map { "did you mean '\($0)'? " } ?? ""
                throw usage("invalid value '\(value)' for '--\(option.name)'", fix: "\(hint)use one of: \(option.choices.joined(separator: ", "))", command: spec)
            }
            if !option.repeatable, !given.insert(optionIndex).inserted {
                throw usage("option '--\(option.name)' is given twice", fix: "give it once", command: spec)
            }
            tokens.append(ParsedToken(option: optionIndex, value: value))
        }
        let accepted = spec.arguments
        if positionals.count > accepted.count, accepted.last?.variadic != true {
            let extra = positionals[accepted.count]
            let subject = accepted.isEmpty ? "takes no arguments" : "takes at most \(accepted.count) argument\(accepted.count == 1 ? "" : "s")"
            throw usage("unexpected argument '\(extra)': 'scaffold \(spec.name)' \(subject)", fix: "see 'scaffold \(spec.name) --help'", command: spec)
        }
        for argument in accepted.dropFirst(positionals.count) where !argument.optional {
            throw usage("missing argument \(argument.name) for 'scaffold \(spec.name)'", fix: "write 'scaffold \(spec.name) \(argument.name)'", command: spec)
        }
        return .run(try spec.bind(tokens, positionals))
    }

    private func usage(_ what: String, fix: String, command: CommandSpec? = nil) -> ScaffoldError {
        ScaffoldError(what, fix: fix, exitCode: .usage)
    }

    static func unknownCommand(_ name: String) -> ScaffoldError {
        let names = CommandTable.commands.map(\.name)
        let hint = Suggestion.closest(to: name, in: names).map { "did you mean '\($0)'? " } ?? ""
        return ScaffoldError("unknown command '\(name)'", fix: "\(hint)run 'scaffold --help' to see the commands", exitCode: .usage)
    }

    private func unknownOption(_ option: String, in spec: CommandSpec) -> ScaffoldError {
        let names = spec.options.map { "--\($0.name)" }
        let hint = Suggestion.closest(to: option, in: names).map { "did you mean '\($0)'? " } ?? ""
        return usage("unknown option '\(option)' for 'scaffold \(spec.name)'", fix: "\(hint)see 'scaffold \(spec.name) --help'")
    }
}
