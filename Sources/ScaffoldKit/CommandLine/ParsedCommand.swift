/// A command with its typed options, ready to validate and run.
public struct ParsedCommand: Sendable {
    public let name: String
    /// The command's `Options` value (e.g. `NewCommand.Options`).
    public private(set) var options: any CommandOptions
    private let runner: @Sendable (any CommandOptions, ScaffoldContext) throws(ScaffoldError) -> ExitCode

    init<Options: CommandOptions>(
        name: String, options: Options, run: @escaping @Sendable (Options, ScaffoldContext) throws(ScaffoldError) -> ExitCode
    ) {
        self.name = name
        self.options = options
        self.runner = { options, context throws(ScaffoldError) in
            // The options were built by this command's own definition.
            try run(options as! Options, context)
        }
    }

    /// The step between parsing and running: checks (and may normalise) the options.
    public mutating func validate() throws(ScaffoldError) {
        try options.validate()
    }

    public func run(context: ScaffoldContext) throws(ScaffoldError) -> ExitCode {
        try runner(options, context)
    }
}
