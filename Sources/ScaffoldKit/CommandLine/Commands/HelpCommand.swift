/// `scaffold help [COMMAND]`: the overview, or one command's help.
struct HelpCommand {
    struct Options: CommandOptions {
        var command: String?

        mutating func validate() throws(ScaffoldError) {
            if let command, CommandTable.command(named: command) == nil {
                throw ArgumentParser.unknownCommand(command)
            }
        }
    }

    let options: Options
    let context: ScaffoldContext

    func run() throws(ScaffoldError) -> ExitCode {
        let formatter = HelpFormatter()
        if let name = options.command, let spec = CommandTable.command(named: name) {
            context.stdout.write(formatter.help(for: spec))
        } else {
            context.stdout.write(formatter.rootHelp())
        }
        return .success
    }
}
