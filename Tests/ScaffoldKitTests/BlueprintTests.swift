import Foundation
import Testing
@testable import ScaffoldKit

@Suite struct ManifestTests {
    func decode(_ json: String) throws(ScaffoldError) -> BlueprintManifest {
        try BlueprintManifest.decode(Data(json.utf8), file: "bp/blueprint.json")
    }

    @Test func decodesEveryField() throws {
        let manifest = try decode("""
            {"name": "demo", "version": "1.2.3-beta.1", "summary": "A demo.", "extends": "base",
             "variables": [
               {"name": "project_name", "default": "demo", "pattern": "^[a-z-]+$", "help": "Name"},
               {"name": "use_ci", "type": "bool", "default": true},
               {"name": "seed", "type": "integer", "default": 7},
               {"name": "license", "type": "choice", "choices": ["MIT", "BSD"], "default": "BSD"},
               {"name": "package_name", "format": "python-identifier", "default": "{{project_name}}"}
             ],
             "conditional": [{"path": ".github/", "if": "!use_ci"}],
             "verbatim": ["data/**"], "next_steps": ["make all"],
             "impact": {"log": "impact/log.jsonl", "greater_is_better": true}}
            """)
        #expect(manifest.name == "demo")
        #expect(manifest.extends == "base")
        #expect(manifest.variables.map(\.kind) == [.string, .bool, .integer, .choice, .string])
        #expect(manifest.variables[3].choices == ["MIT", "BSD"])
        #expect(manifest.conditional == [.init(path: ".github", variable: "use_ci", negated: true)])
        #expect(manifest.impact?["greater_is_better"] == .bool(true))
        #expect(manifest.nextSteps == ["make all"])
    }

    @Test func collectsEveryProblemAtOnce() {
        do {
            _ = try decode("""
                {"name": "Bad Name", "version": "1.0", "sumary": "x",
                 "variables": [{"name": "a", "type": "strng"}, {"name": "a"}, {"name": "b", "type": "bool", "default": "maybe?", "defualt": 1},
                               {"name": "c", "type": "choice"}, {"name": "d", "pattern": "("},
                               {"name": "e", "type": "integer", "minimum": 5, "maximum": 1}, {"name": "f", "minimum": 1},
                               {"name": "g", "type": "integer", "default": 0, "minimum": 1}]}
                """)
            Issue.record("expected an error")
        } catch {
            let all = error.description
            #expect(error.what.hasPrefix("bp/blueprint.json: "))
            for fragment in ["'name' \"Bad Name\"", "'version' \"1.0\" is not a semantic version", "unknown key 'sumary' (did you mean 'summary'?)",
                             "'summary' is missing", "'type' must be one of", "unknown key 'defualt'", "needs 'choices'", "valid regular expression",
                             "'minimum' 5 is above 'maximum' 1", "'minimum' must be a whole number, on an integer variable", "default 0 is outside its bounds"] {
                #expect(all.contains(fragment), "missing: \(fragment)\n\(all)")
            }
        }
    }

    @Test func rejectsNonObjectsAndBadJSON() {
        #expect(throws: ScaffoldError.self) { try decode("[1]") }
        do { _ = try decode("{\"name\": ") } catch {
            #expect(error.what.contains("invalid JSON"))
            #expect(error.fix == "fix the JSON syntax")
        }
    }

    @Test func semanticVersions() {
        #expect(SemanticVersion.isValid("1.0.0"))
        #expect(SemanticVersion.isValid("10.20.30-rc.1+build.5"))
        #expect(!SemanticVersion.isValid("01.0.0"))
        #expect(!SemanticVersion.isValid("1.0"))
    }
}

@Suite struct CatalogTests {
    @Test func extendsMergesVariablesFilesPartialsAndImpact() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        _ = makeBlueprint(in: dir, name: "base", manifest: """
            {"name": "base", "version": "1.0.0", "summary": "Base.", "abstract": true,
             "variables": [{"name": "project_name", "default": "p"}, {"name": "flavour", "default": "plain"}],
             "impact": {"log": "impact/log.jsonl", "primary_metric": "accuracy"}}
            """, files: ["README.md": "base readme", "Makefile": "all:"], partials: ["head": "BASE", "foot": "base foot"])
        _ = makeBlueprint(in: dir, name: "child", manifest: """
            {"name": "child", "version": "2.0.0", "summary": "Child.", "extends": "base",
             "variables": [{"name": "flavour", "default": "spicy"}, {"name": "extra", "type": "bool"}],
             "impact": {"primary_metric": "macro_f1"}}
            """, files: ["README.md": "child readme", "child.txt": "c"], partials: ["head": "CHILD"])
        let catalog = BlueprintCatalog(directories: [dir.path], fileSystem: LocalFileSystem())
        let blueprint = try catalog.blueprint("child", currentDirectory: "/")
        #expect(blueprint.layers.map(\.manifest.name) == ["base", "child"])
        #expect(blueprint.manifest.variables.map(\.name) == ["project_name", "flavour", "extra"])
        #expect(blueprint.manifest.variables[1].defaultValue == .string("spicy"))
        #expect(blueprint.files.map(\.path) == ["Makefile", "README.md", "child.txt"])
        #expect(blueprint.files[1].contents == Data("child readme".utf8))
        #expect(blueprint.partials == ["head": "CHILD", "foot": "base foot"])
        #expect(blueprint.manifest.impact == ["log": .string("impact/log.jsonl"), "primary_metric": .string("macro_f1")])
        // Abstract bases are not listed and cannot be generated.
        let names = catalog.entries().entries.map(\.manifest.name)
        #expect(names.contains("child") && !names.contains("base"))
        do {
            _ = try catalog.blueprint("base", currentDirectory: "/")
            Issue.record("abstract blueprint generated")
        } catch {
            #expect(error.what.contains("base layer"))
            #expect(error.fix.contains("child"))
        }
    }

    @Test func unknownBlueprintSuggestsTheClosest() {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        _ = makeBlueprint(in: dir, name: "tabular", manifest: #"{"name": "tabular", "version": "1.0.0", "summary": "T."}"#)
        let catalog = BlueprintCatalog(directories: [dir.path], fileSystem: LocalFileSystem())
        do {
            _ = try catalog.blueprint("tabulr", currentDirectory: "/")
            Issue.record("expected unknown blueprint")
        } catch {
            #expect(error.what == "unknown blueprint 'tabulr'")
            #expect(error.fix.contains("did you mean 'tabular'?"))
            #expect(error.fix.contains("scaffold list"))
        }
    }

    @Test func extendsLoopIsAnError() {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        _ = makeBlueprint(in: dir, name: "a", manifest: #"{"name": "a", "version": "1.0.0", "summary": "A.", "extends": "b"}"#)
        _ = makeBlueprint(in: dir, name: "b", manifest: #"{"name": "b", "version": "1.0.0", "summary": "B.", "extends": "a"}"#)
        let catalog = BlueprintCatalog(directories: [dir.path], fileSystem: LocalFileSystem())
        #expect(throws: ScaffoldError.self) { try catalog.blueprint("a", currentDirectory: "/") }
    }

    @Test func symlinksMayNotLeaveTheBlueprint() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = makeBlueprint(in: dir, name: "evil", manifest: #"{"name": "evil", "version": "1.0.0", "summary": "E."}"#, files: ["ok.txt": "fine"])
        dir.write("secret.txt", "do not read")
        try FileManager.default.createSymbolicLink(atPath: path + "/template/inside.txt", withDestinationPath: "ok.txt")
        // An inside link is read as its file.
        let layer = try BlueprintLayer.load(directory: path, fileSystem: LocalFileSystem())
        #expect(layer.files.first { $0.path == "inside.txt" }?.contents == Data("fine".utf8))
        try FileManager.default.createSymbolicLink(atPath: path + "/template/leak.txt", withDestinationPath: "../../secret.txt")
        do {
            _ = try BlueprintLayer.load(directory: path, fileSystem: LocalFileSystem())
            Issue.record("link outside the blueprint was followed")
        } catch {
            #expect(error.what.contains("leak.txt points outside the blueprint"))
        }
    }
}
