import Foundation
@testable import ScaffoldKit
import Testing

/// Whether a contract command points at something in the project.
@Suite struct ValidateCommandResolverTests {
    static func project() -> (TemporaryDirectory, CommandResolver) {
        let dir = TemporaryDirectory()
        dir.write("src/tick/__init__.py", "")
        dir.write("src/tick/pipeline.py", "")
        dir.write("src/tick/cli/__main__.py", "")
        dir.write("flat/evaluate.py", "")
        dir.write("scripts/run.sh", "echo hi\n", executable: true)
        dir.write("analysis/score.R", "")
        dir.write("sub/Makefile", "eval:\n\ttrue\n")
        dir.write("Makefile", "# targets\nPY := python\n.PHONY: data eval\ndata: raw\n\t$(PY) -m tick.pipeline\neval report: data\n\ttrue\n%.o: %.c\n\tcc\n")
        dir.write("dvc.yaml", "stages:\n  prepare:\n    cmd: x\n  evaluate:\n    cmd: y\n")
        let bin = dir.path + "/bin"
        try! FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        dir.write("bin/sometool", "#!/bin/sh\n", executable: true)
        let resolver = CommandResolver(
            access: ProjectAccess(fileSystem: LocalFileSystem(), root: dir.path), environment: ["PATH": bin])
        return (dir, resolver)
    }

    static func found(_ resolution: CommandResolver.Resolution) -> [String]? {
        if case .inProject(let locations, _) = resolution { return locations.map(\.description) }
        return nil
    }

    @Test(arguments: [
        ("python -m tick.pipeline", ["src/tick/pipeline.py"]),
        ("python3.11 -u -m tick.cli --flag", ["src/tick/cli/__main__.py"]),
        ("python -mtick.pipeline", ["src/tick/pipeline.py"]),
        ("PYTHONPATH=src .venv/bin/python -m tick.pipeline", ["src/tick/pipeline.py"]),
        ("cd flat && python evaluate.py --seed 1", ["flat/evaluate.py"]),
        ("python flat/evaluate.py > out.txt 2>&1", ["flat/evaluate.py"]),
        ("uv run --frozen python -m tick.pipeline", ["src/tick/pipeline.py"]),
        ("poetry run python flat/evaluate.py", ["flat/evaluate.py"]),
        ("env -u X FOO=1 python -m tick.pipeline", ["src/tick/pipeline.py"]),
        ("conda run -n ml python -m tick.pipeline", ["src/tick/pipeline.py"]),
        ("bash scripts/run.sh", ["scripts/run.sh"]),
        ("./scripts/run.sh", ["scripts/run.sh"]),
        ("Rscript --vanilla analysis/score.R", ["analysis/score.R"]),
        ("make eval", ["Makefile:6"]),
        ("make -j4 data report V=1", ["Makefile:4", "Makefile:6"]),
        ("make", ["Makefile:4"]),
        ("make -C sub eval", ["sub/Makefile:1"]),
        ("dvc repro evaluate", ["dvc.yaml:4"]),
        ("python -m tick.pipeline && python flat/evaluate.py", ["src/tick/pipeline.py", "flat/evaluate.py"]),
        ("set -e; sometool; python 'flat/evaluate.py'", ["flat/evaluate.py"]),
    ])
    func commandsThatPointIntoTheProject(command: String, expected: [String]) {
        let (dir, resolver) = Self.project()
        defer { dir.cleanUp() }
        #expect(Self.found(resolver.resolve(command)) == expected, "\(resolver.resolve(command))")
    }

    @Test(arguments: [
        ("python -m tick.evaluate", "none of src/tick/evaluate.py"),
        ("python flat/train.py", "flat/train.py does not exist"),
        ("make evaluate", "Makefile has no target 'evaluate' (did you mean 'eval'?)"),
        ("make -C nowhere x", "no Makefile in nowhere"),
        ("sh scripts/missing.sh", "scripts/missing.sh does not exist"),
        ("dvc repro train", "dvc.yaml has no stage 'train'"),
        ("python -m tick.pipeline && python -m tick.nope", "none of src/tick/nope.py"),
        ("python src", "src is a directory"),
    ])
    func commandsThatPointAtNothing(command: String, expected: String) {
        let (dir, resolver) = Self.project()
        defer { dir.cleanUp() }
        guard case .missing(let why) = resolver.resolve(command) else {
            Issue.record("\(command): \(resolver.resolve(command))")
            return
        }
        #expect(why.contains(expected), "\(why)")
    }

    @Test func programsOnPathAndUnknownOnes() {
        let (dir, resolver) = Self.project()
        defer { dir.cleanUp() }
        guard case .onPath(let note) = resolver.resolve("sometool --all") else { Issue.record("not on PATH"); return }
        #expect(note.contains("sometool") && note.contains(dir.path + "/bin/sometool"))
        for command in ["notinstalled run", "python -m pytest -q", "python -c 'print(1)'", "bash -c 'echo'", "cd ../.. && make", "cd /etc && ls", "true"] {
            guard case .unknown = resolver.resolve(command) else {
                Issue.record("\(command): \(resolver.resolve(command))")
                continue
            }
        }
    }

    @Test func aScriptReachedThroughALinkIsNotFollowed() throws {
        let (dir, resolver) = Self.project()
        defer { dir.cleanUp() }
        try FileManager.default.createSymbolicLink(atPath: dir.path + "/linked", withDestinationPath: "/usr/bin")
        guard case .unknown(let why) = resolver.resolve("python linked/evaluate.py") else { Issue.record("followed"); return }
        #expect(why.contains("symbolic link"))
    }

    @Test func shellWords() {
        #expect(CommandResolver.segments(#"a "b c" 'd e' f\ g > out 2>&1 | h && i; j # k"#)
            == [["a", "b c", "d e", "f g"], ["h"], ["i"], ["j"]])
        #expect(CommandResolver.segments("x >out <in 2>err y") == [["x", "y"]])
        #expect(CommandResolver.segments("") == [])
    }
}
