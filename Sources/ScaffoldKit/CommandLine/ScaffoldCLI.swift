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
            case .run(var command):
                try command.validate()
                return try command.run(context: context).rawValue
            }
            return ExitCode.success.rawValue
        } catch {
            context.diagnostics.error(error)
            return error.exitCode.rawValue
        }
    }
}
