import Foundation
/// Makes a new project a git repository with a first commit, so its first
/// evaluation already records a commit and `scaffold update` has its pristine base
/// (the first commit is the untouched render: see `PristineRender`). Skipped when git
/// is not on PATH (scaffold then says so).
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
    /// A new project gets its own repository even inside another repository's work
    /// tree (e.g. inside the scaffold checkout): its first commit is the pristine render
    /// `scaffold update` merges from, and the outer repository only sees an untracked
    /// directory.
    public func reasonToSkip(target: String) -> String? {
        guard LocalProcessRunner.which("git", environment: environment) != nil else {
            return "git is not on PATH"
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
            ["git"] + identity + ["-c", "commit.gpgsign=false", "-c", "core.hooksPath=/dev/null", "commit", "-q", "--no-verify", "--cleanup=verbatim", "-m", message],
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
