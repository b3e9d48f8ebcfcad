import Foundation

/// Runs the contract's pipeline, then evaluate, for `validate --run`: each
/// with `sh -c` from the project root, a time limit, and its output passed
/// through to stderr as it comes (stdout stays clean for --format json/sarif).
/// It first says which of the project's own commands it is about to run. When
/// no virtualenv is active and the project has `.venv` (or `venv`), that one
/// is activated for the commands, as the README's contract expects.
public struct HookRunner: Sendable {
    /// One command run.
    public struct Step: Sendable, Equatable {
        public var hook: String
        public var command: String
        /// False when it could not be started at all.
        public var started: Bool
        public var status: Int32
        public var timedOut: Bool
        public var seconds: Double
        public var output: String

        public var succeeded: Bool { started && !timedOut && status == 0 }

        /// The last `count` non-empty lines of its output.
        public func tail(_ count: Int) -> [String] {
            output.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).suffix(count).map(String.init)
        }
    }

    public let context: ScaffoldContext
    public let root: String
    public let timeout: Double

    public init(context: ScaffoldContext, root: String, timeout: Double) {
        self.context = context
        self.root = root
        self.timeout = timeout
    }

    /// Announces, then runs the hooks in order, stopping at the first failure.
    public func run(_ hooks: [(name: String, command: String)]) -> [Step] {
        let diagnostics = context.diagnostics
        let style = diagnostics.style
        guard !hooks.isEmpty else { return [] }
        var environment = context.environment
        if environment["PATH"] == nil { environment["PATH"] = "/usr/local/bin:/usr/bin:/bin" }
        var activated = ""
        if environment["VIRTUAL_ENV"] == nil, let venv = projectVirtualenv() {
            environment["VIRTUAL_ENV"] = Path.join(root, venv)
            environment["PATH"] = Path.join(root, venv + "/bin") + ":" + environment["PATH"]!
            activated = ", with the project's \(venv) activated"
        }
        var banner = style.apply(.bold, "scaffold validate --run") + ": about to run this project's own commands from scaffold.json"
        banner += " (sh -c, in \(root)\(activated), time limit \(Self.seconds(timeout)) each):\n"
        for hook in hooks { banner += "  \(hook.name): \(hook.command)\n" }
        context.stderr.write(banner)
        var steps: [Step] = []
        for hook in hooks {
            context.stderr.write(style.apply(.bold, "==> \(hook.name): \(hook.command)") + "\n")
            let group = HookProcessGroup(output: context.stderr)
            let token = context.interruption.register { group.signal(SIGTERM) }
            let start = Date()
            let watchdog = DispatchWorkItem { group.expire() }
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
            // The wrapper shell (a process-group leader: pid = pgid) says its pid, then
            // becomes the hook's shell, so the whole group can be stopped at the deadline or on Ctrl-C.
            let wrapper = "echo \"\(HookProcessGroup.marker)$$\"; exec sh -c \"$1\""
            let result = context.processes.run(
                ["sh", "-c", wrapper, "scaffold-hook", hook.command], in: root, environment: environment,
                timeout: timeout + 15, echo: { @Sendable text in group.pass(text) })
            watchdog.cancel()
            group.finish()
            context.interruption.remove(token)
            let seconds = Date().timeIntervalSince(start)
            let output = HookProcessGroup.strip(result?.output ?? "")
            let step = Step(
                hook: hook.name, command: hook.command, started: result != nil, status: result?.status ?? -1,
                timedOut: group.timedOut || (result?.timedOut ?? false), seconds: seconds, output: output)
            if !output.isEmpty, !output.hasSuffix("\n") { context.stderr.write("\n") }
            let verdict: String
            if !step.started {
                verdict = style.apply(.red, "could not start sh")
            } else if step.timedOut {
                verdict = style.apply(.red, "timed out after \(Self.seconds(timeout))")
            } else if step.status != 0 {
                verdict = style.apply(.red, "exited with status \(step.status)") + " after \(Self.seconds(seconds))"
            } else {
                verdict = style.apply(.green, "exited 0") + " in \(Self.seconds(seconds))"
            }
            context.stderr.write("==> \(hook.name) \(verdict)\n")
            steps.append(step)
            if !step.succeeded { break }
        }
        context.stderr.write("\n")
        return steps
    }

    /// The project's own virtualenv (`.venv` or `venv` with bin/python), when it has one.
    func projectVirtualenv() -> String? {
        let access = ProjectAccess(fileSystem: context.fileSystem, root: root)
        return [".venv", "venv"].first { access.isDirectory($0 + "/bin") && access.kind($0 + "/bin/python") != .missing }
    }

    static func seconds(_ value: Double) -> String {
        value < 10 ? String(format: "%.1f s", value) : "\(Int(value.rounded())) s"
    }
}
