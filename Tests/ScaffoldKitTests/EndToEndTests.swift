import Foundation
import Testing

/// Runs the built `scaffold` binary and checks stdout, stderr and the exit code.
@Suite struct EndToEndTests {
    let demoManifest = """
        {"name": "demo", "version": "1.0.0", "summary": "A demo blueprint.",
         "variables": [{"name": "project_name", "default": "demo-project", "pattern": "^[a-z][a-z0-9-]*$", "help": "Project name"},
                       {"name": "greeting", "default": "hello {{project_name}}"}],
         "impact": {"log": "impact/log.jsonl"}, "next_steps": ["make all"]}
        """

    func demoDir() -> TemporaryDirectory {
        let dir = TemporaryDirectory()
        _ = makeBlueprint(in: dir, name: "blueprints/demo", manifest: demoManifest, files: ["README.md": "{{greeting}}\n", "src/{{project_name}}.txt": "x"])
        return dir
    }

    @Test func versionAndHelp() {
        let version = Binary.run(["--version"], in: "/")
        #expect(version.status == 0)
        #expect(version.stdout == "scaffold 0.1.0\n")
        #expect(version.stderr.isEmpty)
        for arguments in [["--help"], ["help"], []] {
            let help = Binary.run(arguments, in: "/")
            #expect(help.status == 0)
            #expect(help.stdout.hasPrefix("OVERVIEW: "))
            #expect(help.stdout.contains("validate"))
        }
        for arguments in [["new", "--help"], ["help", "new"]] {
            let help = Binary.run(arguments, in: "/")
            #expect(help.status == 0)
            #expect(help.stdout.contains("USAGE: scaffold new [<directory>] --blueprint NAME|PATH"))
            #expect(help.stdout.contains("ARGUMENTS:") && help.stdout.contains("OPTIONS:"))
        }
    }

    @Test func usageErrorsAreOneLineWithExitTwo() {
        let cases: [([String], String)] = [
            (["frobnicate"], "error: unknown command 'frobnicate' — run 'scaffold --help' to see the commands\n"),
            (["new", "--blueprint", "nlp-evl"], "error: unknown blueprint 'nlp-evl' — did you mean 'nlp-eval'? run 'scaffold list' to see the available blueprints\n"),
            (["new"], "error: missing --blueprint — name one from 'scaffold list', e.g. 'scaffold new --blueprint nlp-eval my-project'\n"),
            (["list", "--jsn"], "error: unknown option '--jsn' for 'scaffold list' — did you mean '--json'? see 'scaffold list --help'\n"),
        ]
        for (arguments, expected) in cases {
            let run = Binary.run(arguments, in: "/")
            #expect(run.status == 2, "\(arguments)")
            #expect(run.stdout.isEmpty)
            #expect(run.stderr == expected)
        }
    }

    @Test func listsBlueprintsFromDirectoriesAndTheEnvironment() throws {
        let dir = demoDir()
        defer { dir.cleanUp() }
        let text = Binary.run(["list", "--blueprints-dir", dir.path + "/blueprints"], in: dir.path)
        #expect(text.status == 0)
        #expect(text.stdout.hasPrefix("NAME "))
        #expect(text.stdout.contains("demo") && text.stdout.contains("A demo blueprint."))
        let json = Binary.run(["list", "--json"], in: dir.path, environment: ["SCAFFOLD_BLUEPRINTS_PATH": dir.path + "/blueprints"])
        #expect(json.status == 0)
        let items = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        let demo = try #require(items.first { $0["name"] as? String == "demo" })
        #expect(demo["version"] as? String == "1.0.0")
        #expect(demo["summary"] as? String == "A demo blueprint.")
    }

    @Test func newWritesTheProjectAndReportsIt() throws {
        let dir = demoDir()
        defer { dir.cleanUp() }
        let run = Binary.run(["new", "out", "--blueprint", "./blueprints/demo", "--no-git", "--set", "project_name=tool"], in: dir.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.isEmpty)
        #expect(run.stdout.hasPrefix("Created \(dir.path)/out from demo 1.0.0: 3 files"))
        #expect(run.stdout.contains("Next steps:\n  cd out\n  make all\n"))
        #expect(dir.read("out/README.md") == "hello tool\n")
        #expect(dir.exists("out/src/tool.txt"))
        let manifest = try #require(dir.read("out/scaffold.json"))
        #expect(manifest.contains("\"project_name\": \"tool\""))
    }

    @Test func projectNameDefaultsToTheDirectoryAndDirectoryToTheProjectName() {
        let dir = demoDir()
        defer { dir.cleanUp() }
        let named = Binary.run(["new", "from-dir", "--blueprint", "./blueprints/demo", "--no-git"], in: dir.path)
        #expect(named.status == 0)
        #expect(dir.read("from-dir/README.md") == "hello from-dir\n")
        let unnamed = Binary.run(["new", "--blueprint", "./blueprints/demo", "--no-git", "--set", "project_name=by-name"], in: dir.path)
        #expect(unnamed.status == 0)
        #expect(dir.exists("by-name/src/by-name.txt"))
    }

    @Test func aBlueprintPathMayBeALinkToTheDirectory() throws {
        let dir = demoDir()
        defer { dir.cleanUp() }
        try FileManager.default.createSymbolicLink(atPath: dir.path + "/linked", withDestinationPath: dir.path + "/blueprints/demo")
        let run = Binary.run(["new", "out", "--blueprint", "./linked", "--no-git"], in: dir.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(dir.read("out/README.md") == "hello out\n")
    }

    /// A real terminal (a pseudo-terminal from util-linux `script`): prompts show help and
    /// default, re-ask on an invalid answer, and an empty line takes the default.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func promptsOnATerminal() {
        let dir = demoDir()
        defer { dir.cleanUp() }
        let command = "\(Binary.path) new out --blueprint ./blueprints/demo --no-git"
        let run = Binary.run(["-qec", command, "/dev/null"], in: dir.path, input: "Bad Name\nmy-tool\n\n", executable: "/usr/bin/script")
        #expect(run.status == 0, "\(run.stdout)")
        #expect(run.stdout.contains("project_name — Project name [out]: "))
        #expect(run.stdout.contains("error: invalid value 'Bad Name' for project_name: it must match ^[a-z][a-z0-9-]*$"))
        #expect(run.stdout.contains("greeting [hello my-tool]: "))
        #expect(dir.read("out/README.md") == "hello my-tool\n")
    }

    @Test func dryRunWritesNothing() {
        let dir = demoDir()
        defer { dir.cleanUp() }
        let run = Binary.run(["new", "out", "--blueprint", "./blueprints/demo", "--dry-run"], in: dir.path)
        #expect(run.status == 0)
        #expect(run.stdout.contains("Would create \(dir.path)/out from demo 1.0.0: 3 files"))
        #expect(run.stdout.contains("  README.md  "))
        #expect(run.stdout.hasSuffix("Nothing was written (--dry-run).\n"))
        #expect(!dir.exists("out"))
        #expect(!dir.tree().contains { $0.contains(".scaffold-") })
    }

    @Test func refusalsAndBadAnswers() {
        let dir = demoDir()
        defer { dir.cleanUp() }
        dir.write("full/mine.txt", "keep")
        let full = Binary.run(["new", "full", "--blueprint", "./blueprints/demo"], in: dir.path)
        #expect(full.status == 2)
        #expect(full.stderr == "error: target \(dir.path)/full is not empty — choose a new directory, or pass --force to overwrite only the files the blueprint generates\n")
        let bad = Binary.run(["new", "x", "--blueprint", "./blueprints/demo", "--set", "project_name=Bad Name"], in: dir.path)
        #expect(bad.status == 2)
        #expect(bad.stderr == "error: invalid value 'Bad Name' for project_name: it must match ^[a-z][a-z0-9-]*$ — expected: Project name\n")
        let unknown = Binary.run(["new", "x", "--blueprint", "./blueprints/demo", "--set", "greting=hi"], in: dir.path)
        #expect(unknown.status == 2)
        #expect(unknown.stderr == "error: unknown variable 'greting' for blueprint demo — did you mean 'greeting'? valid keys: project_name, greeting\n")
        let noEquals = Binary.run(["new", "x", "--blueprint", "./blueprints/demo", "--set", "greeting"], in: dir.path)
        #expect(noEquals.stderr == "error: invalid --set 'greeting' — give KEY=VALUE, e.g. --set project_name=my-project\n")
        let missingPath = Binary.run(["new", "x", "--blueprint", "./nowhere/demo"], in: dir.path)
        #expect(missingPath.status == 2)
        #expect(missingPath.stderr.contains("does not exist"))
        #expect(!dir.exists("x"))
        #expect(dir.tree("full") == ["mine.txt"])
    }

    @Test func answersFileAndBrokenBlueprint() {
        let dir = demoDir()
        defer { dir.cleanUp() }
        dir.write("answers.json", #"{"project_name": "from-file", "greeting": "hey"}"#)
        let run = Binary.run(["new", "--blueprint", "./blueprints/demo", "--answers", "answers.json", "--no-git"], in: dir.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(dir.read("from-file/README.md") == "hey\n")
        dir.write("bad.json", "{nope")
        let badFile = Binary.run(["new", "y", "--blueprint", "./blueprints/demo", "--answers", "bad.json"], in: dir.path)
        #expect(badFile.status == 2)
        #expect(badFile.stderr.hasPrefix("error: answers file \(dir.path)/bad.json: invalid JSON"))
        _ = makeBlueprint(in: dir, name: "blueprints/broken", manifest: #"{"name": "broken", "version": "1.0.0", "summary": "B."}"#, files: ["a.txt": "{{#open}}never closed"])
        let broken = Binary.run(["new", "z", "--blueprint", "./blueprints/broken"], in: dir.path)
        #expect(broken.status == 2)
        #expect(broken.stderr.hasPrefix("error: broken blueprint: broken: template/a.txt:1:"))
        #expect(!dir.exists("z"))
    }

    @Test func newProjectIsAGitRepositoryWithAFirstCommit() throws {
        let dir = demoDir()
        defer { dir.cleanUp() }
        let run = Binary.run(["new", "repo", "--blueprint", "./blueprints/demo"], in: dir.path, environment: ["GIT_CEILING_DIRECTORIES": dir.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("git repository with a first commit"))
        #expect(dir.exists("repo/.git"))
        let log = Binary.run(["log", "--oneline"], in: dir.path + "/repo", executable: "/usr/bin/git")
        #expect(log.stdout.contains("Initial commit from scaffold (demo 1.0.0)"))
        let status = Binary.run(["status", "--porcelain"], in: dir.path + "/repo", executable: "/usr/bin/git")
        #expect(status.stdout.isEmpty)
    }

    @Test func renderPrintsExactlyTheTemplate() {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        dir.write("t.mustache", "Hi {{name}} {{>p}}")
        dir.write("d.json", #"{"name": "<Ann>"}"#)
        dir.write("partials/p.mustache", "[{{name}}]")
        let plain = Binary.run(["render", "t.mustache", "--data", "d.json", "--partials", "partials"], in: dir.path)
        #expect(plain.status == 0)
        #expect(plain.stdout == "Hi <Ann> [<Ann>]")
        let html = Binary.run(["render", "t.mustache", "--data", "-", "--escape", "html"], in: dir.path, input: #"{"name": "<Ann>"}"#)
        #expect(html.stdout == "Hi &lt;Ann&gt; ")
        dir.write("bad.mustache", "line one\n  {{#a}}x")
        let bad = Binary.run(["render", "bad.mustache"], in: dir.path)
        #expect(bad.status == 2)
        #expect(bad.stderr.hasPrefix("error: \(dir.path)/bad.mustache:2:3: "))
    }

    @Test func completionsForEachShell() {
        for shell in ["bash", "zsh", "fish"] {
            let run = Binary.run(["completions", shell], in: "/")
            #expect(run.status == 0)
            #expect(run.stdout.contains("scaffold"))
        }
        let bad = Binary.run(["completions", "tcsh"], in: "/")
        #expect(bad.status == 2)
    }
}
