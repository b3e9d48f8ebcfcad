import Foundation
/// Makes a new project a git repository with a first commit, so its first
/// evaluation already records a commit. Skipped when git is not on PATH or the
/// target is inside another repository (scaffold then says so).
public struct GitInitializer: Sendable {
    public var processes: any ProcessRunner
    public var environment: [String: String]

    public init(processes: any ProcessRunner, environment: [String: String]) {
        self.processes = processes
        // Variables that would point git at another repository.
        var clean = environment
        for key in ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_COMMON_DIR"] {
            clean[key] = nil
        }
        self.environment = clean
    }

    /// Why git will not be initialised for a project created at `target`, or nil.
    public func reasonToSkip(target: String) -> String? {
        guard LocalProcessRunner.which("git", environment: environment) != nil else {
            return "git is not on PATH"
        }
        let parent = Path.parent(target)
        if let result = processes.run(["git", "rev-parse", "--is-inside-work-tree"], in: parent, environment: environment, timeout: 30, echo: nil),
           result.status == 0, result.output.hasPrefix("true") {
            return "\(parent) is inside another git repository"
        }
        return nil
    }

    /// `git init`, `git add -A`, `git commit` in `directory`.
    public func initialize(_ directory: String, message: String) throws(ScaffoldError) {
        var identity: [String] = []
        if let email = processes.run(["git", "config", "user.email"], in: directory, environment: environment, timeout: 30, echo: nil),
           email.status == 0, !email.output.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
        } else {
            identity = ["-c", "user.name=scaffold", "-c", "user.email=scaffold@localhost"]
        }
        let steps: [[String]] = [
            ["git", "init", "-q"],
            ["git", "add", "-A"],
            ["git"] + identity + ["-c", "commit.gpgsign=false", "commit", "-q", "--no-verify", "-m", message],
        ]
        for step in steps {
            guard let result = processes.run(step, in: directory, environment: environment, timeout: 120, echo: nil) else {
                throw ScaffoldError("could not run \(step.joined(separator: " "))", fix: "pass --no-git, or fix your git installation", exitCode: .failure)
            }
            guard result.status == 0 else {
                let output = result.output.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n").last.map(String.init) ?? ""
                throw ScaffoldError("\(step.prefix(3).joined(separator: " ")) failed: \(output)", fix: "pass --no-git to skip creating a repository (nothing was written)", exitCode: .failure)
            }
        }
    }
}
