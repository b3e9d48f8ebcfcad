/// `scaffold validate [PATH]` — being built (see the validate issue).
struct ValidateCommand {
    let command: ParsedCommand
    let context: ScaffoldContext

    init(_ command: ParsedCommand, context: ScaffoldContext) {
        self.command = command
        self.context = context
    }

    func run() throws(ScaffoldError) -> ExitCode {
        throw ScaffoldError("'scaffold validate' is not available in this build", fix: "update scaffold")
    }
}

struct RulesCommand {
    let command: ParsedCommand
    let context: ScaffoldContext

    init(_ command: ParsedCommand, context: ScaffoldContext) {
        self.command = command
        self.context = context
    }

    func run() throws(ScaffoldError) -> ExitCode {
        throw ScaffoldError("'scaffold rules' is not available in this build", fix: "update scaffold")
    }
}
