import Foundation
import Testing
@testable import ScaffoldKit

/// The version-bump guard: every built-in blueprint's output with default answers is
/// fingerprinted in `Tests/blueprint-digests.txt` (`NAME VERSION sha256:HEX` per line).
/// When a blueprint's output changes and its version does not, this fails: projects made
/// from it could never tell the two apart, and `scaffold update` / `check` would miss it.
///
/// After bumping the version (and adding a Changelog entry to README.md), regenerate the file:
///
///     SCAFFOLD_UPDATE_BLUEPRINT_DIGESTS=1 swift test --filter BuiltinBlueprintVersionTests
@Suite struct BuiltinBlueprintVersionTests {
    static let file = Binary.packageRoot + "/Tests/blueprint-digests.txt"
    static let regenerate = "SCAFFOLD_UPDATE_BLUEPRINT_DIGESTS=1 swift test --filter BuiltinBlueprintVersionTests"

    struct Fingerprint: Equatable {
        var name: String
        var version: String
        var digest: String

        var line: String { "\(name) \(version) \(digest)" }
    }

    /// The fingerprint of a rendered plan: every path, mode and byte, in path order.
    static func digest(_ plan: GenerationPlan) -> String {
        var hasher = SHA256()
        for file in plan.files.sorted(by: { $0.path < $1.path }) {
            hasher.update(Data("\(file.path)\0\(file.executable ? "x" : "-")\0\(file.contents.count)\0".utf8))
            hasher.update(file.contents)
        }
        return "sha256:" + SHA256.hex(hasher.finalize())
    }

    /// Every built-in that can be generated, rendered with its default answers.
    static func current() throws -> [Fingerprint] {
        let catalog = BlueprintCatalog(directories: [], fileSystem: LocalFileSystem())
        return try catalog.entries().entries.filter { $0.origin == .builtIn }.map { entry in
            let blueprint = try catalog.blueprint(entry.manifest.name, currentDirectory: "/")
            let plan = try Planner().plan(blueprint, answers: try AnswerResolver().resolve(blueprint))
            return Fingerprint(name: blueprint.name, version: blueprint.version, digest: digest(plan))
        }
    }

    static func parse(_ text: String) -> [String: Fingerprint] {
        var result: [String: Fingerprint] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: " ").map(String.init)
            if parts.count == 3 { result[parts[0]] = Fingerprint(name: parts[0], version: parts[1], digest: parts[2]) }
        }
        return result
    }

    /// What is wrong between the recorded fingerprints and the current ones (one line each).
    static func problems(recorded: [String: Fingerprint], current: [Fingerprint]) -> [String] {
        var problems: [String] = []
        for now in current {
            guard let then = recorded[now.name] else {
                problems.append("\(now.name) \(now.version) has no recorded digest: regenerate with \(regenerate)")
                continue
            }
            if then.version == now.version && then.digest != now.digest {
                problems.append(
                    "\(now.name)'s output changed but its version is still \(now.version): bump \"version\" in Blueprints/\(now.name)/blueprint.json, "
                        + "add a Changelog entry for it in README.md, then regenerate with \(regenerate)")
            } else if then.version != now.version {
                problems.append("\(now.name) is now \(now.version) (digest recorded for \(then.version)): regenerate with \(regenerate)")
            }
        }
        for name in recorded.keys.sorted() where !current.contains(where: { $0.name == name }) {
            problems.append("\(name) is no longer a built-in blueprint: regenerate with \(regenerate)")
        }
        return problems
    }

    @Test func everyBuiltInsOutputIsFingerprintedAtItsVersion() throws {
        let current = try Self.current()
        #expect(current.count >= 1)
        if ProcessInfo.processInfo.environment["SCAFFOLD_UPDATE_BLUEPRINT_DIGESTS"] == "1" {
            let header = "# NAME VERSION sha256 of the output with default answers (Tests/ScaffoldKitTests/BuiltinBlueprintVersionTests.swift)\n"
            try (header + current.map(\.line).joined(separator: "\n") + "\n").write(toFile: Self.file, atomically: true, encoding: .utf8)
        }
        let text = (try? String(contentsOfFile: Self.file, encoding: .utf8)) ?? ""
        for problem in Self.problems(recorded: Self.parse(text), current: current) {
            Issue.record(Comment(rawValue: problem))
        }
    }

    @Test func theGuardCatchesAChangeWithoutABump() {
        let recorded = ["a": Fingerprint(name: "a", version: "1.0.0", digest: "sha256:1"), "gone": Fingerprint(name: "gone", version: "1.0.0", digest: "sha256:9")]
        #expect(Self.problems(recorded: recorded, current: [Fingerprint(name: "a", version: "1.0.0", digest: "sha256:1")]).count == 1)  // only "gone"
        let changed = Self.problems(recorded: recorded, current: [Fingerprint(name: "a", version: "1.0.0", digest: "sha256:2"), Fingerprint(name: "gone", version: "1.0.0", digest: "sha256:9")])
        #expect(changed == ["a's output changed but its version is still 1.0.0: bump \"version\" in Blueprints/a/blueprint.json, add a Changelog entry for it in README.md, then regenerate with \(Self.regenerate)"])
        let bumped = Self.problems(recorded: recorded, current: [Fingerprint(name: "a", version: "1.1.0", digest: "sha256:2"), Fingerprint(name: "gone", version: "1.0.0", digest: "sha256:9")])
        #expect(bumped == ["a is now 1.1.0 (digest recorded for 1.0.0): regenerate with \(Self.regenerate)"])
        // The digest sees one byte and the executable bit.
        let file = GenerationPlan.File(path: "a", contents: Data("x".utf8), executable: false)
        var other = file
        other.executable = true
        #expect(Self.digest(GenerationPlan(blueprint: "a", version: "1", files: [file])) != Self.digest(GenerationPlan(blueprint: "a", version: "1", files: [other])))
    }
}
