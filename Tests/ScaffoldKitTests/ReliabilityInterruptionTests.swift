import Dispatch
import Foundation
import Testing
@testable import ScaffoldKit

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `scaffold new` interrupted (SIGINT, SIGTERM) at any moment, failing writes at any step,
/// and runs racing for one target: afterwards there is no project or the whole project
/// (identical to an undisturbed generation), and never a `.NAME.scaffold-*` staging directory.
@Suite("Reliability: interruption, failures and races", .serialized)
struct ReliabilityInterruptionTests {
    static let fileCount = 2_000

    /// A 2,000-file blueprint and a reference generation of it (no git: compared byte for byte).
    struct Fixture {
        let dir = TemporaryDirectory()
        let blueprint: String
        let reference: [String: Data]
        let referenceSeconds: Double
        let referenceGitSeconds: Double

        init() {
            blueprint = Reliability.largeBlueprint(in: dir, name: "big", count: ReliabilityInterruptionTests.fileCount)
            // Named like every run's target: project_name defaults to the directory's name.
            try! FileManager.default.createDirectory(atPath: dir.path + "/reference", withIntermediateDirectories: false)
            try! FileManager.default.createDirectory(atPath: dir.path + "/reference-git", withIntermediateDirectories: false)
            var start = ContinuousClock.now
            let run = Binary.run(["new", dir.path + "/reference/project", "--blueprint", blueprint, "--no-input", "--no-git"], in: dir.path)
            precondition(run.status == 0, run.stderr)
            referenceSeconds = (ContinuousClock.now - start).seconds
            reference = Reliability.snapshot(dir.path + "/reference/project")
            start = ContinuousClock.now
            let withGit = Binary.run(["new", dir.path + "/reference-git/project", "--blueprint", blueprint, "--no-input"], in: dir.path)
            referenceGitSeconds = (ContinuousClock.now - start).seconds
            precondition(withGit.status == 0, withGit.stderr)
        }

        func snapshotWithoutGit(_ path: String) -> [String: Data] {
            Reliability.snapshot(path).filter { !($0.key == ".git" || $0.key.hasPrefix(".git/")) }
        }
    }

    @Test func signalsAtRandomMomentsLeaveNoProjectOrTheWholeProject() throws {
        let fixture = Fixture()
        defer { fixture.dir.cleanUp() }
        let runs = Reliability.count("SCAFFOLD_RELIABILITY_KILLS", default: 20)
        var random = FuzzRandom(seed: Reliability.seed(0x51_6E_A1))
        let hasGit = FileManager.default.isExecutableFile(atPath: "/usr/bin/git") || LocalProcessRunner.which("git", environment: ProcessInfo.processInfo.environment) != nil
        var outcomes: [String: Int] = [:]
        print("interruption: reference generation \(String(format: "%.2f", fixture.referenceSeconds)) s without git, \(String(format: "%.2f", fixture.referenceGitSeconds)) s with git")
        for run in 0..<runs {
            let useGit = hasGit && run % 4 == 3
            let signal = run % 2 == 0 ? SIGINT : SIGTERM
            let span = useGit ? fixture.referenceGitSeconds : fixture.referenceSeconds
            let delay = Double.random(in: 0...(span * 1.1), using: &random)
            let parent = fixture.dir.path + "/run\(run)"
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: false)
            let target = parent + "/project"
            var arguments = [Binary.path, "new", target, "--blueprint", fixture.blueprint, "--no-input"]
            if !useGit { arguments.append("--no-git") }
            let stderrFile = parent + ".stderr"
            let process = try #require(SpawnedProcess.start(arguments, stderr: stderrFile))
            usleep(UInt32(delay * 1_000_000))
            process.send(signal)
            let outcome = process.wait()
            // A git process still running when scaffold exited must not bring anything back.
            if useGit { usleep(300_000) }
            let stderr = (try? String(contentsOfFile: stderrFile, encoding: .utf8)) ?? ""
            let label = "run \(run) (\(signal == SIGINT ? "SIGINT" : "SIGTERM") after \(String(format: "%.3f", delay)) s\(useGit ? ", git" : "")"

            #expect(Reliability.debris(in: parent).isEmpty, "\(label): staging debris \(Reliability.debris(in: parent))")
            let present = FileManager.default.fileExists(atPath: target)
            switch (outcome.status, outcome.signal) {
            case (0?, _):
                #expect(present, "\(label): exit 0 without a project")
                outcomes["finished first", default: 0] += 1
            case (let status?, _):
                #expect(status == 128 + signal, "\(label): exit \(status): \(stderr)")
                outcomes[present ? "interrupted after the commit" : "interrupted, nothing left", default: 0] += 1
            case (nil, let killed?):
                // Before the handler was installed: the default action, nothing written yet.
                #expect(killed == signal, "\(label): died of signal \(killed)")
                outcomes["killed before start-up", default: 0] += 1
            case (nil, nil):
                Issue.record("\(label): no outcome")
            }
            if present {
                let tree = useGit ? fixture.snapshotWithoutGit(target) : Reliability.snapshot(target)
                #expect(tree == fixture.reference, "\(label): a partial or different project: \(Reliability.difference(tree, fixture.reference))")
                if useGit { #expect(FileManager.default.fileExists(atPath: target + "/.git/HEAD"), "\(label): no git repository") }
            }
            try? FileManager.default.removeItem(atPath: parent)
            try? FileManager.default.removeItem(atPath: stderrFile)
        }
        print("interruption: \(runs) runs: \(outcomes.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", "))")
        #expect(outcomes["interrupted, nothing left", default: 0] > 0)
    }

    @Test func racingBinariesOneWinsTheOtherRefuses() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let blueprint = Reliability.largeBlueprint(in: dir, name: "race", count: 300)
        try FileManager.default.createDirectory(atPath: dir.path + "/reference", withIntermediateDirectories: false)
        #expect(Binary.run(["new", dir.path + "/reference/p", "--blueprint", blueprint, "--no-input", "--no-git"], in: dir.path).status == 0)
        let reference = Reliability.snapshot(dir.path + "/reference/p")
        for round in 0..<4 {
            let parent = dir.path + "/round\(round)"
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: false)
            // Round 2 and 3: the target already exists, empty (rename(2) may replace an empty directory).
            if round >= 2 { try FileManager.default.createDirectory(atPath: parent + "/p", withIntermediateDirectories: false) }
            let processes = try (0..<3).map { index in
                try #require(SpawnedProcess.start(
                    [Binary.path, "new", parent + "/p", "--blueprint", blueprint, "--no-input", "--no-git"],
                    stderr: parent + ".err\(index)"))
            }
            let outcomes = processes.map { $0.wait() }
            let errors = (0..<3).map { (try? String(contentsOfFile: parent + ".err\($0)", encoding: .utf8)) ?? "" }
            #expect(outcomes.filter { $0.status == 0 }.count == 1, "round \(round): \(outcomes.map { String(describing: $0.status) }) \(errors)")
            for (outcome, error) in zip(outcomes, errors) where outcome.status != 0 {
                #expect(outcome.status == 2, "\(error)")
                #expect(error.contains("is not empty") || error.contains("was filled by another process"), "\(error)")
            }
            let tree = Reliability.snapshot(parent + "/p")
            #expect(tree == reference, "round \(round): a mixed tree: \(Reliability.difference(tree, reference))")
            #expect(Reliability.debris(in: parent).isEmpty)
        }
    }

    // MARK: Failures injected through the file-system layer

    func smallPlan(_ dir: TemporaryDirectory) throws -> GenerationPlan {
        let path = Reliability.largeBlueprint(in: dir, name: "small", count: 24)
        let blueprint = try BlueprintCatalog(directories: [], fileSystem: LocalFileSystem()).blueprint(path, currentDirectory: "/")
        return try Planner().plan(blueprint, answers: try AnswerResolver().resolve(blueprint))
    }

    @Test func aWriteFailingAtAnyStepLeavesNoProjectAndNoDebris() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let plan = try smallPlan(dir)
        let counter = FailingFileSystem(failAt: nil)
        try ProjectWriter(fileSystem: counter, interruption: InterruptionGuard()).write(plan, to: dir.path + "/counted", force: false)
        let total = counter.operations
        #expect(total == 1 + plan.directories.count + plan.files.count + 1)
        for failAt in 1...total {
            let parent = dir.path + "/fail\(failAt)"
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: false)
            let writer = ProjectWriter(fileSystem: FailingFileSystem(failAt: failAt), interruption: InterruptionGuard())
            do {
                try writer.write(plan, to: parent + "/project", force: false)
                Issue.record("step \(failAt): the write succeeded")
            } catch {
                #expect(error.what.contains("injected"), "step \(failAt): \(error.what)")
                #expect(error.exitCode == .failure)
                #expect(error.fix.contains("nothing was written"))
            }
            #expect(Reliability.snapshot(parent).isEmpty, "step \(failAt) of \(total): left \(Reliability.snapshot(parent).keys.sorted().prefix(5))")
        }
    }

    @Test func aWriteFailingMidwayThroughTheCommandExitsThreeAndLeavesNothing() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let blueprint = Reliability.largeBlueprint(in: dir, name: "cli", count: 24)
        try FileManager.default.createDirectory(atPath: dir.path + "/out", withIntermediateDirectories: false)
        for failAt in [1, 2, 10, 40] {
            let cli = InProcess(directory: dir.path + "/out", fileSystem: FailingFileSystem(failAt: failAt))
            let status = cli.run(["new", "p", "--blueprint", blueprint, "--no-input", "--no-git"])
            #expect(status == 3, "\(cli.stderr.text)")
            #expect(cli.stderr.text.contains("injected") && cli.stderr.text.contains("nothing was written"), "\(cli.stderr.text)")
            #expect(Reliability.snapshot(dir.path + "/out").isEmpty)
        }
    }

    @Test func forceWithAFailureMidwayLeavesEveryFileWhole() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let plan = try smallPlan(dir)
        let target = dir.path + "/existing"
        dir.write("existing/keep.txt", "mine")
        try ProjectWriter(fileSystem: LocalFileSystem(), interruption: InterruptionGuard()).write(plan, to: target, force: true)
        // Counted over an existing project: staging, then one rename per file.
        let counter = FailingFileSystem(failAt: nil)
        try ProjectWriter(fileSystem: counter, interruption: InterruptionGuard()).write(plan, to: target, force: true)
        let total = counter.operations
        #expect(total == 1 + plan.directories.count + 2 * plan.files.count)
        let fresh = Reliability.snapshot(target)
        for failAt in stride(from: 1, through: total, by: 3) {
            // Start from old versions of every generated file.
            for file in plan.files { try Data("old".utf8).write(to: URL(fileURLWithPath: target + "/" + file.path)) }
            let writer = ProjectWriter(fileSystem: FailingFileSystem(failAt: failAt), interruption: InterruptionGuard())
            #expect(throws: ScaffoldError.self) { try writer.write(plan, to: target, force: true) }
            let tree = Reliability.snapshot(target)
            #expect(Set(tree.keys) == Set(fresh.keys), "step \(failAt): files appeared or vanished")
            for (path, contents) in tree where contents != Data("dir".utf8) && path != "keep.txt" {
                let old = contents == Data("old".utf8) || contents == Data("xold".utf8)
                #expect(old || contents == fresh[path], "step \(failAt): \(path) is neither old nor new")
            }
            #expect(tree["keep.txt"] == Data("mine".utf8))
            #expect(Reliability.debris(in: dir.path).isEmpty)
        }
    }

    @Test func theInterruptionGuardRunsCleanupsOnceAndBlocksLaterCommits() {
        let guardian = InterruptionGuard()
        let log = MemoryOutput()
        let first = guardian.register { log.write("first ") }
        _ = guardian.register { log.write("second ") }
        _ = guardian.register { log.write("third ") }
        guardian.remove(first)
        #expect(guardian.critical {} == true)
        #expect(guardian.signal == nil)
        guardian.interrupt(signal: SIGTERM)
        guardian.interrupt(signal: SIGINT)
        #expect(log.text == "third second ")
        #expect(guardian.signal == SIGTERM)
        var ran = false
        #expect(guardian.critical { ran = true } == false)
        #expect(!ran)
    }

    @Test func anInterruptionWhileStagingStopsTheWriterAndLeavesNoDebris() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let plan = try smallPlan(dir)
        let total = 1 + plan.directories.count + plan.files.count + 1
        var interrupted = 0
        for step in 1..<total {
            let parent = dir.path + "/int\(step)"
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: false)
            let guardian = InterruptionGuard()
            let done = DispatchSemaphore(value: 0)
            // The "signal handler" runs on another thread at write operation `step`, while the
            // writer holds on.
            let files = FailingFileSystem(failAt: nil) { number in
                if number == step { DispatchQueue.global().async { guardian.interrupt(signal: SIGTERM); done.signal() } }
            }
            do {
                try ProjectWriter(fileSystem: files, interruption: guardian).write(plan, to: parent + "/project", force: false)
                done.wait()
                #expect(Reliability.snapshot(parent + "/project").count == plan.files.count + plan.directories.count)
            } catch {
                done.wait()
                interrupted += 1
                #expect(error.exitCode == .interrupted, "step \(step): \(error.what)")
                #expect(!FileManager.default.fileExists(atPath: parent + "/project"))
            }
            #expect(guardian.signal == SIGTERM)
            #expect(Reliability.debris(in: parent).isEmpty, "step \(step): \(Reliability.debris(in: parent))")
        }
        // When the "signal" thread gets the lock only after the last step, the project is whole.
        print("interruption in-process: \(interrupted) of \(total - 1) writers stopped, the others finished whole")
    }
}
