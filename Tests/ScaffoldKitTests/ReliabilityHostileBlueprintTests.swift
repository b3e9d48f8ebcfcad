import Foundation
import Testing
@testable import ScaffoldKit

/// Blueprints from strangers (README "Security model"): whatever a blueprint or an answer
/// holds, nothing is written outside the target, nothing outside the blueprint is read, no
/// code runs, and each refusal names the file and the reason. Every case runs `scaffold new`
/// in-process through a file system that records each path touched.
@Suite("Reliability: hostile blueprints")
struct ReliabilityHostileBlueprintTests {
    /// One hostile scenario: `root/bp` (the blueprint), `root/out/proj` (the target),
    /// `root/outside` (files a blueprint must never read or change).
    struct Scenario {
        let dir = TemporaryDirectory()
        var blueprint: String { dir.path + "/bp" }
        var parent: String { dir.path + "/out" }
        var target: String { parent + "/proj" }
        var outside: String { dir.path + "/outside" }

        init(files: [String: String] = ["README.md": "# {{project_name}} by {{owner}}\n"], manifest: String? = nil) {
            dir.write(
                "bp/blueprint.json",
                manifest
                    ?? #"{"name": "bp", "version": "1.0.0", "summary": "Hostile.", "variables": [{"name": "project_name", "default": "proj"}, {"name": "owner", "default": "Ada"}, {"name": "dir", "default": "src"}]}"#)
            for (path, text) in files { dir.write("bp/template/" + path, text) }
            dir.write("outside/secret.txt", "SECRET\n")
            dir.write("outside/partial.mustache", "SECRET PARTIAL\n")
            try! FileManager.default.createDirectory(atPath: dir.path + "/out", withIntermediateDirectories: true)
        }

        func link(_ relative: String, to destination: String) {
            let full = blueprint + "/" + relative
            try! FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try! FileManager.default.createSymbolicLink(atPath: full, withDestinationPath: destination)
        }

        struct Result {
            var status: Int32
            var stdout: String
            var stderr: String
            var files: RecordingFileSystem
        }

        /// `scaffold new proj --blueprint ../bp --no-input [--no-git] EXTRA` from `out/`.
        func generate(_ extra: [String] = [], git: Bool = false) -> Result {
            let files = RecordingFileSystem()
            let cli = InProcess(directory: parent, fileSystem: files)
            var arguments = ["new", "proj", "--blueprint", blueprint, "--no-input"] + extra
            if !git { arguments.append("--no-git") }
            let status = cli.run(arguments)
            return Result(status: status, stdout: cli.stdout.text, stderr: cli.stderr.text, files: files)
        }

        /// Checks the invariants that hold whatever happened: the outside folder is unchanged,
        /// reads stayed in the blueprint (or the target), writes stayed in the target (or its
        /// staging directory), and no staging directory is left.
        func checkContainment(_ result: Result, outsideBefore: [String: Data], sourceLocation: SourceLocation = #_sourceLocation) {
            #expect(Reliability.snapshot(outside) == outsideBefore, "the outside folder changed", sourceLocation: sourceLocation)
            let readable = [blueprint, target]
            for path in result.files.reads where !readable.contains(where: { path == $0 || path.hasPrefix($0 + "/") }) {
                Issue.record("read outside the blueprint: \(path)", sourceLocation: sourceLocation)
            }
            for path in result.files.writes
            where !(path == target || path.hasPrefix(target + "/") || path.hasPrefix(parent + "/.proj.scaffold-")) {
                Issue.record("wrote outside the target: \(path)", sourceLocation: sourceLocation)
            }
            #expect(Reliability.debris(in: parent).isEmpty, "staging debris: \(Reliability.debris(in: parent))", sourceLocation: sourceLocation)
        }

        /// Runs `new`, expects a refusal (exit 2) whose message holds every one of `messages`,
        /// and no target at all.
        @discardableResult
        func expectRefusal(_ messages: [String], _ extra: [String] = [], git: Bool = false, sourceLocation: SourceLocation = #_sourceLocation) -> Result {
            let before = Reliability.snapshot(outside)
            let result = generate(extra, git: git)
            #expect(result.status == 2, "exit \(result.status): \(result.stderr)", sourceLocation: sourceLocation)
            for message in messages {
                #expect(result.stderr.contains(message), "expected '\(message)' in: \(result.stderr)", sourceLocation: sourceLocation)
            }
            #expect(result.stderr.hasPrefix("error: "), sourceLocation: sourceLocation)
            #expect(!FileManager.default.fileExists(atPath: target), "a target was created", sourceLocation: sourceLocation)
            checkContainment(result, outsideBefore: before, sourceLocation: sourceLocation)
            return result
        }
    }

    // MARK: Answers that render to unsafe path components

    static let unsafeNames: [(answer: String, reason: String)] = [
        ("..", "renders to '..', which would leave its directory"),
        (".", "renders to '.', which would leave its directory"),
        ("", "renders to an empty name"),
        ("a/b", "which contains '/'"),
        ("/etc/cron.d", "which contains '/'"),
        ("../../outside", "which contains '/'"),
        ("x\u{0}y", "a name with a NUL byte"),
        ("line\nbreak", "a control character"),
        ("\u{1B}]0;pwned\u{07}", "a control character"),
        (".git", "git's own directory"),
        (".GIT", "git's own directory"),
        (".git\u{200C}", "git's own directory"),
        (".git. ", "git's own directory"),
        (String(repeating: "n", count: 256), "a name longer than 255 bytes"),
        (String(repeating: "é", count: 128), "a name longer than 255 bytes"),
    ]

    @Test(arguments: 0..<unsafeNames.count)
    func anAnswerRenderingToAnUnsafeNameIsRefused(index: Int) {
        let (answer, reason) = Self.unsafeNames[index]
        let scenario = Scenario(files: ["{{dir}}/main.py": "print('{{owner}}')\n", "README.md": "x\n"])
        defer { scenario.dir.cleanUp() }
        scenario.expectRefusal(["template/{{dir}}/main.py", "path component '{{dir}}'", reason], ["--set", "dir=\(answer)"])
    }

    @Test func aProjectNameThatCannotNameADirectoryIsRefused() {
        let scenario = Scenario()
        defer { scenario.dir.cleanUp() }
        for name in ["..", "a/b", ""] {
            let files = RecordingFileSystem()
            let cli = InProcess(directory: scenario.parent, fileSystem: files)
            let status = cli.run(["new", "--blueprint", scenario.blueprint, "--no-input", "--no-git", "--set", "project_name=\(name)"])
            #expect(status == 2, "\(name): \(cli.stderr.text)")
            #expect(cli.stderr.text.contains("project_name"))
            #expect(files.writes.isEmpty)
        }
        #expect(Reliability.snapshot(scenario.dir.path + "/out").isEmpty)
    }

    // MARK: Paths in the template tree

    @Test func aGitDirectoryInTheTemplateIsRefusedAndNoHookRuns() {
        // Both ways a .git directory would run code: a hook git runs on commit (--no-verify does
        // not skip post-commit), and core.fsmonitor, which git runs on add.
        let sentinel = TemporaryDirectory()
        defer { sentinel.cleanUp() }
        let scenario = Scenario(files: [
            "README.md": "x\n",
            ".git/hooks/post-commit": "#!/bin/sh\ntouch \(sentinel.path)/hook-ran\n",
            ".git/config": "[core]\n\tfsmonitor = \"touch \(sentinel.path)/fsmonitor-ran; false\"\n",
        ])
        defer { scenario.dir.cleanUp() }
        chmod(scenario.blueprint + "/template/.git/hooks/post-commit", 0o755)
        scenario.expectRefusal(["template/.git/config", "template/.git/hooks/post-commit", "git's own directory"], git: true)
        #expect(sentinel.tree().isEmpty, "blueprint code ran: \(sentinel.tree())")
    }

    @Test func aGitDirectoryIsRefusedWithForceIntoAnExistingRepository() {
        let scenario = Scenario(files: ["README.md": "x\n", ".git/hooks/pre-commit": "#!/bin/sh\nexit 0\n"])
        defer { scenario.dir.cleanUp() }
        scenario.dir.write("out/proj/.git/HEAD", "ref: refs/heads/main\n")
        let before = Reliability.snapshot(scenario.target)
        let result = scenario.generate(["--force"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("template/.git/hooks/pre-commit"))
        #expect(Reliability.snapshot(scenario.target) == before)
    }

    @Test func aTemplateNamedScaffoldJSONIsRefused() {
        let scenario = Scenario(files: ["scaffold.json": "{}", "README.md": "x\n"])
        defer { scenario.dir.cleanUp() }
        scenario.expectRefusal(["template/scaffold.json", "which scaffold writes itself"])
    }

    @Test func twoFilesRenderingToOnePathAreRefused() {
        let scenario = Scenario(files: ["{{dir}}.txt": "a", "src.txt": "b"])
        defer { scenario.dir.cleanUp() }
        scenario.expectRefusal(["renders to src.txt, as template/"])
    }

    @Test func aFileWhereADirectoryIsNeededIsRefused() {
        let scenario = Scenario(files: ["{{dir}}": "a file", "src/main.py": "b"])
        defer { scenario.dir.cleanUp() }
        scenario.expectRefusal(["template/{{dir}} renders to src, which template/src/main.py needs as a directory"])
    }

    @Test func aTreeNestedTooDeepIsRefused() {
        let scenario = Scenario()
        defer { scenario.dir.cleanUp() }
        scenario.dir.write("bp/template/" + Array(repeating: "d", count: 70).joined(separator: "/") + "/f", "x")
        scenario.expectRefusal(["nested more than 64 directories deep"])
    }

    @Test func moreThanTwentyThousandFilesAreRefusedBeforeReadingThemAll() throws {
        // A synthetic directory of 20,001 entries (creating them on disk would be slow).
        let scenario = Scenario()
        defer { scenario.dir.cleanUp() }
        let crowded = scenario.blueprint + "/template/crowd"
        try FileManager.default.createDirectory(atPath: crowded, withIntermediateDirectories: true)
        let files = CrowdedFileSystem(directory: crowded, count: 20_001)
        do {
            _ = try BlueprintLayer.load(directory: scenario.blueprint, fileSystem: files)
            Issue.record("a blueprint of 20,001 files was accepted")
        } catch {
            #expect(error.what.contains("has more than 20000 files"))
            #expect(error.what.contains(scenario.blueprint))
        }
        #expect(files.reads <= 20_000)
    }

    // MARK: Links, special files, encodings, sizes

    @Test func linksLeavingTheBlueprintAreRefused() {
        let cases: [(String, (Scenario) -> Void, [String])] = [
            ("absolute", { $0.link("template/passwd", to: $0.outside + "/secret.txt") }, ["template/passwd", "points outside the blueprint"]),
            ("relative", { $0.link("template/a/b/passwd", to: "../../../../outside/secret.txt") }, ["template/a/b/passwd", "points outside the blueprint"]),
            ("device", { $0.link("template/zero", to: "/dev/zero") }, ["template/zero", "points outside the blueprint"]),
            ("through a linked directory", {
                $0.link("ld", to: $0.outside)
                $0.link("template/s", to: "../ld/secret.txt")
            }, ["template/s", "leads through", "not a plain directory"]),
            ("to a directory", {
                $0.dir.write("bp/real/a.txt", "a")
                $0.link("template/linked", to: "../real")
            }, ["template/linked", "points to a directory"]),
            ("loop", {
                $0.link("template/a", to: "b")
                $0.link("template/b", to: "a")
            }, ["template/a", "loop"]),
            ("dangling", { $0.link("template/gone", to: "nothing") }, ["template/gone", "points to nothing readable"]),
            ("template/ itself", {
                try? FileManager.default.removeItem(atPath: $0.blueprint + "/template")
                $0.link("template", to: $0.outside)
            }, ["bp/template is not a directory"]),
            ("partials/ itself", { $0.link("partials", to: $0.outside) }, ["bp/partials is not a directory"]),
            ("a partial", { $0.link("partials/p.mustache", to: $0.outside + "/partial.mustache") }, ["partials/p.mustache", "points outside the blueprint"]),
            ("blueprint.json", {
                try? FileManager.default.moveItem(atPath: $0.blueprint + "/blueprint.json", toPath: $0.outside + "/blueprint.json")
                $0.link("blueprint.json", to: $0.outside + "/blueprint.json")
            }, ["bp/blueprint.json is a symbolic link"]),
        ]
        for (name, setUp, messages) in cases {
            let scenario = Scenario()
            defer { scenario.dir.cleanUp() }
            setUp(scenario)
            let result = scenario.expectRefusal(messages)
            #expect(!result.stderr.contains("SECRET"), "\(name)")
        }
    }

    @Test func aLinkToAFileInsideTheBlueprintIsCopiedAsAFile() throws {
        let scenario = Scenario(files: ["data/real.txt": "{{owner}}\n"])
        defer { scenario.dir.cleanUp() }
        scenario.link("template/alias.txt", to: "data/real.txt")
        let before = Reliability.snapshot(scenario.outside)
        let result = scenario.generate()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(scenario.dir.read("out/proj/alias.txt") == "Ada\n")
        #expect(FileManager.default.fileExists(atPath: scenario.target + "/alias.txt"))
        #expect(LocalFileSystem().kind(of: scenario.target + "/alias.txt") == .file)
        scenario.checkContainment(result, outsideBefore: before)
    }

    @Test func aFIFOInTheTemplateIsRefusedWithoutBlocking() {
        let scenario = Scenario()
        defer { scenario.dir.cleanUp() }
        mkfifo(scenario.blueprint + "/template/pipe", 0o644)
        scenario.expectRefusal(["template/pipe is not a regular file"])
    }

    @Test func aFileNameThatIsNotUTF8IsRefusedByName() {
        let scenario = Scenario()
        defer { scenario.dir.cleanUp() }
        let name = scenario.blueprint + "/template/bad\u{FF}name"
        // Write the raw byte 0xFF (not its UTF-8 encoding) into the name.
        var bytes = Array((scenario.blueprint + "/template/bad").utf8) + [0xFF] + Array("name".utf8) + [0]
        let fd = bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { open($0, O_CREAT | O_WRONLY, 0o644) }
        }
        #expect(fd >= 0)
        close(fd)
        _ = name
        scenario.expectRefusal(["template/bad", "cannot be read by its name", "UTF-8"])
    }

    @Test func aPartialThatIsNotUTF8IsRefused() {
        let scenario = Scenario(files: ["README.md": "{{>p}}"])
        defer { scenario.dir.cleanUp() }
        scenario.dir.writeData("bp/partials/p.mustache", Data([0x7B, 0x7B, 0xFF, 0xFE, 0x7D, 0x7D]))
        scenario.expectRefusal(["partials/p.mustache is not UTF-8 text"])
    }

    @Test func binaryAndNonUTF8FilesAreCopiedByteForByte() throws {
        let scenario = Scenario(files: ["README.md": "x\n"])
        defer { scenario.dir.cleanUp() }
        var random = FuzzRandom(seed: 7)
        let binary = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0xFF, 0x7B, 0x7B, 0x78, 0x7D, 0x7D])
            + Data((0..<100_000).map { _ in UInt8.random(in: 0...255, using: &random) })
        scenario.dir.writeData("bp/template/logo.png", binary, executable: true)
        let latin1 = Data("caf\u{E9} {{owner}}".data(using: .isoLatin1)!)
        scenario.dir.writeData("bp/template/latin1.txt", latin1)
        let result = scenario.generate()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(FileManager.default.contents(atPath: scenario.target + "/logo.png") == binary)
        #expect(LocalFileSystem().isExecutable(scenario.target + "/logo.png"))
        #expect(FileManager.default.contents(atPath: scenario.target + "/latin1.txt") == latin1)
    }

    @Test func aFileOverTheSizeLimitIsRefusedWithoutReadingIt() throws {
        let scenario = Scenario()
        defer { scenario.dir.cleanUp() }
        // Sparse: 300 MiB of size, no blocks on disk.
        let path = scenario.blueprint + "/template/huge.bin"
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        #expect(truncate(path, 300 << 20) == 0)
        let start = ContinuousClock.now
        let result = scenario.expectRefusal(["template/huge.bin is larger than 256 MiB"])
        #expect(!result.files.reads.contains(path))
        #expect(ContinuousClock.now - start < .seconds(10))
    }

    @Test func aHugeAnswerIsRenderedExactlyAndRefusedInAPath() throws {
        let huge = String(repeating: "0123456789abcdef", count: 1 << 16)  // 1 MiB
        let scenario = Scenario(files: ["README.md": "[{{owner}}]\n", "{{dir}}/x": "x"])
        defer { scenario.dir.cleanUp() }
        let ok = scenario.generate(["--set", "owner=\(huge)"])
        #expect(ok.status == 0, "\(ok.stderr.prefix(300))")
        #expect(scenario.dir.read("out/proj/README.md") == "[\(huge)]\n")
        try FileManager.default.removeItem(atPath: scenario.target)
        let refused = scenario.expectRefusal(["path component '{{dir}}'", "longer than 255 bytes"], ["--set", "dir=\(huge)"])
        #expect(refused.stderr.utf8.count < 4_096, "the refusal repeats the huge answer")
    }

    @Test func answersAreNeverRenderedAgain() {
        let scenario = Scenario(files: ["README.md": "{{owner}}|{{project_name}}\n"])
        defer { scenario.dir.cleanUp() }
        let result = scenario.generate(["--set", "owner={{project_name}}{{>p}}{{/x}}"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(scenario.dir.read("out/proj/README.md") == "{{project_name}}{{>p}}{{/x}}|proj\n")
    }

    @Test func extendsMustNameABlueprintNotAPath() {
        for reference in ["../outside", "/etc", "a/b", ".."] {
            let scenario = Scenario(manifest: #"{"name": "bp", "version": "1.0.0", "summary": "Hostile.", "extends": "\#(reference)"}"#)
            defer { scenario.dir.cleanUp() }
            scenario.expectRefusal(["bp/blueprint.json", "'extends'", "must be a blueprint name"])
        }
    }

    // MARK: Templates that multiply

    @Test func partialsThatMultiplyEndWithAnErrorNamingTheFile() {
        // p0 includes p1 twice, … p39 includes p40 twice: 2^40 inclusions without a limit.
        var partials: [String: String] = ["p40": ""]
        for level in 0..<40 { partials["p\(level)"] = "{{>p\(level + 1)}}{{>p\(level + 1)}}" }
        let scenario = Scenario(files: ["README.md": "{{>p0}}"])
        defer { scenario.dir.cleanUp() }
        for (name, text) in partials { scenario.dir.write("bp/partials/\(name).mustache", text) }
        let start = ContinuousClock.now
        scenario.expectRefusal(["template/README.md", "sections, list items and partials (maxExpansions)"])
        let elapsed = ContinuousClock.now - start
        print("multiplying partials refused in \(elapsed)")
        #expect(elapsed < .seconds(30))
    }

    @Test func partialsThatMultiplyInEveryFileStopAtThePlanBudget() {
        // Each of 200 files spends just under its own share: the plan-wide budget still ends it.
        var files: [String: String] = [:]
        for index in 0..<200 { files["f\(index).txt"] = "{{>p0}}" }
        let scenario = Scenario(files: files)
        defer { scenario.dir.cleanUp() }
        scenario.dir.write("bp/partials/p12.mustache", "")
        for level in 0..<12 { scenario.dir.write("bp/partials/p\(level).mustache", "{{>p\(level + 1)}}{{>p\(level + 1)}}") }
        let start = ContinuousClock.now
        scenario.expectRefusal(["rendering stopped", "do its partials include each other over and over?"])
        #expect(ContinuousClock.now - start < .seconds(30))
    }

    @Test func outputThatExplodesEndsWithAnError() {
        // A 1 MiB answer written 300 times: past the 256 MiB a rendered file may have.
        let huge = String(repeating: "x", count: 1 << 20)
        let scenario = Scenario(files: ["big.txt": String(repeating: "{{owner}}", count: 300)])
        defer { scenario.dir.cleanUp() }
        scenario.expectRefusal(["template/big.txt", "grows past 268435456 bytes"], ["--set", "owner=\(huge)"])
    }

    @Test func selfIncludingPartialsAndDeepSectionsAreErrors() {
        let scenario = Scenario(files: ["a.txt": "{{>loop}}", "b.txt": String(repeating: "{{#owner}}", count: 10_000) + String(repeating: "{{/owner}}", count: 10_000)])
        defer { scenario.dir.cleanUp() }
        scenario.dir.write("bp/partials/loop.mustache", "again {{>loop}}")
        scenario.expectRefusal(["template/a.txt", "partial 'loop' nests deeper than 256 levels", "template/b.txt", "nest"])
    }

    @Test func aPatternThatBacktracksForeverIsRefusedInASecond() {
        // Through the real binary: the abandoned match thread ends with the process.
        let answer = String(repeating: "a", count: 40) + "!"
        let scenario = Scenario(manifest: #"{"name": "bp", "version": "1.0.0", "summary": "Hostile.", "variables": [{"name": "project_name", "default": "\#(answer)", "pattern": "(a+)+b"}]}"#)
        defer { scenario.dir.cleanUp() }
        let start = ContinuousClock.now
        let run = Binary.run(["new", "--blueprint", scenario.blueprint, "--no-input", "--no-git"], in: scenario.parent)
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("pattern (a+)+b of project_name took over 1.0 s"), "\(run.stderr)")
        #expect(ContinuousClock.now - start < .seconds(15))
        #expect(Reliability.snapshot(scenario.parent).isEmpty)
    }

    // MARK: Terminal escapes

    @Test func escapeSequencesNeverReachTheTerminal() {
        // In a file name: refused, and the refusal quotes it escaped.
        let scenario = Scenario(files: ["a\u{1B}]0;owned\u{07}b.txt": "x"])
        defer { scenario.dir.cleanUp() }
        let result = scenario.expectRefusal(["a\\u{1B}]0;owned\\u{7}b.txt", "a control character"])
        #expect(!result.stderr.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })

        // In the manifest's text (list, show and new print it): refused by name.
        let manifest = #"{"name": "bp", "version": "1.0.0", "summary": "fine\u001b[2J", "variables": [{"name": "project_name", "help": "\u009b31m"}]}"#
        let other = Scenario(manifest: manifest)
        defer { other.dir.cleanUp() }
        let refused = other.expectRefusal(["'summary' contains a control character", "variables[0].help contains a control character"])
        #expect(!refused.stderr.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x9B })
        let cli = InProcess(directory: other.parent)
        _ = cli.run(["list", "--blueprints-dir", other.dir.path])
        #expect(cli.stderr.text.contains("'summary' contains a control character"))
        #expect(!(cli.stdout.text + cli.stderr.text).unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x9B })
    }

    // MARK: --force into an existing directory

    @Test func forceNeverWritesThroughALinkInTheTarget() {
        let scenario = Scenario(files: ["src/main.py": "print()\n", "notes.txt": "{{owner}}\n"])
        defer { scenario.dir.cleanUp() }
        scenario.dir.write("out/proj/keep.txt", "mine")
        try! FileManager.default.createSymbolicLink(atPath: scenario.target + "/src", withDestinationPath: scenario.outside)
        try! FileManager.default.createSymbolicLink(atPath: scenario.target + "/notes.txt", withDestinationPath: scenario.outside + "/secret.txt")
        let before = Reliability.snapshot(scenario.outside)
        let targetBefore = Reliability.snapshot(scenario.target)
        let result = scenario.generate(["--force"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("symbolic link"))
        #expect(result.stderr.contains("proj/src"))
        #expect(result.stderr.contains("proj/notes.txt"))
        #expect(Reliability.snapshot(scenario.target) == targetBefore)
        scenario.checkContainment(result, outsideBefore: before)
    }
}

/// The real file system, except that one directory seems to hold `count` one-byte files.
final class CrowdedFileSystem: FileSystem, @unchecked Sendable {
    let base = LocalFileSystem()
    let directory: String
    let count: Int
    private let lock = NSLock()
    private var readCount = 0

    init(directory: String, count: Int) {
        self.directory = directory
        self.count = count
    }

    var reads: Int {
        lock.lock()
        defer { lock.unlock() }
        return readCount
    }

    private func isCrowd(_ path: String) -> Bool { path.hasPrefix(directory + "/") }

    func kind(of path: String) -> FileKind { isCrowd(path) ? .file : base.kind(of: path) }
    func size(of path: String) -> UInt64? { isCrowd(path) ? 1 : base.size(of: path) }
    func isExecutable(_ path: String) -> Bool { isCrowd(path) ? false : base.isExecutable(path) }
    func readFile(_ path: String, limit: Int) throws(FileSystemError) -> Data {
        guard isCrowd(path) else { return try base.readFile(path, limit: limit) }
        lock.lock()
        readCount += 1
        lock.unlock()
        return Data("x".utf8)
    }
    func listDirectory(_ path: String) throws(FileSystemError) -> [String] {
        path == directory ? (0..<count).map { "f\($0)" }.sorted() : try base.listDirectory(path)
    }
    func linkDestination(_ path: String) throws(FileSystemError) -> String { try base.linkDestination(path) }
    func createDirectory(_ path: String) throws(FileSystemError) { try base.createDirectory(path) }
    func createFile(_ path: String, contents: Data, executable: Bool) throws(FileSystemError) {
        try base.createFile(path, contents: contents, executable: executable)
    }
    func rename(_ source: String, to destination: String) throws(FileSystemError) { try base.rename(source, to: destination) }
    func removeTree(_ path: String) throws(FileSystemError) { try base.removeTree(path) }
}
