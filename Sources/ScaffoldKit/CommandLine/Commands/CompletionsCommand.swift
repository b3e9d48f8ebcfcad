/// `scaffold completions bash|zsh|fish`: a completion script made from the command table.
struct CompletionsCommand {
    struct Options: CommandOptions {
        var shell = ""

        mutating func validate() throws(ScaffoldError) {
            guard CompletionScript.shells.contains(shell) else {
                throw ScaffoldError("unknown shell '\(shell)'", fix: "use one of: \(CompletionScript.shells.joined(separator: ", "))")
            }
        }
    }

    let options: Options
    let context: ScaffoldContext

    func run() throws(ScaffoldError) -> ExitCode {
        guard let script = CompletionScript.script(for: options.shell) else {
            throw ScaffoldError("unknown shell '\(options.shell)'", fix: "use one of: \(CompletionScript.shells.joined(separator: ", "))")
        }
        context.stdout.write(script)
        return .success
    }
}
