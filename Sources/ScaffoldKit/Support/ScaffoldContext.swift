import Foundation

/// Everything a command may touch of the outside world, passed in rather than
/// reached for: the executable builds the real one (`ScaffoldContext.standard`),
/// tests build one over memory buffers and temporary directories.
public struct ScaffoldContext: Sendable {
    public var environment: [String: String]
    /// Absolute path that relative paths on the command line resolve against.
    public var currentDirectory: String
    public var stdout: any TextOutput
    public var stderr: any TextOutput
    public var stdin: any LineInput
    public var fileSystem: any FileSystem
    public var processes: any ProcessRunner
    /// Cleanup actions the executable runs when SIGINT/SIGTERM arrives.
    public var interruption: InterruptionGuard

    public init(
        environment: [String: String],
        currentDirectory: String,
        stdout: any TextOutput,
        stderr: any TextOutput,
        stdin: any LineInput,
        fileSystem: any FileSystem = LocalFileSystem(),
        processes: any ProcessRunner = LocalProcessRunner(),
        interruption: InterruptionGuard = InterruptionGuard()
    ) {
        self.environment = environment
        self.currentDirectory = currentDirectory
        self.stdout = stdout
        self.stderr = stderr
        self.stdin = stdin
        self.fileSystem = fileSystem
        self.processes = processes
        self.interruption = interruption
    }

    /// Diagnostics on stderr, coloured only on a terminal and never with NO_COLOR.
    public var diagnostics: Diagnostics {
        Diagnostics(output: stderr, style: TextStyle.forOutput(stderr, environment: environment))
    }

    /// Styling for stdout (same rules as diagnostics).
    public var outputStyle: TextStyle { TextStyle.forOutput(stdout, environment: environment) }

    /// Resolves a command-line path against the current directory.
    public func absolutePath(_ path: String) -> String {
        Path.normalize(path.hasPrefix("/") ? path : currentDirectory + "/" + path)
    }
}

/// A source of answer lines for prompts.
public protocol LineInput: Sendable {
    /// The next line without its newline, or nil at end of input.
    func readLine() -> String?
    /// Everything left on the input (`render --data -`).
    func readAll() -> Data
    /// True when input is an interactive terminal (prompts are shown only then).
    var isTerminal: Bool { get }
}
