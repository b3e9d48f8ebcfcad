/// The process exit codes scaffold documents in README ("Exit codes").
public enum ExitCode: Int32, Sendable {
    /// Everything worked.
    case success = 0
    /// `validate` found at least one failing error-severity rule; `check`: a newer
    /// version of the project's blueprint exists.
    case findings = 1
    /// Usage or input error: bad flag, unknown blueprint, invalid answer,
    /// broken blueprint, target not empty, unreadable path.
    case usage = 2
    /// The environment failed us: a write refused by the file system, a
    /// command that could not be started.
    case failure = 3
    /// `update` merged, and conflicts (diff3 markers) remain for you to resolve.
    case conflicts = 4
    /// Interrupted by SIGINT (128 + 2); SIGTERM gives 143.
    case interrupted = 130
}
