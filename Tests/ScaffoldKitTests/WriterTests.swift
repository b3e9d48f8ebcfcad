import Foundation
import Testing
@testable import ScaffoldKit

/// Fails the Nth file creation, or the final rename, to prove nothing is left half-written.
final class FaultyFileSystem: FileSystem, @unchecked Sendable {
    let base = LocalFileSystem()
    private let lock = NSLock()
    var failCreateAt: Int?
    var failRename = false
    private var creates = 0

    init(failCreateAt: Int? = nil, failRename: Bool = false) {
        self.failCreateAt = failCreateAt
        self.failRename = failRename
    }

    func kind(of path: String) -> FileKind { base.kind(of: path) }
    func size(of path: String) -> UInt64? { base.size(of: path) }
    func isExecutable(_ path: String) -> Bool { base.isExecutable(path) }
    func readFile(_ path: String, limit: Int) throws(FileSystemError) -> Data { try base.readFile(path, limit: limit) }
    func listDirectory(_ path: String) throws(FileSystemError) -> [String] { try base.listDirectory(path) }
    func linkDestination(_ path: String) throws(FileSystemError) -> String { try base.linkDestination(path) }
    func createDirectory(_ path: String) throws(FileSystemError) { try base.createDirectory(path) }
    func createFile(_ path: String, contents: Data, executable: Bool) throws(FileSystemError) {
        lock.lock()
        creates += 1
        let count = creates
        lock.unlock()
        if count == failCreateAt { throw FileSystemError("write", path, "No space left on device (injected)") }
        try base.createFile(path, contents: contents, executable: executable)
    }
    func rename(_ source: String, to destination: String) throws(FileSystemError) {
        if failRename { throw FileSystemError("move \(source) to", destination, "Input/output error (injected)") }
        try base.rename(source, to: destination)
    }
    func removeTree(_ path: String) throws(FileSystemError) { try base.removeTree(path) }
}

@Suite struct WriterTests {
    func demoPlan(_ dir: TemporaryDirectory) throws -> GenerationPlan {
        let blueprint = try BlueprintCatalog(directories: [], fileSystem: LocalFileSystem()).blueprint(demoBlueprint(in: dir), currentDirectory: "/")
        return try Planner().plan(blueprint, answers: try AnswerResolver().resolve(blueprint))
    }

    @Test func writesTheWholeProjectWithModes() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let plan = try demoPlan(dir)
        let target = dir.path + "/out/project"
        try FileManager.default.createDirectory(atPath: dir.path + "/out", withIntermediateDirectories: false)
        try ProjectWriter(fileSystem: LocalFileSystem(), interruption: InterruptionGuard()).write(plan, to: target, force: false)
        #expect(!dir.tree("out").contains { $0.contains(".scaffold-") })
        #expect(dir.tree("out/project").count == plan.files.count + plan.directories.count)
        #expect(LocalFileSystem().isExecutable(target + "/run.sh"))
        #expect(!LocalFileSystem().isExecutable(target + "/README.md"))
    }

    @Test(arguments: [1, 3, 6])
    func aFailedWriteLeavesNoProjectAndNoDebris(failAt: Int) throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let plan = try demoPlan(dir)
        try FileManager.default.createDirectory(atPath: dir.path + "/out", withIntermediateDirectories: false)
        let writer = ProjectWriter(fileSystem: FaultyFileSystem(failCreateAt: failAt), interruption: InterruptionGuard())
        do {
            try writer.write(plan, to: dir.path + "/out/project", force: false)
            Issue.record("write succeeded despite the injected failure")
        } catch {
            #expect(error.what.contains("injected"))
            #expect(error.fix.contains("nothing was written"))
            #expect(error.exitCode == .failure)
        }
        #expect(dir.tree("out").isEmpty, "debris: \(dir.tree("out"))")
    }

    @Test func aFailedFinalRenameLeavesNothing() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let plan = try demoPlan(dir)
        try FileManager.default.createDirectory(atPath: dir.path + "/out", withIntermediateDirectories: false)
        let writer = ProjectWriter(fileSystem: FaultyFileSystem(failRename: true), interruption: InterruptionGuard())
        #expect(throws: ScaffoldError.self) { try writer.write(plan, to: dir.path + "/out/project", force: false) }
        #expect(dir.tree("out").isEmpty)
    }

    @Test func interruptionBeforeCommitRemovesTheStagingDirectory() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let plan = try demoPlan(dir)
        try FileManager.default.createDirectory(atPath: dir.path + "/out", withIntermediateDirectories: false)
        let guardian = InterruptionGuard()
        var writer = ProjectWriter(fileSystem: LocalFileSystem(), interruption: guardian)
        // The "signal" arrives after staging, before the rename.
        writer.beforeCommit = { _ throws(ScaffoldError) in guardian.interrupt() }
        do {
            try writer.write(plan, to: dir.path + "/out/project", force: false)
            Issue.record("committed after an interruption")
        } catch {
            #expect(error.exitCode == .interrupted)
        }
        #expect(dir.tree("out").isEmpty)
    }

    @Test func refusesANonEmptyTargetWithoutForce() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let plan = try demoPlan(dir)
        dir.write("project/keep.txt", "mine")
        do {
            try ProjectWriter(fileSystem: LocalFileSystem(), interruption: InterruptionGuard()).write(plan, to: dir.path + "/project", force: false)
            Issue.record("wrote into a non-empty directory")
        } catch {
            #expect(error.what.contains("is not empty"))
            #expect(error.fix.contains("--force"))
        }
        #expect(dir.tree("project") == ["keep.txt"])
    }

    @Test func forceOverwritesGeneratedFilesOnlyAndNeverWritesThroughLinks() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let plan = try demoPlan(dir)
        dir.write("project/keep.txt", "mine")
        dir.write("project/README.md", "old readme")
        let writer = ProjectWriter(fileSystem: LocalFileSystem(), interruption: InterruptionGuard())
        try writer.write(plan, to: dir.path + "/project", force: true)
        #expect(dir.read("project/keep.txt") == "mine")
        #expect(dir.read("project/README.md")?.hasPrefix("# my-project") == true)
        #expect(!dir.tree().contains { $0.contains(".scaffold-") })

        // A link where the plan needs a directory is refused before anything is written.
        dir.write("elsewhere/.keep", "")
        let second = dir.path + "/second"
        dir.write("second/keep.txt", "mine")
        try FileManager.default.createSymbolicLink(atPath: second + "/src", withDestinationPath: dir.path + "/elsewhere")
        do {
            try writer.write(plan, to: second, force: true)
            Issue.record("wrote through a symbolic link")
        } catch {
            #expect(error.what.contains("symbolic link"))
        }
        #expect(dir.tree("elsewhere") == [".keep"])
        #expect(dir.tree("second") == ["keep.txt", "src"])
    }

    @Test func missingParentsAreCreatedAndAFileInTheWayIsAClearError() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let writer = ProjectWriter(fileSystem: LocalFileSystem(), interruption: InterruptionGuard())
        #expect(try writer.state(of: dir.path + "/no/such/project") == .missing)
        #expect(writer.missingParents(of: dir.path + "/no/such/project") == [dir.path + "/no", dir.path + "/no/such"])
        let plan = GenerationPlan(blueprint: "b", version: "1", files: [GenerationPlan.File(path: "a.txt", contents: Data("a".utf8), executable: false)])
        try writer.write(plan, to: dir.path + "/no/such/project", force: false)
        #expect(dir.read("no/such/project/a.txt") == "a")
        dir.write("file", "x")
        do {
            _ = try writer.state(of: dir.path + "/file/sub/project")
            Issue.record("a file as a parent accepted")
        } catch {
            #expect(error.what == "cannot create \(dir.path)/file/sub/project: \(dir.path)/file is not a directory")
        }
    }

    /// A failed write removes the parents this run created (and only those).
    @Test func aFailedWriteRemovesTheParentsItCreated() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        dir.write("existing/.keep", "")
        let writer = ProjectWriter(fileSystem: FailingFileSystem(failAt: 4), interruption: InterruptionGuard())
        let plan = GenerationPlan(blueprint: "b", version: "1", files: [GenerationPlan.File(path: "a.txt", contents: Data("a".utf8), executable: false)])
        #expect(throws: ScaffoldError.self) { try writer.write(plan, to: dir.path + "/existing/x/y/project", force: false) }
        #expect(dir.tree("existing") == [".keep"])
    }

    @Test func racingWritersNeverMixTrees() async throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let plan = try demoPlan(dir)
        let target = dir.path + "/raced"
        let results = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    do {
                        try ProjectWriter(fileSystem: LocalFileSystem(), interruption: InterruptionGuard()).write(plan, to: target, force: false)
                        return true
                    } catch { return false }
                }
            }
            var all: [Bool] = []
            for await result in group { all.append(result) }
            return all
        }
        #expect(results.filter { $0 }.count == 1)
        #expect(dir.tree().filter { $0.contains(".scaffold-") }.isEmpty)
        #expect(dir.tree("raced").filter { !$0.contains("/") }.sorted() == ["README.md", "data", "logo.bin", "run.sh", "scaffold.json", "src"])
    }
}
