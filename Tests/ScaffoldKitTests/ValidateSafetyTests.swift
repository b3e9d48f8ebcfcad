import Foundation
@testable import ScaffoldKit
import Testing

/// Validate on hostile trees: links, FIFOs, sparse giants, virtualenvs, bulk data.
@Suite struct ValidateSafetyTests {
    /// The local file system, recording what validate asks of it.
    final class RecordingFileSystem: FileSystem, @unchecked Sendable {
        let base = LocalFileSystem()
        private let lock = NSLock()
        private(set) var reads: [(path: String, limit: Int)] = []
        private(set) var chunkReads: [(path: String, chunk: Int)] = []
        private(set) var listed: [String] = []

        private func record(_ body: () -> Void) {
            lock.lock()
            body()
            lock.unlock()
        }

        func kind(of path: String) -> FileKind { base.kind(of: path) }
        func size(of path: String) -> UInt64? { base.size(of: path) }
        func isExecutable(_ path: String) -> Bool { base.isExecutable(path) }
        func readFile(_ path: String, limit: Int) throws(FileSystemError) -> Data {
            record { reads.append((path, limit)) }
            return try base.readFile(path, limit: limit)
        }
        func readChunks(_ path: String, from offset: UInt64, chunkSize: Int, _ body: (Data) -> Bool) throws(FileSystemError) {
            record { chunkReads.append((path, chunkSize)) }
            try base.readChunks(path, from: offset, chunkSize: chunkSize, body)
        }
        func listDirectory(_ path: String) throws(FileSystemError) -> [String] {
            record { listed.append(path) }
            return try base.listDirectory(path)
        }
        func linkDestination(_ path: String) throws(FileSystemError) -> String { try base.linkDestination(path) }
        func createDirectory(_ path: String) throws(FileSystemError) { Issue.record("validate wrote"); try base.createDirectory(path) }
        func createFile(_ path: String, contents: Data, executable: Bool) throws(FileSystemError) {
            Issue.record("validate wrote")
            try base.createFile(path, contents: contents, executable: executable)
        }
        func rename(_ source: String, to destination: String) throws(FileSystemError) { Issue.record("validate wrote") }
        func removeTree(_ path: String) throws(FileSystemError) { Issue.record("validate removed") }
    }

    @Test func aHostileTreeChangesNothingButNotices() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let root = ValidateFixture.hostileTree(dir)
        #expect(mkfifo(root + "/impact-fifo", 0o644) == 0)
        let recorder = RecordingFileSystem()
        let cli = InProcess(directory: "/", fileSystem: recorder)
        let start = Date()
        let status = cli.run("validate", root, "--format", "json")
        #expect(Date().timeIntervalSince(start) < 10)
        #expect(status == 0, "\(cli.stdout.text)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(cli.stdout.text.utf8)) as? [String: Any])
        let notices = try #require(json["notices"] as? [[String: String]]).map { "\($0["path"]!): \($0["message"]!)" }
        for expected in ["loop: symbolic link to loop: not followed", "etc-link: symbolic link to /etc: not followed",
                         "src/tick/deep/up: symbolic link to ../..: not followed", "fifo: special file (FIFO, socket or device): not read",
                         "src/tick/passwd.py: symbolic link to /etc/passwd: not followed"] {
            #expect(notices.contains(expected), "\(expected) in \(notices)")
        }
        #expect(notices.contains { $0.hasPrefix("src/tick/b") && $0.hasSuffix("vanished or has an unreadable name: skipped") }, "\(notices)")
        // Nothing was read whole, through a link, from a special file, or from inside pruned folders.
        #expect(recorder.reads.allSatisfy { $0.limit <= 1 << 20 }, "\(recorder.reads.filter { $0.limit > 1 << 20 })")
        let touched = recorder.reads.map(\.path) + recorder.chunkReads.map(\.path)
        for forbidden in ["fifo", "impact-fifo", "src/tick/named.py", "src/tick/passwd.py", "etc-link", "loop"] {
            #expect(!touched.contains(root + "/" + forbidden), "\(forbidden) was read")
        }
        #expect(!touched.contains { $0.hasPrefix("/etc") })
        #expect(touched.filter { $0.hasSuffix("huge.py") }.allSatisfy { _ in true })
        let listed = recorder.listed.map { $0.hasPrefix(root) ? String($0.dropFirst(root.count)) : $0 }
        for pruned in ["/.venv", "/node_modules", "/loop", "/etc-link"] {
            #expect(!listed.contains { $0 == pruned || $0.hasPrefix(pruned + "/") }, "\(pruned) was walked")
        }
        // A virtualenv known only by its pyvenv.cfg is listed once, to find that file, and not entered.
        #expect(!listed.contains { $0.hasPrefix("/envs/other/") })
        // The tests in the pruned virtualenvs were not taken for the project's.
        let results = try #require(json["results"] as? [[String: Any]])
        let tests = results.first { $0["id"] as? String == "TST001" }
        #expect(tests?.ruleMessage == "2 test files (tests/test_harness.py, tests/test_pipeline.py)")
    }

    @Test func aHugeSparseFileIsReadOnlyUpToTheCap() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let root = ValidateFixture.freshProject(dir)
        let huge = root + "/src/tick/evaluate_all.py"
        #expect(FileManager.default.createFile(atPath: huge, contents: Data()))
        #expect(truncate(huge, 4 << 30) == 0)
        let start = Date()
        let run = ValidateFixture.validate([root], in: "/")
        #expect(Date().timeIntervalSince(start) < 10)
        #expect(run.status == 0, "\(run.stdout)")
    }

    @Test func aHugeSparseLogIsReadInChunksWithinTheByteCap() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let root = ValidateFixture.freshProject(dir)
        let log = root + "/impact/log.jsonl"
        dir.write("p/impact/log.jsonl", ValidateFixture.log(ValidateFixture.runLines(1)))
        #expect(truncate(log, 2 << 30) == 0)
        let recorder = RecordingFileSystem()
        let cli = InProcess(directory: "/", fileSystem: recorder)
        let start = Date()
        #expect(cli.run("validate", root) == 1)
        #expect(Date().timeIntervalSince(start) < 30)
        #expect(cli.stdout.text.contains("over the 1 MB a record may take"), "\(cli.stdout.text)")
        #expect(cli.stdout.text.contains("checked the first 256 MB only"))
        #expect(recorder.chunkReads.allSatisfy { $0.chunk <= 1 << 16 })
        #expect(!recorder.reads.contains { $0.path == log })
    }

    @Test func aLogThatIsAFIFOOrALinkIsRefusedNotOpened() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let root = ValidateFixture.freshProject(dir)
        try FileManager.default.createDirectory(atPath: root + "/impact", withIntermediateDirectories: true)
        #expect(mkfifo(root + "/impact/log.jsonl", 0o644) == 0)
        let fifo = try ValidateFixture.report(in: root)
        #expect(fifo.status == 1)
        #expect(fifo.results["LOG001"]?.ruleMessage == "impact/log.jsonl is a special file (FIFO, socket or device), not a log file")
        #expect(fifo.results["LOG002"]?.ruleOutcome == "skip")
        try FileManager.default.removeItem(atPath: root + "/impact/log.jsonl")
        try FileManager.default.createSymbolicLink(atPath: root + "/impact/log.jsonl", withDestinationPath: "/etc/passwd")
        let link = try ValidateFixture.report(in: root)
        #expect(link.results["LOG001"]?.ruleMessage == "impact/log.jsonl is (or is reached through) a symbolic link, which scaffold does not follow")
        try FileManager.default.removeItem(atPath: root + "/impact/log.jsonl")
        try FileManager.default.removeItem(atPath: root + "/impact")
        try FileManager.default.createSymbolicLink(atPath: root + "/impact", withDestinationPath: "/tmp")
        let parent = try ValidateFixture.report(in: root)
        #expect(parent.results["LOG001"]?.ruleOutcome == "fail")
    }

    @Test func aContractThatIsALinkIsNotRead() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let root = ValidateFixture.freshProject(dir)
        try FileManager.default.removeItem(atPath: root + "/scaffold.json")
        try FileManager.default.createSymbolicLink(atPath: root + "/scaffold.json", withDestinationPath: "/etc/passwd")
        let (status, _, results) = try ValidateFixture.report(in: root)
        #expect(status == 1)
        #expect(results["CON001"]?.ruleMessage == "scaffold.json is a symbolic link; scaffold reads only the regular file at the project root")
        #expect(results["PIP001"]?.ruleOutcome == "skip")
    }

    @Test func theScannerPrunesAndBoundsItsWalk() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        dir.write("src/a.py", "")
        dir.write("src/pkg/data/loader.py", "")  // a code folder named data, below the top: walked
        dir.write("data/raw/x.csv", "")  // bulk data: left out
        dir.write("data/shakespeare/prepare.py", "")  // code inside data/: kept
        dir.write("myenv/pyvenv.cfg", "")
        dir.write("myenv/lib/x.py", "")
        dir.write("conda/conda-meta/history", "")
        dir.write("pkg.egg-info/PKG-INFO", "")
        for name in [".git/HEAD", "node_modules/a.js", "__pycache__/a.pyc", ".pytest_cache/x", ".tox/x", "site-packages/x.py", ".ipynb_checkpoints/x"] {
            dir.write(name, "")
        }
        for index in 0..<30 { dir.write("wide/f\(index).txt", "") }
        var deep = "deep"
        for level in 0..<6 { deep += "/l\(level)" }
        dir.write(deep + "/bottom.py", "")
        var limits = ProjectScanner.Limits()
        limits.maxDirectoryEntries = 20
        limits.maxDepth = 4
        let tree = try ProjectScanner(access: ProjectAccess(fileSystem: LocalFileSystem(), root: dir.path), limits: limits).scan()
        #expect(tree.sortedFiles == ["data/shakespeare/prepare.py", "src/a.py", "src/pkg/data/loader.py"])
        #expect(tree.skipped["data"] == nil && tree.directories.contains("data/raw"))
        #expect(tree.skipped["myenv"] == "virtualenv" && tree.skipped["conda"] == "virtualenv")
        #expect(tree.skipped[".git"] == "git metadata" && tree.skipped["node_modules"] == "installed packages")
        #expect(tree.skipped["pkg.egg-info"] == "build products")
        #expect(tree.skipped["wide"] == "30 entries (bulk data?)")
        #expect(tree.skipped["deep/l0/l1/l2/l3"] == "too deep")
        var capped = ProjectScanner.Limits()
        capped.maxEntries = 5
        let stopped = try ProjectScanner(access: ProjectAccess(fileSystem: LocalFileSystem(), root: dir.path), limits: capped).scan()
        #expect(stopped.entriesSeen == 5)
        #expect(stopped.notices.last?.message == "stopped walking after 5 entries; the rest of the tree was not examined")
        #expect(stopped.truncated?.hasPrefix("the walk stopped at its limit of 5 entries") == true)
    }

    @Test func projectAccessNeverLeavesTheProject() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        dir.write("inside/file.txt", "hello")
        try FileManager.default.createSymbolicLink(atPath: dir.path + "/out", withDestinationPath: "/etc")
        let access = ProjectAccess(fileSystem: LocalFileSystem(), root: dir.path)
        #expect(access.kind("inside/file.txt") == .file)
        #expect(access.kind("out/passwd") == .symlink)
        #expect(access.read("out/passwd") == nil)
        #expect(access.kind("../etc/passwd") == .missing)
        #expect(access.kind("/etc/passwd") == .missing)
        #expect(access.kind("inside/../inside/file.txt") == .file)
        #expect(access.text("inside/file.txt", limit: 3) == "hel")
    }
}
