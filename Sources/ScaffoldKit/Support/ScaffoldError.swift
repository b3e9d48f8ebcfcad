/// A failure scaffold reports to the user as one line on stderr:
/// `error: <what> — <how to fix>`, followed by one indented line per extra
/// problem when several were collected (e.g. every invalid field of a
/// blueprint.json at once), and an exit code.
public struct ScaffoldError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, naming the file, flag, variable or value at fault.
    public var what: String
    /// How to fix it; empty when `what` already says it.
    public var fix: String
    /// Further problems found in the same pass, each one line.
    public var details: [String]
    /// The exit code the command returns.
    public var exitCode: ExitCode

    public init(_ what: String, fix: String = "", details: [String] = [], exitCode: ExitCode = .usage) {
        self.what = what
        self.fix = fix
        self.details = details
        self.exitCode = exitCode
    }

    /// The first line: `what — fix`.
    public var headline: String { fix.isEmpty ? what : "\(what) — \(fix)" }

    public var description: String { ([headline] + details.map { "  \($0)" }).joined(separator: "\n") }
}
