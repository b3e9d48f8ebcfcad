/// Renders help from the command table in the swift-argument-parser layout:
/// OVERVIEW / USAGE / ARGUMENTS / OPTIONS (/ SUBCOMMANDS, EXAMPLES).
public struct HelpFormatter: Sendable {
    public var width: Int = 80

    public init() {}

    public func rootHelp() -> String {
        var out = "OVERVIEW: \(CommandTable.overview)\n\n"
        out += "USAGE: scaffold <command> [options]\n\n"
        out += "OPTIONS:\n"
        out += row("-h, --help", "Show help.")
        out += row("--version", "Show the version.")
        out += "\nCOMMANDS:\n"
        for command in CommandTable.commands {
            out += row(command.name, command.abstract)
        }
        out += "\n  See 'scaffold help <command>' for detailed help.\n"
        return out
    }

    public func help(for command: CommandSpec) -> String {
        var out = "OVERVIEW: \(command.abstract)\n"
        if !command.discussion.isEmpty { out += "\n" + wrap(command.discussion, indent: 0) }
        out += "\nUSAGE: \(usage(for: command))\n"
        if !command.arguments.isEmpty {
            out += "\nARGUMENTS:\n"
            for argument in command.arguments {
                out += row("<\(argument.name.lowercased())>", argument.help)
            }
        }
        if !command.options.isEmpty {
            out += "\nOPTIONS:\n"
            for option in command.options {
                let short = option.short.map { "-\($0), " } ?? ""
                var help = option.help
                if !option.choices.isEmpty { help += " (values: \(option.choices.joined(separator: ", ")))" }
                out += row(short + option.synopsis, help)
            }
        }
        if !command.examples.isEmpty {
            out += "\nEXAMPLES:\n"
            for example in command.examples { out += "  \(example)\n" }
        }
        return out
    }

    public func usage(for command: CommandSpec) -> String {
        var parts = ["scaffold", command.name]
        for argument in command.arguments {
            let name = "<\(argument.name.lowercased())>" + (argument.variadic ? " ..." : "")
            parts.append(argument.optional ? "[\(name)]" : name)
        }
        for option in command.options where option.name != "help" {
            let text = option.synopsis + (option.repeatable ? " ..." : "")
            parts.append(option.required ? text : "[\(text)]")
        }
        return parts.joined(separator: " ")
    }

    private func row(_ label: String, _ help: String) -> String {
        let column = 28
        let lead = "  " + label
        if lead.count + 2 <= column {
            return lead + String(repeating: " ", count: column - lead.count) + wrap(help, indent: column, firstIndented: false)
        }
        return lead + "\n" + wrap(help, indent: column)
    }

    private func wrap(_ text: String, indent: Int, firstIndented: Bool = true) -> String {
        let pad = String(repeating: " ", count: indent)
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty, indent + line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines.enumerated().map { index, text in (index == 0 && !firstIndented ? "" : pad) + text }.joined(separator: "\n") + "\n"
    }
}
