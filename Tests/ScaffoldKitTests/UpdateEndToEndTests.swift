import Foundation
import Testing

/// `scaffold update` and `scaffold check` end to end: the built binary on a local
/// blueprint at v1 and v2, as directories and as a git repository with tags.
@Suite(.enabled(if: LocalProcessRunnerPath.available), .serialized)
struct UpdateEndToEndTests {
    /// A project from the v1 directory, the directory then replaced by v2 (the recorded source).
    func directoryProject(_ fixture: UpdateFixture, conflict: Bool = false) -> String {
        let source = fixture.dir.path + "/live/demo"
        try! FileManager.default.createDirectory(atPath: fixture.dir.path + "/live", withIntermediateDirectories: true)
        try! FileManager.default.copyItem(atPath: fixture.v1, toPath: source)
        let root = fixture.project(from: source, conflict: conflict)
        try! FileManager.default.removeItem(atPath: source)
        try! FileManager.default.copyItem(atPath: fixture.v2, toPath: source)
        return root
    }

    @Test func userEditsMergeWithBlueprintChangesAndScaffoldJSONRecordsTheVersion() throws {
        let fixture = UpdateFixture()
        defer { fixture.dir.cleanUp() }
        let root = directoryProject(fixture)
        let before = fixture.head(root)
        let run = fixture.scaffold(["update", root])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.isEmpty)
        #expect(run.stdout.hasPrefix("Updated \(root) from demo 1.0.0 to 2.0.0: "))
        #expect(run.stdout.contains("  updated      README.md\n"))
        #expect(run.stdout.contains("  added        added.txt\n"))
        #expect(run.stdout.contains("  removed      old.txt\n"))
        #expect(run.stdout.contains("  updated      config.txt\n"))
        // Same file: the blueprint's new first and last lines next to the user's line 7.
        #expect(fixture.dir.read("proj/README.md") == "# proj (v2)\nline2\nline3\nline4\nline5\nline6\nline7 edited by me\nline8\nlicense MIT\n")
        #expect(fixture.dir.read("proj/src/proj/core.py") == "def f():\n    return 1\n\n\ndef g():\n    return 2\n")
        #expect(fixture.dir.read("proj/added.txt") == "new in v2\n")
        #expect(!fixture.dir.exists("proj/old.txt"))
        // A file the user deleted stays deleted; one the blueprint dropped but the user changed stays.
        #expect(!fixture.dir.exists("proj/NOTES.md"))
        #expect(run.stdout.contains("  kept deleted NOTES.md  (you deleted it; the blueprint changed it)\n"))
        #expect(fixture.dir.read("proj/kept.txt") == "kept, and edited by me\n")
        #expect(run.stdout.contains("  kept         kept.txt  (the blueprint dropped it; you changed it)\n"))
        // scaffold.json records the new version and the new variable's default.
        let manifestText = try #require(fixture.dir.read("proj/scaffold.json"))
        let manifest = try #require(try JSONSerialization.jsonObject(with: Data(manifestText.utf8)) as? [String: Any])
        let blueprint = try #require(manifest["blueprint"] as? [String: Any])
        #expect(blueprint["version"] as? String == "2.0.0")
        #expect((blueprint["answers"] as? [String: Any])?["license"] as? String == "MIT")
        #expect(run.stdout.contains("note: new in 2.0.0: license=MIT"))
        // History: a merge of the user's HEAD and the new pristine render, whose parent is the old one.
        let parents = fixture.git(["log", "-1", "--format=%P"], in: root).stdout.split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        #expect(parents.count == 2 && parents[0] == before)
        let pristine = fixture.git(["log", "-1", "--format=%B", parents[1]], in: root).stdout
        #expect(pristine.contains("Scaffold-Pristine: demo 2.0.0"))
        #expect(fixture.git(["status", "--porcelain"], in: root).stdout.isEmpty)
        // Then: up to date.
        let again = fixture.scaffold(["update", root])
        #expect(again.status == 0)
        #expect(again.stdout.contains("is up to date: demo 2.0.0"))
    }

    @Test func aConflictIsMarkedDiff3StyleWithExitFour() throws {
        let fixture = UpdateFixture()
        defer { fixture.dir.cleanUp() }
        let root = directoryProject(fixture, conflict: true)
        let before = fixture.head(root)
        let run = fixture.scaffold(["update", root])
        #expect(run.status == 4, "\(run.stderr)")
        #expect(run.stdout.contains("  conflicted   config.txt  (you and the blueprint changed the same lines)\n"))
        #expect(run.stdout.contains("1 file has conflicts"))
        #expect(run.stdout.contains("git add config.txt && git commit"))
        let text = try #require(fixture.dir.read("proj/config.txt"))
        #expect(text.hasPrefix("<<<<<<< yours\nthreshold = 5\n||||||| "))
        #expect(text.hasSuffix("\nthreshold = 1\n=======\nthreshold = 2\n>>>>>>> demo-2.0.0\n"))
        // Never .rej files; git knows the merge (merge tools read the stages).
        #expect(!fixture.dir.tree("proj").contains { $0.hasSuffix(".rej") || $0.hasSuffix(".orig") })
        #expect(fixture.git(["status", "--porcelain"], in: root).stdout.contains("UU config.txt"))
        let stages = fixture.git(["ls-files", "-u", "config.txt"], in: root).stdout.split(separator: "\n")
        #expect(stages.count == 3)
        // HEAD has not moved; resolving and committing makes the merge with the pristine render.
        #expect(fixture.head(root) == before)
        fixture.dir.write("proj/config.txt", "threshold = 5\n")
        fixture.git(["add", "config.txt"], in: root)
        fixture.git(["commit", "-q", "--no-edit"], in: root)
        let parents = fixture.git(["log", "-1", "--format=%P"], in: root).stdout.split(separator: " ")
        #expect(parents.count == 2)
        #expect(fixture.scaffold(["check", root]).status == 0)
    }

    @Test func aConflictedUpdateCanBeAbortedWithGit() throws {
        let fixture = UpdateFixture()
        defer { fixture.dir.cleanUp() }
        let root = directoryProject(fixture, conflict: true)
        let before = Reliability.snapshot(root).filter { !$0.key.hasPrefix(".git") }
        #expect(fixture.scaffold(["update", root]).status == 4)
        fixture.git(["merge", "--abort"], in: root)
        #expect(Reliability.snapshot(root).filter { !$0.key.hasPrefix(".git") } == before)
    }

    @Test func aChangedAnswerRenamesThePackageWithTheUsersEdits() throws {
        let fixture = UpdateFixture()
        defer { fixture.dir.cleanUp() }
        let root = directoryProject(fixture)
        let run = fixture.scaffold(["update", root, "--set", "package_name=router"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("  renamed      src/proj/core.py → src/router/core.py\n"))
        #expect(!fixture.dir.exists("proj/src/proj"))
        #expect(fixture.dir.read("proj/src/router/core.py") == "def f():\n    return 1\n\n\ndef g():\n    return 2\n")
        #expect(fixture.dir.read("proj/scaffold.json")?.contains("\"package_name\": \"router\"") == true)
        // The same version with another answer is an update too.
        let again = fixture.scaffold(["update", root, "--set", "package_name=router2"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.hasPrefix("Re-rendered \(root) with demo 2.0.0 and the changed answer package_name: "), "\(again.stdout)")
        #expect(fixture.dir.read("proj/src/router2/core.py")?.contains("def g()") == true)
    }

    @Test func newVariablesTakeTheirDefaultOrAValue() throws {
        let fixture = UpdateFixture()
        defer { fixture.dir.cleanUp() }
        let root = directoryProject(fixture)
        let run = fixture.scaffold(["update", root, "--set", "license=Apache-2.0"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(fixture.dir.read("proj/README.md")?.hasSuffix("license Apache-2.0\n") == true)
    }

    /// On a terminal, only the variable new in v2 is asked for.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func onlyNewVariablesArePrompted() throws {
        let fixture = UpdateFixture()
        defer { fixture.dir.cleanUp() }
        let root = directoryProject(fixture)
        let command = "\(Binary.path) update \(root)"
        let run = Binary.run(["-qec", command, "/dev/null"], in: fixture.dir.path, environment: fixture.environment, input: "BSD\n", executable: "/usr/bin/script")
        #expect(run.status == 0, "\(run.stdout)")
        #expect(run.stdout.contains("license — License [MIT]: "))
        #expect(!run.stdout.contains("project_name"))
        #expect(!run.stdout.contains("package_name ["))
        #expect(fixture.dir.read("proj/README.md")?.hasSuffix("license BSD\n") == true)
    }

    @Test func dryRunWritesNothingAndShowsThePlanWithDiffs() throws {
        let fixture = UpdateFixture()
        defer { fixture.dir.cleanUp() }
        let root = directoryProject(fixture, conflict: true)
        let before = Reliability.snapshot(root)  // .git included: not one object is added
        let run = fixture.scaffold(["update", root, "--dry-run", "--set", "package_name=router"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("Would update \(root) from demo 1.0.0 to 2.0.0: "))
        #expect(run.stdout.contains("  conflicted   config.txt"))
        #expect(run.stdout.contains("  renamed      src/proj/core.py → src/router/core.py\n"))
        #expect(run.stdout.contains("diff --git a/README.md b/README.md\n"))
        #expect(run.stdout.contains("-# proj\n+# proj (v2)\n"))
        #expect(run.stdout.contains("+>>>>>>> demo-2.0.0\n"))
        #expect(run.stdout.hasSuffix("Nothing was written (--dry-run).\n"))
        #expect(Reliability.snapshot(root) == before)
    }

    @Test func aDirtyWorkingTreeIsRefusedWithTheFix() throws {
        let fixture = UpdateFixture()
        defer { fixture.dir.cleanUp() }
        let root = directoryProject(fixture)
        fixture.dir.write("proj/scratch.txt", "uncommitted")
        let run = fixture.scaffold(["update", root])
        #expect(run.status == 2)
        #expect(run.stderr == "error: \(root) has uncommitted changes (1 path: scratch.txt) — commit or stash them (git stash -u), then run scaffold update again; --dry-run shows the plan meanwhile\n")
        let notRepository = fixture.scaffold(["update", fixture.dir.path + "/v1/demo"])
        #expect(notRepository.status == 2)
        #expect(notRepository.stderr.contains("has no readable scaffold.json"))
    }

    @Test func checkExitCodes() throws {
        let fixture = UpdateFixture()
        defer { fixture.dir.cleanUp() }
        let root = directoryProject(fixture)
        let newer = fixture.scaffold(["check", root])
        #expect(newer.status == 1, "\(newer.stderr)")
        #expect(newer.stdout.hasPrefix("demo 1.0.0 → 2.0.0: a newer version is available"))
        #expect(newer.stdout.contains("Demo blueprint, second version."))
        #expect(newer.stdout.contains("added    added.txt"))
        let json = fixture.scaffold(["check", root, "--json"])
        #expect(json.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["current"] as? String == "1.0.0" && object["latest"] as? String == "2.0.0")
        #expect(object["up_to_date"] as? Bool == false)
        #expect(fixture.scaffold(["update", root]).status == 0)
        let current = fixture.scaffold(["check", root])
        #expect(current.status == 0)
        #expect(current.stdout.hasPrefix("demo 2.0.0 is the newest version"))
        let broken = fixture.scaffold(["check", fixture.dir.path + "/nowhere"])
        #expect(broken.status == 2)
        #expect(broken.stderr.hasPrefix("error: no such project directory"))
        try FileManager.default.removeItem(atPath: fixture.dir.path + "/live/demo")
        let missing = fixture.scaffold(["check", root])
        #expect(missing.status == 2, "\(missing.stderr)")
    }

    @Test func gitBlueprintWithTagsRecordsTheCommitAndUpdatesToTheNewestTag() throws {
        let fixture = UpdateFixture()
        defer { fixture.dir.cleanUp() }
        fixture.makeRepository()
        let root = fixture.project(from: "git+\(fixture.url)@v1.0.0")
        let manifest = try #require(fixture.dir.read("proj/scaffold.json"))
        let v1Commit = fixture.git(["rev-parse", "v1.0.0^{commit}"], in: fixture.bare).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(manifest.contains("\"source\": \"git+\(fixture.url)\""))
        #expect(manifest.contains("\"commit\": \"\(v1Commit)\""))
        // The shallow clone sits in the cache, one commit, no hooks.
        let cached = try #require(fixture.dir.tree("cache/blueprints").first { $0.hasSuffix(v1Commit) })
        let depth = fixture.git(["rev-list", "--count", "HEAD"], in: fixture.dir.path + "/cache/blueprints/" + cached).stdout
        #expect(depth.trimmingCharacters(in: .whitespacesAndNewlines) == "1")
        #expect(!fixture.dir.exists("cache/blueprints/\(cached)/.git/hooks"))

        let check = fixture.scaffold(["check", root])
        #expect(check.status == 1)
        #expect(check.stdout.hasPrefix("demo 1.0.0 → 2.0.0"))
        let update = fixture.scaffold(["update", root])
        #expect(update.status == 0, "\(update.stderr)")
        #expect(fixture.dir.read("proj/README.md")?.contains("line7 edited by me") == true)
        let v2Commit = fixture.git(["rev-parse", "v2.0.0^{commit}"], in: fixture.bare).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(fixture.dir.read("proj/scaffold.json")?.contains("\"commit\": \"\(v2Commit)\"") == true)
        #expect(fixture.scaffold(["check", root]).status == 0)
    }

    @Test func aLocalRepositoryPathWithARefAndUpdateToAnExplicitTag() throws {
        let fixture = UpdateFixture()
        defer { fixture.dir.cleanUp() }
        fixture.makeRepository()
        let root = fixture.project(from: fixture.bare + "@v1.0.0")
        let dry = fixture.scaffold(["update", root, "--to", "v2.0.0", "--dry-run"])
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("to 2.0.0"))
        let missing = fixture.scaffold(["update", root, "--to", "v3.0.0"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("has no tag or branch 'v3.0.0'"))
    }

    /// The base travels with the project: a fresh clone elsewhere, with the old blueprint gone.
    @Test func aFreshCloneUpdatesWithoutTheOldBlueprint() throws {
        let fixture = UpdateFixture()
        defer { fixture.dir.cleanUp() }
        let root = directoryProject(fixture)
        fixture.git(["clone", "-q", root, fixture.dir.path + "/clone"], in: fixture.dir.path)
        try FileManager.default.removeItem(atPath: fixture.v1)
        let run = fixture.scaffold(["update", fixture.dir.path + "/clone"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(fixture.dir.read("clone/README.md") == "# proj (v2)\nline2\nline3\nline4\nline5\nline6\nline7 edited by me\nline8\nlicense MIT\n")
    }

    /// A project made with --no-git, committed by hand: the recorded version is re-rendered
    /// as the base (here from the git blueprint's recorded commit) and adopted into history.
    @Test func withoutAPristineRenderInHistoryTheRecordedVersionIsTheBase() throws {
        let fixture = UpdateFixture()
        defer { fixture.dir.cleanUp() }
        fixture.makeRepository()
        let made = fixture.scaffold(["new", "plain", "--blueprint", "git+\(fixture.url)@v1.0.0", "--no-input", "--no-git"])
        #expect(made.status == 0, "\(made.stderr)")
        let root = fixture.dir.path + "/plain"
        let refused = fixture.scaffold(["update", root])
        #expect(refused.status == 2)
        #expect(refused.stderr.hasPrefix("error: \(root) is not a git repository, and scaffold update merges with git — make it one: cd \(root) && git init"))
        fixture.git(["init", "-q"], in: root)
        fixture.dir.write("plain/README.md", "# plain\nline2\nline3\nline4\nline5\nline6\nline7 edited by me\nline8\n")
        fixture.git(["add", "-A"], in: root)
        fixture.git(["commit", "-qm", "as generated, edited"], in: root)
        let run = fixture.scaffold(["update", root])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("note: the history held no pristine render"))
        #expect(fixture.dir.read("plain/README.md") == "# plain (v2)\nline2\nline3\nline4\nline5\nline6\nline7 edited by me\nline8\nlicense MIT\n")
    }

    @Test func newCreatesMissingParentsAndItsOwnRepositoryInsideAnotherOne() throws {
        let fixture = UpdateFixture()
        defer { fixture.dir.cleanUp() }
        fixture.git(["init", "-q"], in: fixture.dir.path)  // the "scaffold checkout"
        let run = fixture.scaffold(["new", "a/b/project", "--blueprint", fixture.v1, "--no-input"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("git repository with a first commit"))
        #expect(fixture.dir.exists("a/b/project/.git"))
        let top = fixture.git(["rev-parse", "--show-toplevel"], in: fixture.dir.path + "/a/b/project").stdout
        #expect(top.trimmingCharacters(in: .whitespacesAndNewlines) == fixture.dir.path + "/a/b/project")
        let log = fixture.git(["log", "--format=%B"], in: fixture.dir.path + "/a/b/project").stdout
        #expect(log.contains("Scaffold-Pristine: demo 1.0.0"))
        // A file in the way is still refused, and nothing is created.
        fixture.dir.write("file", "x")
        let blocked = fixture.scaffold(["new", "file/sub/project", "--blueprint", fixture.v1, "--no-input"])
        #expect(blocked.status == 2)
        #expect(blocked.stderr.contains("is not a directory"))
    }

    @Test func aClonedBlueprintObeysTheLocalRules() throws {
        let fixture = UpdateFixture()
        defer { fixture.dir.cleanUp() }
        // A repository whose template links outside the blueprint, and declares a submodule.
        let work = fixture.dir.path + "/hostile"
        _ = makeBlueprint(in: fixture.dir, name: "hostile", manifest: UpdateFixture.manifestV1, files: ["README.md": "x\n"])
        try FileManager.default.createSymbolicLink(atPath: work + "/template/passwd", withDestinationPath: "/etc/passwd")
        fixture.git(["init", "-q"], in: work)
        fixture.git(["add", "-A"], in: work)
        fixture.git(["commit", "-qm", "hostile"], in: work)
        fixture.git(["tag", "v1.0.0"], in: work)
        let run = fixture.scaffold(["new", "out", "--blueprint", "git+file://\(work)", "--no-input"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("points outside the blueprint"))
        #expect(!fixture.dir.exists("out"))
    }

    /// A built-in after the binary moved on: the project was made from nlp-eval 0.9.0 (a copy
    /// standing in for the built-in an older scaffold embedded), that source is gone, and the
    /// binary's own nlp-eval is merged — the base comes from the project's history.
    @Test func aBuiltInUpdatesAfterTheBinaryMovedOnWithoutTheOldSource() throws {
        let fixture = UpdateFixture()
        defer { fixture.dir.cleanUp() }
        let old = fixture.dir.path + "/old"
        try FileManager.default.copyItem(atPath: Binary.packageRoot + "/Blueprints", toPath: old)
        let manifestPath = old + "/nlp-eval/blueprint.json"
        let manifest = try String(contentsOfFile: manifestPath, encoding: .utf8)
        let version = try #require(manifest.firstRange(of: /"version": *"[^"]*"/))
        try manifest.replacingCharacters(in: version, with: #""version": "0.9.0""#).write(toFile: manifestPath, atomically: true, encoding: .utf8)
        let readme = old + "/nlp-eval/template/README.md"
        if FileManager.default.fileExists(atPath: readme) {
            let text = try String(contentsOfFile: readme, encoding: .utf8)
            try (text + "\nAn older paragraph that the next version removed.\n").write(toFile: readme, atomically: true, encoding: .utf8)
        }
        let made = fixture.scaffold(["new", "nlp", "--blueprint", "nlp-eval", "--blueprints-dir", old, "--no-input"])
        #expect(made.status == 0, "\(made.stderr)")
        let root = fixture.dir.path + "/nlp"
        let text = try #require(fixture.dir.read("nlp/README.md"))
        fixture.dir.write("nlp/README.md", text.replacingOccurrences(of: "\n", with: "\n\nMy own line, kept by the update.\n", options: [], range: text.range(of: "\n")))
        fixture.git(["commit", "-qam", "mine"], in: root)
        try FileManager.default.removeItem(atPath: old)
        let run = fixture.scaffold(["update", root, "--blueprint", "nlp-eval"])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        let merged = try #require(fixture.dir.read("nlp/README.md"))
        #expect(merged.contains("My own line, kept by the update."))
        #expect(!merged.contains("An older paragraph"))
        let recorded = try #require(fixture.dir.read("nlp/scaffold.json"))
        #expect(recorded.contains("\"source\": \"built-in\""))
        #expect(!recorded.contains("0.9.0"))
        #expect(fixture.scaffold(["check", root]).status == 0)
    }

    /// Fetching a git blueprint runs no hook (not even one your own git configuration sets)
    /// and leaves its submodules alone.
    @Test func fetchingAGitBlueprintRunsNoHookAndNoSubmodule() throws {
        let fixture = UpdateFixture()
        defer { fixture.dir.cleanUp() }
        let hooks = fixture.dir.path + "/hooks"
        for hook in ["post-checkout", "post-merge", "reference-transaction", "pre-commit", "post-commit"] {
            fixture.dir.write("hooks/\(hook)", "#!/bin/sh\ntouch \(fixture.dir.path)/hook-ran-\(hook)\n", executable: true)
        }
        let inner = fixture.dir.path + "/inner"
        _ = makeBlueprint(in: fixture.dir, name: "inner", manifest: UpdateFixture.manifestV1, files: ["secret.txt": "from the submodule\n"])
        fixture.git(["init", "-q"], in: inner)
        fixture.git(["add", "-A"], in: inner)
        fixture.git(["commit", "-qm", "inner"], in: inner)
        let work = fixture.dir.path + "/withsub"
        _ = makeBlueprint(in: fixture.dir, name: "withsub", manifest: UpdateFixture.manifestV1, files: ["README.md": "{{project_name}}\n"])
        fixture.git(["init", "-q"], in: work)
        fixture.git(["-c", "protocol.file.allow=always", "submodule", "add", "-q", inner, "template/vendor"], in: work)
        fixture.git(["add", "-A"], in: work)
        fixture.git(["commit", "-qm", "with a submodule"], in: work)
        fixture.git(["tag", "v1.0.0"], in: work)
        // From now on every git run sees hooks configured globally.
        fixture.dir.write("gitconfig", "[init]\n\tdefaultBranch = main\n[core]\n\thooksPath = \(hooks)\n")
        let run = fixture.scaffold(["new", "out", "--blueprint", "git+file://\(work)", "--no-input", "--no-git"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(fixture.dir.read("out/README.md") == "out\n")
        #expect(!fixture.dir.exists("out/vendor/secret.txt"))
        let ran = ((try? FileManager.default.contentsOfDirectory(atPath: fixture.dir.path)) ?? []).filter { $0.hasPrefix("hook-ran-") }
        #expect(ran.isEmpty, "hooks ran: \(ran)")
    }
}
