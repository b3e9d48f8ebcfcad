import Foundation
import Testing

/// The blueprints embedded in the binary: listed, shown, generated — from
/// anywhere, by the binary alone.
@Suite struct BuiltinBlueprintTests {
    static let builtIns: [String] = {
        let run = Binary.run(["list", "--json"], in: "/")
        guard let items = try? JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]] else { return [] }
        return items.compactMap { $0["name"] as? String }.sorted()
    }()

    @Test func listShowsEveryBlueprintButTheBase() {
        #expect(Self.builtIns.contains("nlp-eval"))
        #expect(!Self.builtIns.contains("ml-base"))
        let text = Binary.run(["list"], in: "/")
        #expect(text.status == 0)
        #expect(text.stderr.isEmpty)
        #expect(text.stdout.contains("nlp-eval"))
    }

    @Test func theBinaryAloneCarriesItsBlueprints() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let copy = dir.path + "/bin/scaffold"
        try FileManager.default.createDirectory(atPath: dir.path + "/bin", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Binary.path, toPath: copy)
        let list = Binary.run(["list", "--json"], in: dir.path, executable: copy)
        #expect(list.status == 0)
        let run = Binary.run(["new", "p", "--blueprint", "nlp-eval", "--no-input", "--no-git"], in: dir.path, executable: copy)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(dir.exists("p/scaffold.json"))
        #expect(dir.exists("p/pyproject.toml"))
    }

    @Test func showDescribesVariablesFilesAndContract() throws {
        let run = Binary.run(["show", "nlp-eval", "--json"], in: "/")
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let variables = try #require(object["variables"] as? [[String: Any]])
        #expect(variables.contains { $0["name"] as? String == "project_name" })
        let files = try #require(object["files"] as? [String])
        #expect(files.contains("scaffold.json") && files.contains("pyproject.toml"))
        let impact = try #require(object["impact"] as? [String: Any])
        #expect(impact["primary_metric"] as? String == "macro_f1")
        #expect(impact["greater_is_better"] as? Bool == true)
        let text = Binary.run(["show", "nlp-eval"], in: "/")
        #expect(text.stdout.contains("VARIABLES:") && text.stdout.contains("IMPACT CONTRACT (scaffold.json):"))
        let base = Binary.run(["new", "x", "--blueprint", "ml-base"], in: "/tmp")
        #expect(base.status == 2)
        #expect(base.stderr.contains("base layer"))
    }

    @Test(arguments: BuiltinBlueprintTests.builtIns)
    func everyBlueprintGeneratesWithDefaults(name: String) throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let run = Binary.run(["new", "p", "--blueprint", name, "--no-input", "--no-git"], in: dir.path)
        #expect(run.status == 0, "\(run.stderr)")
        let manifest = try #require(dir.read("p/scaffold.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(manifest.utf8)) as? [String: Any])
        let impact = try #require(json["impact"] as? [String: Any])
        for key in ["pipeline", "evaluate", "report", "log", "primary_metric", "greater_is_better", "baseline"] {
            #expect(impact[key] != nil, "\(name): impact.\(key)")
        }
        // No unrendered tags in the files every blueprint renders.
        for path in ["README.md", "pyproject.toml", "Makefile", "scaffold.json"] {
            let text = try #require(dir.read("p/" + path), "\(name): \(path) missing")
            #expect(!text.contains("{{"), "\(name): \(path)")
        }
    }
}
