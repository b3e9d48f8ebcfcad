import Foundation
import Testing
@testable import ScaffoldKit

/// A blueprint at v1 and v2 for the update tests: as two directories, and as one git
/// repository (bare, reached through file://) with the tags v1.0.0 and v2.0.0.
///
/// v1 → v2: README.md's first line changes and a line `license {{license}}` is added at
/// the end; NOTES.md and config.txt change; old.txt and kept.txt are dropped; added.txt
/// is new; the variable `license` is new (default MIT).
struct UpdateFixture {
    let dir = TemporaryDirectory()
    /// Identity and cache for every git and scaffold run of the tests.
    var environment: [String: String] {
        ["GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.com", "GIT_COMMITTER_NAME": "Test",
         "GIT_COMMITTER_EMAIL": "test@example.com", "SCAFFOLD_CACHE_DIR": dir.path + "/cache",
         "GIT_CONFIG_GLOBAL": dir.path + "/gitconfig", "GIT_CONFIG_NOSYSTEM": "1"]
    }
    var v1: String { dir.path + "/v1/demo" }
    var v2: String { dir.path + "/v2/demo" }
    var bare: String { dir.path + "/demo.git" }
    var url: String { "file://" + bare }

    static let manifestV1 = """
        {"name": "demo", "version": "1.0.0", "summary": "Demo blueprint.",
         "variables": [{"name": "project_name", "default": "p"},
                       {"name": "package_name", "default": "{{#python_identifier}}{{project_name}}{{/python_identifier}}", "format": "python-identifier"}]}
        """
    static let manifestV2 = """
        {"name": "demo", "version": "2.0.0", "summary": "Demo blueprint, second version.",
         "variables": [{"name": "project_name", "default": "p"},
                       {"name": "package_name", "default": "{{#python_identifier}}{{project_name}}{{/python_identifier}}", "format": "python-identifier"},
                       {"name": "license", "default": "MIT", "help": "License"}]}
        """
    static let filesV1: [String: String] = [
        "README.md": "# {{project_name}}\nline2\nline3\nline4\nline5\nline6\nline7\nline8\n",
        "src/{{package_name}}/core.py": "def f():\n    return 1\n",
        "NOTES.md": "notes\n",
        "config.txt": "threshold = 1\n",
        "old.txt": "old\n",
        "kept.txt": "kept\n",
    ]
    static let filesV2: [String: String] = [
        "README.md": "# {{project_name}} (v2)\nline2\nline3\nline4\nline5\nline6\nline7\nline8\nlicense {{license}}\n",
        "src/{{package_name}}/core.py": "def f():\n    return 1\n",
        "NOTES.md": "notes, second version\n",
        "config.txt": "threshold = 2\n",
        "added.txt": "new in v2\n",
    ]

    init() {
        _ = makeBlueprint(in: dir, name: "v1/demo", manifest: Self.manifestV1, files: Self.filesV1)
        _ = makeBlueprint(in: dir, name: "v2/demo", manifest: Self.manifestV2, files: Self.filesV2)
        dir.write("gitconfig", "[init]\n\tdefaultBranch = main\n")
    }

    /// Makes the bare repository: v1 committed and tagged, then v2.
    func makeRepository() {
        let work = dir.path + "/repo-work"
        try! FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        git(["init", "-q"], in: work)
        for (source, tag) in [(v1, "v1.0.0"), (v2, "v2.0.0")] {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: work)) ?? [] where name != ".git" {
                try! FileManager.default.removeItem(atPath: work + "/" + name)
            }
            for name in try! FileManager.default.contentsOfDirectory(atPath: source) {
                try! FileManager.default.copyItem(atPath: source + "/" + name, toPath: work + "/" + name)
            }
            git(["add", "-A"], in: work)
            git(["commit", "-qm", tag], in: work)
            git(["tag", "-a", tag, "-m", tag], in: work)
        }
        git(["clone", "-q", "--bare", work, bare], in: dir.path)
    }

    /// Runs a program in `directory` through posix_spawn (scaffold's own runner), not
    /// Foundation.Process, whose Process.run() crashes now and then on Linux (an over-read
    /// of /proc/self/fd entries, swift-corelibs-foundation PR #5472): these suites spawn
    /// hundreds of processes.
    static func spawn(_ arguments: [String], in directory: String, environment: [String: String], input: String? = nil) -> BinaryRun {
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env["SCAFFOLD_BLUEPRINTS_PATH"] = nil
        env.merge(environment) { _, new in new }
        let command = ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", directory] + arguments
        guard let result = SpawnedCommand.run(command, environment: env, input: input.map { Data($0.utf8) }) else {
            return BinaryRun(status: -1, stdout: "", stderr: "could not start \(arguments.first ?? "")")
        }
        return BinaryRun(status: result.status, stdout: String(decoding: result.stdout, as: UTF8.self), stderr: String(decoding: result.stderr, as: UTF8.self))
    }

    @discardableResult
    func git(_ arguments: [String], in directory: String) -> BinaryRun {
        let run = Self.spawn([Self.gitPath] + arguments, in: directory, environment: environment)
        #expect(run.status == 0, "git \(arguments.joined(separator: " ")): \(run.stderr)")
        return run
    }

    func scaffold(_ arguments: [String], in directory: String? = nil, environment extra: [String: String] = [:], input: String? = nil) -> BinaryRun {
        Self.spawn([Binary.path] + arguments, in: directory ?? dir.path, environment: environment.merging(extra) { _, new in new }, input: input)
    }

    /// `scaffold new proj` from `blueprint` (a path or git+URL), then the user's edits, committed:
    /// README's line 7 edited (far from the blueprint's change), core.py gains a function,
    /// NOTES.md deleted, kept.txt edited, config.txt edited (conflicts with v2 only if `conflict`).
    func project(from blueprint: String, name: String = "proj", conflict: Bool = false) -> String {
        let run = scaffold(["new", name, "--blueprint", blueprint, "--no-input"])
        #expect(run.status == 0, "\(run.stderr)")
        let root = dir.path + "/" + name
        dir.write(name + "/README.md", "# \(name)\nline2\nline3\nline4\nline5\nline6\nline7 edited by me\nline8\n")
        dir.write(name + "/src/\(name)/core.py", "def f():\n    return 1\n\n\ndef g():\n    return 2\n")
        try? FileManager.default.removeItem(atPath: root + "/NOTES.md")
        dir.write(name + "/kept.txt", "kept, and edited by me\n")
        if conflict { dir.write(name + "/config.txt", "threshold = 5\n") }
        git(["add", "-A"], in: root)
        git(["commit", "-qm", "my edits"], in: root)
        return root
    }

    func head(_ root: String) -> String { git(["rev-parse", "HEAD"], in: root).stdout.trimmingCharacters(in: .whitespacesAndNewlines) }

    static let gitPath: String = LocalProcessRunnerPath.git
}

enum LocalProcessRunnerPath {
    static let git: String = {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let candidate = "\(directory)/git"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return "/usr/bin/git"
    }()
    static var available: Bool { FileManager.default.isExecutableFile(atPath: git) }
}
