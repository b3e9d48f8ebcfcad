/// The entry point: parses the arguments, runs the command, reports a failure
/// as one `error:` line, and returns the exit code. Never exits the process.
public enum ScaffoldCLI {
    /// `arguments` as in `CommandLine.arguments` (the program name first).
    public static func run(arguments: [String], context: ScaffoldContext) -> Int32 {
        do {
            switch try ArgumentParser().parse(Array(arguments.dropFirst())) {
            case .version:
                context.stdout.write("scaffold \(CommandTable.version)\n")
            case .help(nil):
                context.stdout.write(HelpFormatter().rootHelp())
            case .help(let name?):
                if let spec = CommandTable.command(named: name) {
                    context.stdout.write(HelpFormatter().help(for: spec))
                }
            case .run(let command):
                return try dispatch(command, context: context).rawValue
            }
            return ExitCode.success.rawValue
        } catch {
            context.diagnostics.error(error)
            return error.exitCode.rawValue
        }
    }

    static func dispatch(_ command: ParsedCommand, context: ScaffoldContext) throws(ScaffoldError) -> ExitCode {
        switch command.name {
        case "new": return try NewCommand(command: command, context: context).run()
        case "list": return try ListCommand(command: command, context: context).run()
        case "show": return try ShowCommand(command: command, context: context).run()
        case "render": return try RenderCommand(command: command, context: context).run()
        case "validate": return try ValidateCommand(command: command, context: context).run()
        case "rules": return try RulesCommand(command: command, context: context).run()
        case "adopt": return try AdoptCommand(command: command, context: context).run()  // validate owner (issue 11)
        case "completions":
            let shell = command.argument("SHELL") ?? ""
            guard let script = CompletionScript.script(for: shell) else {
                throw ScaffoldError("unknown shell '\(shell)'", fix: "use one of: \(CompletionScript.shells.joined(separator: ", "))")
            }
            context.stdout.write(script)
            return .success
        case "help":
            context.stdout.write(HelpFormatter().rootHelp())
            return .success
        default:
            throw ScaffoldError("unknown command '\(command.name)'", fix: "run 'scaffold --help'")
        }
    }
}
