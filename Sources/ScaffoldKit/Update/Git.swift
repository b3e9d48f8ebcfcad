import Foundation

/// Runs git for `update`, `check` and git blueprints: stdout and stderr apart (plumbing
/// output is parsed), optional stdin, and never the user's hooks or a repository that
/// the environment points at. Every failure is a `ScaffoldError` naming the command.
public struct Git: Sendable {
    /// The result of one git command.
    public struct Output: Sendable {
        public var status: Int32
        public var stdout: Data
        public var stderr: String
        public var text: String { String(decoding: stdout, as: UTF8.self) }
        /// stdout without the final newline.
        public var line: String { text.trimmingCharacters(in: .newlines) }
    }

    public var environment: [String: String]
    /// Extra `-c` settings before every command.
    public var settings: [String] = ["core.hooksPath=/dev/null", "commit.gpgsign=false", "tag.gpgsign=false"]

    public init(environment: [String: String]) {
        var clean = environment
        // Variables that would point git at another repository, index or object store.
        for key in ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_COMMON_DIR",
                    "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_NAMESPACE", "GIT_PREFIX"] {
            clean[key] = nil
        }
        clean["GIT_TERMINAL_PROMPT"] = "0"
        clean["LC_ALL"] = "C"
        self.environment = clean
    }

    public static func available(environment: [String: String]) -> Bool {
        LocalProcessRunner.which("git", environment: environment) != nil
    }

    /// Runs `git ARGS` in `directory`; never throws for a non-zero status.
    public func output(
        _ arguments: [String], in directory: String, input: Data? = nil, environment extra: [String: String] = [:]
    ) throws(ScaffoldError) -> Output {
        guard let executable = LocalProcessRunner.which("git", environment: environment) else {
            throw ScaffoldError("git is not on PATH", fix: "install git (scaffold update and git blueprints use it)", exitCode: .failure)
        }
        let arguments = [executable, "-C", directory] + settings.flatMap { ["-c", $0] } + arguments
        let environment = self.environment.merging(extra) { _, new in new }
        guard let result = SpawnedCommand.run(arguments, environment: environment, input: input) else {
            throw ScaffoldError("could not run git in \(directory)", fix: "check your git installation and the directory", exitCode: .failure)
        }
        return Output(status: result.status, stdout: result.stdout, stderr: String(decoding: result.stderr, as: UTF8.self))
    }

    /// Runs `git ARGS` and requires success; the error quotes git's last line.
    @discardableResult
    public func run(
        _ arguments: [String], in directory: String, input: Data? = nil, environment extra: [String: String] = [:],
        fix: String = "check the repository with 'git status'"
    ) throws(ScaffoldError) -> Output {
        let result = try output(arguments, in: directory, input: input, environment: extra)
        guard result.status == 0 else {
            let last = result.stderr.split(separator: "\n").last.map(String.init) ?? "exit status \(result.status)"
            let shown = arguments.prefix(2).joined(separator: " ")
            throw ScaffoldError("git \(shown) failed: \(last)", fix: fix, exitCode: .failure)
        }
        return result
    }

    /// Committer and author for commits scaffold makes: the user's identity, or
    /// `scaffold <scaffold@localhost>` when git has none.
    public func identity(in directory: String) -> [String: String] {
        let email = try? output(["config", "user.email"], in: directory)
        let name = try? output(["config", "user.name"], in: directory)
        var values: [String: String] = [:]
        if environment["GIT_AUTHOR_EMAIL"] != nil || environment["EMAIL"] != nil { return values }
        if email?.status != 0 || email?.line.isEmpty != false {
            values["GIT_AUTHOR_EMAIL"] = "scaffold@localhost"
            values["GIT_COMMITTER_EMAIL"] = "scaffold@localhost"
        }
        if name?.status != 0 || name?.line.isEmpty != false {
            values["GIT_AUTHOR_NAME"] = "scaffold"
            values["GIT_COMMITTER_NAME"] = "scaffold"
        }
        return values
    }
}

