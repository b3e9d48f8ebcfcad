/// What `scaffold validate` was asked to do.
public struct ValidationOptions: Sendable {
    /// Run the contract's pipeline and evaluate commands first (`--run`).
    public var run = false
    /// With --run: run evaluate a second time and compare the numbers (RUN006).
    public var reproduce = false
    /// Text output: what passing rules matched.
    public var verbose = false
    /// Time limit of each command run by --run, in seconds.
    public var timeout: Double = 600
    /// Bounds of the walk (tests lower them).
    public var scanLimits = ProjectScanner.Limits()
    /// `--select`/`--ignore` from the command line.
    public var selection = RuleSelection()

    public init(run: Bool = false, timeout: Double = 600, selection: RuleSelection = RuleSelection()) {
        self.run = run
        self.timeout = timeout
        self.selection = selection
    }
}
