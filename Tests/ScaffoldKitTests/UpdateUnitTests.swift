import Foundation
import Testing
@testable import ScaffoldKit

@Suite struct UpdateUnitTests {
    @Test func scaffoldJSONMergesMemberByMember() throws {
        let base = try JSONValue.parse(Data(#"{"blueprint": {"name": "d", "version": "1.0.0"}, "impact": {"log": "a.jsonl", "report": "r"}}"#.utf8))
        let ours = try JSONValue.parse(Data(#"{"blueprint": {"name": "d", "version": "1.0.0"}, "impact": {"log": "mine.jsonl", "report": "r"}, "validate": {"ignore": ["HYG"]}}"#.utf8))
        let theirs = try JSONValue.parse(Data(#"{"blueprint": {"name": "d", "version": "2.0.0"}, "impact": {"log": "a.jsonl", "report": "r2", "baseline": "b"}}"#.utf8))
        let merged = ManifestMerge.merge(base: base, ours: ours, theirs: theirs)
        #expect(merged["blueprint"]?["version"]?.stringValue == "2.0.0")
        #expect(merged["impact"]?["log"]?.stringValue == "mine.jsonl")      // only you changed it
        #expect(merged["impact"]?["report"]?.stringValue == "r2")           // only the blueprint changed it
        #expect(merged["impact"]?["baseline"]?.stringValue == "b")          // new in the blueprint
        #expect(merged["validate"]?["ignore"] == .array([.string("HYG")]))  // yours alone
    }

    @Test func blueprintSourcesParse() {
        let fs = LocalFileSystem()
        #expect(BlueprintSource.parse("nlp-eval", currentDirectory: "/", fileSystem: fs) == .name("nlp-eval"))
        #expect(BlueprintSource.parse("git+https://example.com/a/b.git@v1.2.0", currentDirectory: "/", fileSystem: fs)
            == .git(url: "https://example.com/a/b.git", ref: "v1.2.0"))
        #expect(BlueprintSource.parse("git+ssh://git@example.com/a/b.git", currentDirectory: "/", fileSystem: fs)
            == .git(url: "ssh://git@example.com/a/b.git", ref: nil))
        #expect(BlueprintSource.parse("./blueprints/x", currentDirectory: "/tmp", fileSystem: fs) == .directory("/tmp/blueprints/x"))
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        dir.write("repo/.keep", "")
        #expect(BlueprintSource.parse(dir.path + "/repo@v2", currentDirectory: "/", fileSystem: fs) == .git(url: "file://" + dir.path + "/repo", ref: "v2"))
    }

    @Test func versionsOrderBySemanticVersionPrecedence() throws {
        let ordered = ["1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-beta", "1.0.0", "1.2.0", "1.10.0", "2.0.0"]
        let versions = try ordered.map { try #require(BlueprintVersion($0)) }
        for (lower, higher) in zip(versions, versions.dropFirst()) { #expect(lower < higher, "\(lower) < \(higher)") }
        #expect(BlueprintVersion("v1.2.3", allowPrefix: true)?.minor == 2)
        #expect(BlueprintVersion("v1.2.3") == nil)
        #expect(BlueprintVersion("1.2") == nil)
    }

    @Test func updateAndCheckOptionsAreTyped() throws {
        guard case .run(let update) = try ArgumentParser().parse(["update", "p", "--to", "v2", "--set", "a=b", "--dry-run"]) else {
            Issue.record("not a command")
            return
        }
        let options = try #require(update.options as? UpdateCommand.Options)
        #expect(options.path == "p" && options.to == "v2" && options.dryRun)
        #expect(options.sets == [KeyValue(key: "a", value: "b")])
        guard case .run(let check) = try ArgumentParser().parse(["check", "--json"]) else {
            Issue.record("not a command")
            return
        }
        #expect((check.options as? CheckCommand.Options)?.json == true)
    }
}
