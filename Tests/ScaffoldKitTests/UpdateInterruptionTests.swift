import Foundation
import Testing
@testable import ScaffoldKit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `scaffold update` interrupted at random moments (SIGINT, SIGTERM), with writes failing
/// at every step, and with git failing after the working tree moved: afterwards the
/// project is byte-identical to before, or fully updated — never in between.
@Suite(.enabled(if: LocalProcessRunnerPath.available), .serialized)
struct UpdateInterruptionTests {
    /// The project's state as a user sees it: files (without .git), HEAD, merge state, status.
    struct State: Equatable {
        var files: [String: Data]
        var head: String
        var merging: Bool
        var status: String
    }

    func state(_ fixture: UpdateFixture, _ root: String) -> State {
        let merging = UpdateFixture.spawn([UpdateFixture.gitPath, "rev-parse", "-q", "--verify", "MERGE_HEAD"], in: root, environment: fixture.environment).status == 0
        let status = UpdateFixture.spawn([UpdateFixture.gitPath, "status", "--porcelain"], in: root, environment: fixture.environment).stdout
        return State(
            files: Reliability.snapshot(root).filter { !($0.key == ".git" || $0.key.hasPrefix(".git/")) },
            head: fixture.head(root), merging: merging, status: status)
    }

    /// Puts the project back at `head` with no merge state.
    func reset(_ fixture: UpdateFixture, _ root: String, to head: String) {
        _ = UpdateFixture.spawn([UpdateFixture.gitPath, "update-ref", "-d", "MERGE_HEAD"], in: root, environment: fixture.environment)
        fixture.git(["reset", "-q", "--hard", head], in: root)
        fixture.git(["clean", "-fdq"], in: root)
    }

    /// A project from v1 whose blueprint directory now holds v2; `conflict` adds a conflicting edit.
    func project(_ fixture: UpdateFixture, conflict: Bool) -> String {
        let source = fixture.dir.path + "/live/demo"
        try! FileManager.default.createDirectory(atPath: fixture.dir.path + "/live", withIntermediateDirectories: true)
        try! FileManager.default.copyItem(atPath: fixture.v1, toPath: source)
        let root = fixture.project(from: source, conflict: conflict)
        try! FileManager.default.removeItem(atPath: source)
        try! FileManager.default.copyItem(atPath: fixture.v2, toPath: source)
        return root
    }

    @Test(arguments: [false, true])
    func signalsAtRandomMomentsLeaveTheProjectAsItWasOrFullyUpdated(conflict: Bool) throws {
        let fixture = UpdateFixture()
        defer { fixture.dir.cleanUp() }
        let root = project(fixture, conflict: conflict)
        let head = fixture.head(root)
        let before = state(fixture, root)
        let temporary = fixture.dir.path + "/tmp"
        try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true)
        let environment = fixture.environment.merging(["TMPDIR": temporary]) { _, new in new }

        // The reference: one undisturbed update.
        let start = ContinuousClock.now
        let reference = fixture.scaffold(["update", root], environment: environment)
        let seconds = (ContinuousClock.now - start).seconds
        #expect(reference.status == (conflict ? 4 : 0), "\(reference.stderr)")
        var updated = state(fixture, root)
        let updatedTree = fixture.git(["rev-parse", "HEAD^{tree}"], in: root).stdout
        reset(fixture, root, to: head)
        #expect(state(fixture, root) == before)

        let runs = Reliability.count("SCAFFOLD_RELIABILITY_KILLS", default: 20)
        var random = FuzzRandom(seed: Reliability.seed(0x0B_DA_7E))
        var outcomes: [String: Int] = [:]
        for run in 0..<runs {
            let signal = run % 2 == 0 ? SIGINT : SIGTERM
            let delay = Double.random(in: 0...(seconds * 1.1), using: &random)
            let process = try #require(SpawnedProcess.start([Binary.path, "update", root], environment: environment))
            usleep(UInt32(delay * 1_000_000))
            process.send(signal)
            let outcome = process.wait()
            usleep(200_000)  // a git child still running must not change anything afterwards
            let after = state(fixture, root)
            let label = "run \(run) (\(signal == SIGINT ? "SIGINT" : "SIGTERM") after \(String(format: "%.3f", delay)) s, exit \(outcome.status.map(String.init) ?? "signal")"
            if after == before {
                outcomes["as it was", default: 0] += 1
            } else {
                // Fully updated: the reference's files; a new merge commit (clean) or the merge state (conflict).
                updated.head = after.head
                #expect(after == updated, "\(label): a partial update: \(Reliability.difference(after.files, updated.files)); head \(after.head) merging \(after.merging) status \(after.status)")
                if !conflict {
                    #expect(fixture.git(["rev-parse", "HEAD^{tree}"], in: root).stdout == updatedTree, "\(label)")
                    #expect(fixture.git(["rev-parse", "HEAD^1"], in: root).stdout.hasPrefix(head), "\(label)")
                }
                outcomes["fully updated", default: 0] += 1
            }
            if let status = outcome.status { #expect([0, 4, 130, 143].contains(status), "\(label)") }
            #expect(((try? FileManager.default.contentsOfDirectory(atPath: temporary)) ?? []).isEmpty, "\(label): scratch left in TMPDIR")
            reset(fixture, root, to: head)
            for name in (try? FileManager.default.contentsOfDirectory(atPath: temporary)) ?? [] {
                try? FileManager.default.removeItem(atPath: temporary + "/" + name)
            }
        }
        print("update interruption (\(conflict ? "conflict" : "clean"), reference \(String(format: "%.2f", seconds)) s): \(outcomes.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", "))")
        #expect(outcomes["as it was", default: 0] > 0)
    }

    /// Every write scaffold makes (scratch files, objects copied in, MERGE_MSG) failing in
    /// turn: each failure leaves the project as it was; then the update succeeds.
    @Test func aFailedWriteAtAnyStepLeavesTheProjectAsItWas() throws {
        let fixture = UpdateFixture()
        defer { fixture.dir.cleanUp() }
        let root = project(fixture, conflict: true)
        let head = fixture.head(root)
        let before = state(fixture, root)
        // An undisturbed run on a clone counts the writes (the project's own object store stays untouched).
        let clone = fixture.dir.path + "/counting"
        fixture.git(["clone", "-q", "--no-hardlinks", root, clone], in: fixture.dir.path)
        let counter = FailingFileSystem(failAt: nil)
        #expect(InProcess(directory: fixture.dir.path, environment: fixture.environment, fileSystem: counter).run("update", clone) == 4)
        let writes = counter.operations
        let updated: State = {
            #expect(fixture.scaffold(["update", root]).status == 4)
            defer { reset(fixture, root, to: head) }
            return state(fixture, root)
        }()
        var failed = 0
        var rolledBack = 0
        for failAt in 1...writes {
            let cli = InProcess(directory: fixture.dir.path, environment: fixture.environment, fileSystem: FailingFileSystem(failAt: failAt))
            let status = cli.run("update", root)
            if status == 4 {
                // This write's failure was handled (a directory that already existed): fully updated.
                #expect(state(fixture, root) == updated, "write \(failAt)")
            } else {
                #expect(status == 3, "write \(failAt): exit \(status): \(cli.stderr.text)")
                #expect(state(fixture, root) == before, "write \(failAt) failed: the project changed: \(cli.stderr.text)")
                failed += 1
                if cli.stderr.text.contains("the project was put back as it was") { rolledBack += 1 }
            }
            reset(fixture, root, to: head)
        }
        print("update: \(failed) of \(writes) writes failed in turn (\(rolledBack) while applying, rolled back), each leaving the project as it was")
        #expect(failed >= 10 && rolledBack >= 1)
    }

    /// git failing once the working tree has moved (the HEAD update refused): rolled back.
    @Test func gitFailingAfterTheWorkingTreeMovedIsRolledBack() throws {
        let fixture = UpdateFixture()
        defer { fixture.dir.cleanUp() }
        let root = project(fixture, conflict: false)
        let before = state(fixture, root)
        let bin = fixture.dir.path + "/fakebin"
        fixture.dir.write("fakebin/git", """
            #!/bin/sh
            case "$*" in *"-m scaffold update HEAD"*) echo "fatal: injected failure" >&2; exit 1;; esac
            exec \(UpdateFixture.gitPath) "$@"

            """, executable: true)
        let path = bin + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin")
        let run = fixture.scaffold(["update", root], environment: ["PATH": path])
        #expect(run.status == 3)
        #expect(run.stderr == "error: git update-ref -m failed: fatal: injected failure — the project was put back as it was; check free space and permissions, then run scaffold update again\n")
        #expect(state(fixture, root) == before)
        #expect(fixture.scaffold(["update", root]).status == 0)
    }
}
