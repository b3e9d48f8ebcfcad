import Foundation
import Testing
@testable import ScaffoldKit

/// A blueprint exercising paths, conditionals, verbatim, binary files and derived names.
func demoBlueprint(in dir: TemporaryDirectory) -> String {
    let path = makeBlueprint(in: dir, name: "demo", manifest: """
        {"name": "demo", "version": "1.0.0", "summary": "Demo.",
         "variables": [
           {"name": "project_name", "default": "my-project", "pattern": "^[A-Za-z][A-Za-z0-9._-]*$", "help": "Project name"},
           {"name": "package_name", "default": "{{#python_identifier}}{{project_name}}{{/python_identifier}}", "format": "python-identifier"},
           {"name": "with_docs", "type": "bool", "default": false},
           {"name": "seed", "type": "integer", "default": 42},
           {"name": "license", "type": "choice", "choices": ["MIT", "Apache-2.0"], "default": "MIT"}
         ],
         "conditional": [{"path": "docs", "if": "with_docs"}],
         "verbatim": ["data/**"],
         "impact": {"pipeline": "python -m {{package_name}}.pipeline", "log": "impact/log.jsonl", "greater_is_better": true}}
        """, files: [
            "README.md": "# {{project_name}}\nseed={{seed}} license={{license}}\n{{>footer}}",
            "src/{{package_name}}/__init__.py": "NAME = \"{{package_name}}\"\n",
            "docs/index.md": "docs for {{project_name}}",
            "data/raw.csv": "text,label\n\"{{not a tag}}\",x\n",
        ], partials: ["footer": "-- {{project_name}} --\n"])
    dir.writeData("demo/template/logo.bin", Data([0xFF, 0xFE, 0x00, 0x01, 0x80]))
    dir.write("demo/template/run.sh", "#!/bin/sh\necho {{project_name}}\n", executable: true)
    return path
}

@Suite struct AnswerTests {
    func blueprint(_ dir: TemporaryDirectory) throws -> Blueprint {
        try BlueprintCatalog(directories: [], fileSystem: LocalFileSystem()).blueprint(demoBlueprint(in: dir), currentDirectory: "/")
    }

    @Test func defaultsAreTemplatesOverEarlierAnswers() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        var resolver = AnswerResolver()
        resolver.sets = [("project_name", "Ticket-Router.v2")]
        let answers = try resolver.resolve(try blueprint(dir))
        #expect(answers["package_name"] == .string("ticket_router_v2"))
        #expect(answers["seed"] == .integer(42))
        #expect(answers["with_docs"] == .bool(false))
    }

    @Test func setBeatsAnswersFileBeatsDefault() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        var resolver = AnswerResolver()
        resolver.file = ["seed": .int(7), "with_docs": .bool(true), "license": .string("Apache-2.0")]
        resolver.sets = [("seed", "9")]
        let answers = try resolver.resolve(try blueprint(dir))
        #expect(answers["seed"] == .integer(9))
        #expect(answers["with_docs"] == .bool(true))
        #expect(answers["license"] == .string("Apache-2.0"))
    }

    @Test func directoryNameIsTheDefaultProjectName() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        var resolver = AnswerResolver()
        resolver.directoryName = "Fast.Lane-2"
        let answers = try resolver.resolve(try blueprint(dir))
        #expect(answers["project_name"] == .string("Fast.Lane-2"))
        // A derived package name is always importable.
        #expect(answers["package_name"] == .string("fast_lane_2"))
    }

    @Test func unknownKeysNameTheValidOnes() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        var resolver = AnswerResolver()
        resolver.sets = [("projct_name", "x")]
        do {
            _ = try resolver.resolve(try blueprint(dir))
            Issue.record("unknown key accepted")
        } catch let error as ScaffoldError {
            #expect(error.what.contains("unknown variable 'projct_name'"))
            #expect(error.fix.contains("did you mean 'project_name'?"))
            #expect(error.fix.contains("valid keys: project_name, package_name, with_docs, seed, license"))
        }
    }

    @Test func invalidAnswersNameVariableValueAndRule() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let cases: [(String, String, String)] = [
            ("project_name", "has space", "must match ^[A-Za-z][A-Za-z0-9._-]*$"),
            ("package_name", "class", "'class' is a Python keyword"),
            ("package_name", "Bad-Name", "lower-case letters, digits and _"),
            ("with_docs", "maybe", "yes/no variable"),
            ("seed", "forty", "not a whole number"),
            ("license", "GPL", "not one of MIT, Apache-2.0"),
        ]
        for (key, value, rule) in cases {
            var resolver = AnswerResolver()
            resolver.sets = [(key, value)]
            do {
                _ = try resolver.resolve(try blueprint(dir))
                Issue.record("accepted \(key)=\(value)")
            } catch let error as ScaffoldError {
                #expect(error.what.contains("'\(value)' for \(key)"), "\(error.what)")
                #expect(error.what.contains(rule), "\(error.what)")
                #expect(!error.fix.isEmpty)
            }
        }
    }

    @Test func promptsShowDefaultAndReaskOnInvalidAnswers() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        var resolver = AnswerResolver()
        let output = MemoryOutput()
        let input = ScriptedInput(["bad name", "good-name", "", "yes", "", "Apache-2.0"], isTerminal: true)
        resolver.prompter = Prompter(input: input, output: output, style: TextStyle(enabled: false))
        let answers = try resolver.resolve(try blueprint(dir))
        #expect(answers["project_name"] == .string("good-name"))
        #expect(answers["package_name"] == .string("good_name"))
        #expect(answers["with_docs"] == .bool(true))
        #expect(answers["license"] == .string("Apache-2.0"))
        #expect(output.text.contains("project_name — Project name [my-project]: "))
        #expect(output.text.contains("error: invalid value 'bad name' for project_name"))
        #expect(output.text.contains("license (MIT, Apache-2.0) [MIT]: "))
    }

    @Test func integerBoundsAreChecked() throws {
        let variable = Variable(name: "test_percent", kind: .integer, minimum: 5, maximum: 50)
        #expect(try variable.parse("20") == .integer(20))
        #expect(throws: ScaffoldError.self) { try variable.parse("0") }
        do {
            _ = try variable.accept(.int(90))
            Issue.record("accepted 90")
        } catch {
            #expect(error.what == "invalid value '90' for test_percent: above the maximum 50")
            #expect(error.fix == "use a whole number from 5 to 50")
        }
    }

    @Test func pythonIdentifiers() {
        #expect(PythonName.identifier(from: "My Project!") == "my_project")
        #expect(PythonName.identifier(from: "import") == "import_")
        #expect(PythonName.identifier(from: "2fast") == "p_2fast")
        #expect(PythonName.identifier(from: "---") == "project")
        #expect(PythonName.problem(with: "ok_name1") == nil)
        #expect(TextTransform.words("MyProject-name v2") == ["my", "project", "name", "v2"])
    }
}

@Suite struct PlannerTests {
    func plan(_ dir: TemporaryDirectory, sets: [(String, String)] = []) throws -> GenerationPlan {
        let blueprint = try BlueprintCatalog(directories: [], fileSystem: LocalFileSystem()).blueprint(demoBlueprint(in: dir), currentDirectory: "/")
        var resolver = AnswerResolver()
        resolver.sets = sets.map { (key: $0.0, value: $0.1) }
        return try Planner().plan(blueprint, answers: try resolver.resolve(blueprint))
    }

    @Test func rendersPathsContentsAndTheManifest() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let plan = try plan(dir, sets: [("project_name", "ticket-router"), ("with_docs", "true")])
        #expect(plan.files.map(\.path) == [
            "README.md", "data/raw.csv", "docs/index.md", "logo.bin", "run.sh", "scaffold.json", "src/ticket_router/__init__.py",
        ])
        let text = { (path: String) in String(decoding: plan.files.first { $0.path == path }!.contents, as: UTF8.self) }
        #expect(text("README.md") == "# ticket-router\nseed=42 license=MIT\n-- ticket-router --\n")
        #expect(text("data/raw.csv") == "text,label\n\"{{not a tag}}\",x\n")  // verbatim
        #expect(plan.files.first { $0.path == "logo.bin" }!.contents == Data([0xFF, 0xFE, 0x00, 0x01, 0x80]))
        #expect(plan.files.first { $0.path == "run.sh" }!.executable)
        let manifest = try JSONValue.parse(plan.files.first { $0.path == "scaffold.json" }!.contents)
        #expect(manifest["blueprint"]?["name"] == .string("demo"))
        #expect(manifest["blueprint"]?["answers"]?["seed"] == .int(42))
        #expect(manifest["impact"]?["pipeline"] == .string("python -m ticket_router.pipeline"))
        #expect(plan.directories == ["data", "docs", "src", "src/ticket_router"])
    }

    @Test func conditionalPathsFollowTheirVariable() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        #expect(!(try plan(dir)).files.contains { $0.path.hasPrefix("docs") })
    }

    @Test func choiceVariablesSwitchSectionsAndPaths() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = makeBlueprint(in: dir, name: "pick", manifest: """
            {"name": "pick", "version": "1.0.0", "summary": "P.",
             "variables": [{"name": "model", "type": "choice", "choices": ["svm", "cnn"], "default": "svm"}],
             "conditional": [{"path": "cnn.py", "if": "model=cnn"}, {"path": "svm.py", "if": "!model=cnn"}]}
            """, files: ["models.txt": "{{#model=cnn}}torch{{/model=cnn}}{{^model=cnn}}sklearn{{/model=cnn}} {{model}}",
                         "cnn.py": "cnn", "svm.py": "svm"])
        let blueprint = try BlueprintCatalog(directories: [], fileSystem: LocalFileSystem()).blueprint(path, currentDirectory: "/")
        for (choice, expected, file) in [("svm", "sklearn svm", "svm.py"), ("cnn", "torch cnn", "cnn.py")] {
            var resolver = AnswerResolver()
            resolver.sets = [("model", choice)]
            let plan = try Planner().plan(blueprint, answers: try resolver.resolve(blueprint))
            #expect(plan.files.map(\.path) == [file, "models.txt", "scaffold.json"].sorted())
            #expect(plan.files.first { $0.path == "models.txt" }?.contents == Data(expected.utf8))
        }
    }

    @Test func answersAreNeverRerendered() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = makeBlueprint(in: dir, name: "echo", manifest: """
            {"name": "echo", "version": "1.0.0", "summary": "E.", "variables": [{"name": "secret", "default": "s3"}, {"name": "text", "default": "t"}]}
            """, files: ["out.txt": "{{text}}|{{{text}}}"])
        let blueprint = try BlueprintCatalog(directories: [], fileSystem: LocalFileSystem()).blueprint(path, currentDirectory: "/")
        var resolver = AnswerResolver()
        resolver.sets = [("text", "{{secret}} & <b>")]
        let plan = try Planner().plan(blueprint, answers: try resolver.resolve(blueprint))
        // Literal, and not HTML-escaped: blueprints render with no escaping.
        #expect(plan.files.first { $0.path == "out.txt" }?.contents == Data("{{secret}} & <b>|{{secret}} & <b>".utf8))
    }

    @Test func unsafeRenderedPathsAreRefusedAllAtOnce() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = makeBlueprint(in: dir, name: "hostile", manifest: """
            {"name": "hostile", "version": "1.0.0", "summary": "H.", "variables": [{"name": "up", "default": ".."}, {"name": "empty", "default": ""}, {"name": "slash", "default": "a/b"}]}
            """, files: ["{{up}}/escape.txt": "x", "{{empty}}/x.txt": "x", "{{slash}}.txt": "x", "ok.txt": "{{missing}}"])
        let blueprint = try BlueprintCatalog(directories: [], fileSystem: LocalFileSystem()).blueprint(path, currentDirectory: "/")
        do {
            _ = try Planner().plan(blueprint, answers: try AnswerResolver().resolve(blueprint))
            Issue.record("unsafe plan accepted")
        } catch {
            let text = error.description
            #expect(error.what.contains("4 problems"))
            #expect(text.contains("template/{{up}}/escape.txt: path component '{{up}}' renders to '..'"))
            #expect(text.contains("renders to an empty name"))
            #expect(text.contains("contains '/'"))
            #expect(text.contains("ok.txt"))
            #expect(error.fix.contains("nothing was written"))
        }
    }
}
