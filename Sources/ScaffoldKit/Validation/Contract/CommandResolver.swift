import Foundation

/// Decides whether a contract command points at something that exists in the
/// project, without running it: `python -m X.Y` (src/X/Y.py, X/Y.py,
/// X/Y/__main__.py), `python path.py`, `make target` (the Makefile has the
/// target), `sh|bash script`, `Rscript|julia|node script`, `dvc repro [stage]`,
/// `./path`, through `VAR=value`, `cd DIR &&`, `env`, `uv run`, `poetry run`…;
/// otherwise the first word on PATH. Every segment of `a && b; c | d` counts.
public struct CommandResolver: Sendable {
    public enum Resolution: Sendable, Equatable {
        /// What the command runs is in the project (with where, and how it was found).
        case inProject([RuleResult.Location], String)
        /// A program on PATH, outside the project: nothing more can be checked.
        case onPath(String)
        /// The command names something the project does not have.
        case missing(String)
        /// Cannot tell (inline code, a tool that is not installed here, …): a notice.
        case unknown(String)
    }

    public let access: ProjectAccess
    public let environment: [String: String]

    public init(access: ProjectAccess, environment: [String: String]) {
        self.access = access
        self.environment = environment
    }

    static let shellBuiltins: Set<String> = ["export", "set", "true", ":", "echo", "printf", "source", ".", "unset", "test", "[", "exit"]
    static let shells: Set<String> = ["sh", "bash", "zsh", "dash", "ksh"]
    static let interpreters: Set<String> = ["Rscript", "julia", "node", "ruby", "perl", "php", "deno", "bun", "lua"]
    /// `TOOL run COMMAND…` wrappers that run the rest as a command.
    static let runWrappers: Set<String> = ["uv", "poetry", "pipenv", "pdm", "hatch", "rye", "conda", "mamba", "micromamba", "pixi"]
    static let wrapperValueOptions: Set<String> = [
        "-n", "--name", "-p", "--prefix", "--with", "--python", "--extra", "--group", "--project", "--directory",
        "--env-file", "--package", "-e", "--environment", "--env", "--manifest-path",
    ]

    public func resolve(_ command: String) -> Resolution {
        var directory = ""
        var found: [RuleResult.Location] = []
        var notes: [String] = []
        var onPath: String?
        var unknown: String?
        for var words in Self.segments(command) {
            while let first = words.first, Self.isAssignment(first) { words.removeFirst() }
            guard let first = words.first else { continue }
            if first == "cd" {
                let target = words.count > 1 ? words[1] : ""
                guard let next = ProjectAccess.clean(ProjectAccess.join(directory, target)), !target.hasPrefix("/"), !target.isEmpty,
                      access.isDirectory(next)
                else { return .unknown("'cd \(target)' leaves the project or names no directory in it") }
                directory = next
                continue
            }
            if Self.shellBuiltins.contains(first) { continue }
            switch resolveSimple(words, in: directory) {
            case .inProject(let locations, let note):
                found += locations
                notes.append(note)
            case .missing(let why):
                return .missing(why)
            case .onPath(let note):
                onPath = onPath ?? note
            case .unknown(let why):
                unknown = unknown ?? why
            }
        }
        if !found.isEmpty { return .inProject(found, notes.joined(separator: "; ")) }
        if let unknown { return .unknown(unknown) }
        if let onPath { return .onPath(onPath) }
        return .unknown("'\(command)' runs nothing scaffold can identify")
    }

    /// One simple command (no operators), after assignments.
    func resolveSimple(_ words: [String], in directory: String) -> Resolution {
        var words = words
        // Wrappers that run the rest of the line.
        while let first = words.first {
            let name = Path.lastComponent(first)
            if ["env", "time", "nice", "nohup", "exec", "command", "stdbuf", "timeout"].contains(name) {
                words.removeFirst()
                while let next = words.first, next.hasPrefix("-") || (name == "env" && Self.isAssignment(next)) {
                    words.removeFirst()
                    let takesValue = (name == "env" && next == "-u") || (name == "nice" && next == "-n")
                        || (name == "timeout" && (next == "-s" || next == "-k"))
                    if takesValue, !words.isEmpty { words.removeFirst() }
                }
                if name == "timeout", !words.isEmpty { words.removeFirst() }  // the duration
                continue
            }
            if Self.runWrappers.contains(name), words.count > 1, words[1] == "run" || (name == "conda" && words[1] == "run") {
                words.removeFirst(2)
                while let next = words.first, next.hasPrefix("-") {
                    words.removeFirst()
                    if Self.wrapperValueOptions.contains(next), !words.isEmpty { words.removeFirst() }
                }
                continue
            }
            break
        }
        guard let program = words.first else { return .unknown("the command runs nothing") }
        let arguments = Array(words.dropFirst())
        let name = Path.lastComponent(program)
        if Self.isPython(name) { return python(arguments, in: directory) }
        if Self.shells.contains(name) { return script(arguments, interpreter: name, inline: "-c", in: directory) }
        if Self.interpreters.contains(name) {
            if name == "deno" || name == "bun", arguments.first == "run" {
                return script(Array(arguments.dropFirst()), interpreter: name, inline: "-e", in: directory)
            }
            return script(arguments, interpreter: name, inline: "-e", in: directory)
        }
        if name == "make" || name == "gmake" { return make(arguments, in: directory) }
        if name == "dvc", let sub = arguments.first, sub == "repro" || (sub == "exp" && arguments.dropFirst().first == "run") {
            return dvc(Array(arguments.dropFirst(sub == "repro" ? 1 : 2)), in: directory)
        }
        if let tool = toolTarget(name, arguments, in: directory) { return tool }
        if program.contains("/") {
            return file(program, in: directory, what: "'\(program)'")
        }
        if ["py", "ipynb", "sh", "r", "jl"].contains(ProjectTree.fileExtension(program)), access.isFile(ProjectAccess.join(directory, program)) {
            return file(program, in: directory, what: "'\(program)'")
        }
        if let location = LocalProcessRunner.which(program, environment: environment) {
            return .onPath("runs '\(program)' from PATH (\(location)); scaffold cannot check what it does")
        }
        return .unknown("'\(program)' is not a file in the project nor a program on PATH here, so scaffold cannot check what it runs")
    }

    static func isPython(_ name: String) -> Bool {
        if name == "py" || name == "pypy" || name == "pypy3" { return true }
        guard name.hasPrefix("python") else { return false }
        let rest = name.dropFirst(6)
        return rest.allSatisfy { $0.isNumber || $0 == "." }
    }

    static func isAssignment(_ word: String) -> Bool {
        guard let equals = word.firstIndex(of: "="), equals != word.startIndex else { return false }
        return word[..<equals].allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } && !(word.first?.isNumber ?? true)
    }

    func python(_ arguments: [String], in directory: String) -> Resolution {
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "-m" || (argument.hasPrefix("-m") && argument.count > 2 && !argument.hasPrefix("--")) {
                let module = argument == "-m" ? (index + 1 < arguments.count ? arguments[index + 1] : "") : String(argument.dropFirst(2))
                return pythonModule(module, in: directory)
            }
            if argument == "-c" || (argument.hasPrefix("-c") && !argument.hasPrefix("--")) {
                return .unknown("runs inline Python code (python -c): nothing in the project to check")
            }
            if argument == "-W" || argument == "-X" || argument == "--check-hash-based-pycs" {
                index += 2
                continue
            }
            if argument.hasPrefix("-") {
                index += 1
                continue
            }
            return file(argument, in: directory, what: "python \(argument)")
        }
        return .unknown("starts Python with no script or module")
    }

    func pythonModule(_ module: String, in directory: String) -> Resolution {
        let parts = module.split(separator: ".").map(String.init)
        guard !parts.isEmpty, parts.allSatisfy({ !$0.isEmpty && !$0.contains("/") }) else {
            return .missing("'python -m \(module)' names no valid module")
        }
        let bases = [ProjectAccess.join(directory, "src"), directory]
        var tried: [String] = []
        for base in bases {
            let stem = ProjectAccess.join(base, parts.joined(separator: "/"))
            for candidate in [stem + ".py", stem + "/__main__.py"] {
                let clean = ProjectAccess.clean(candidate) ?? candidate
                tried.append(clean)
                if access.isFile(clean) {
                    return .inProject([RuleResult.Location(clean)], "python -m \(module) runs \(clean)")
                }
            }
        }
        let packageInProject = bases.contains { base in
            access.isDirectory(ProjectAccess.join(base, parts[0])) || access.isFile(ProjectAccess.join(base, parts[0] + ".py"))
        }
        if packageInProject {
            return .missing("'python -m \(module)': none of \(tried.joined(separator: ", ")) exists")
        }
        return .unknown(
            "'python -m \(module)': '\(parts[0])' is not a package of the project (an installed tool?), so scaffold cannot check what it runs")
    }

    func script(_ arguments: [String], interpreter: String, inline: String, in directory: String) -> Resolution {
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == inline || (interpreter == "bash" && argument == "-lc") {
                return .unknown("runs inline code (\(interpreter) \(argument)): nothing in the project to check")
            }
            if argument.hasPrefix("-") {
                index += 1
                continue
            }
            return file(argument, in: directory, what: "\(interpreter) \(argument)")
        }
        return .unknown("starts \(interpreter) with no script")
    }

    /// A script or program path, relative to `directory` (or absolute inside the project).
    func file(_ path: String, in directory: String, what: String) -> Resolution {
        var relative = path
        if path.hasPrefix("/") {
            guard path.hasPrefix(access.root + "/") else {
                return .unknown("\(what) runs \(path), outside the project")
            }
            relative = String(path.dropFirst(access.root.count + 1))
        } else {
            relative = ProjectAccess.join(directory, path)
        }
        guard let clean = ProjectAccess.clean(relative) else { return .unknown("\(what) runs a file outside the project") }
        switch access.kind(clean) {
        case .file: return .inProject([RuleResult.Location(clean)], "\(what) runs \(clean)")
        case .missing: return .missing("\(what): \(clean) does not exist")
        case .directory: return .missing("\(what): \(clean) is a directory, not a script")
        case .symlink: return .unknown("\(what): \(clean) is (or is reached through) a symbolic link, which scaffold does not follow")
        case .other: return .missing("\(what): \(clean) is a special file, not a script")
        }
    }

    func make(_ arguments: [String], in directory: String) -> Resolution {
        var directory = directory
        var makefile: String?
        var targets: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            let next = index < arguments.count ? arguments[index] : nil
            switch argument {
            case "-C", "--directory":
                if let next { directory = ProjectAccess.join(directory, next) }
                index += 1
            case "-f", "--file", "--makefile":
                if let next { makefile = ProjectAccess.join(directory, next) }
                index += 1
            case "-I", "-o", "-W", "--include-dir", "--old-file", "--what-if":
                index += 1
            default:
                if argument.hasPrefix("--directory=") {
                    directory = ProjectAccess.join(directory, String(argument.dropFirst(12)))
                } else if argument.hasPrefix("--file=") || argument.hasPrefix("--makefile=") {
                    makefile = ProjectAccess.join(directory, String(argument[argument.index(after: argument.firstIndex(of: "=")!)...]))
                } else if argument.hasPrefix("-C") && argument.count > 2 {
                    directory = ProjectAccess.join(directory, String(argument.dropFirst(2)))
                } else if argument.hasPrefix("-f") && argument.count > 2 {
                    makefile = ProjectAccess.join(directory, String(argument.dropFirst(2)))
                } else if argument.hasPrefix("-") || Self.isAssignment(argument) {
                    continue
                } else {
                    targets.append(argument)
                }
            }
        }
        let candidates = makefile.map { [$0] } ?? ["GNUmakefile", "makefile", "Makefile"].map { ProjectAccess.join(directory, $0) }
        guard let path = candidates.compactMap({ ProjectAccess.clean($0) }).first(where: { access.isFile($0) }) else {
            let place = directory.isEmpty ? "the project root" : directory
            return .missing("make: no Makefile in \(place)")
        }
        let rules = Self.makeTargets(access.text(path) ?? "")
        if targets.isEmpty {
            guard let first = rules.targets.first else { return .missing("make: \(path) defines no target") }
            return .inProject([RuleResult.Location(path, line: first.line)], "make runs the first target of \(path), '\(first.name)'")
        }
        var locations: [RuleResult.Location] = []
        for target in targets {
            if let rule = rules.targets.first(where: { $0.name == target }) {
                locations.append(RuleResult.Location(path, line: rule.line))
            } else if rules.includes {
                return .unknown("make \(target): \(path) has no rule for '\(target)' but includes other makefiles, which scaffold does not read")
            } else {
                let names = rules.targets.map(\.name)
                let close = Suggestion.closest(to: target, in: names) ?? names.first { target.hasPrefix($0) || $0.hasPrefix(target) }
                let hint = close.map { " (did you mean '\($0)'?)" } ?? ""
                return .missing("make \(target): \(path) has no target '\(target)'\(hint)")
            }
        }
        return .inProject(locations, "make \(targets.joined(separator: " ")) runs target\(targets.count == 1 ? "" : "s") of \(path)")
    }

    /// Task runners and tools whose target is declared in a project file:
    /// `mlflow run . -e NAME` (MLproject), `kedro run` ([tool.kedro]), `just NAME`,
    /// `tox -e NAME`, `nox -s NAME`, `jupyter nbconvert … X.ipynb`, a console script of pyproject.
    func toolTarget(_ name: String, _ arguments: [String], in directory: String) -> Resolution? {
        func declared(_ file: String, _ names: [(name: String, line: Int)], _ wanted: String?, what: String) -> Resolution {
            let path = ProjectAccess.clean(ProjectAccess.join(directory, file)) ?? file
            guard let wanted else { return .inProject([RuleResult.Location(path)], "\(what) runs \(path)") }
            guard let match = names.first(where: { $0.name == wanted }) else {
                return .missing("\(what) \(wanted): \(path) declares no '\(wanted)'")
            }
            return .inProject([RuleResult.Location(path, line: match.line)], "\(what) \(wanted) runs \(path):\(match.line)")
        }
        func text(_ file: String) -> String? {
            access.text(ProjectAccess.clean(ProjectAccess.join(directory, file)) ?? file, limit: 256 << 10)
        }
        func value(after flags: [String]) -> String? {
            guard let index = arguments.firstIndex(where: { flags.contains($0) }), index + 1 < arguments.count else { return nil }
            return arguments[index + 1]
        }
        switch name {
        case "mlflow" where arguments.first == "run":
            let project = arguments.dropFirst().first { !$0.hasPrefix("-") } ?? "."
            let file = ProjectAccess.join(project == "." ? "" : project, "MLproject")
            guard let source = text(file) else { return .missing("mlflow run: no \(file) in the project") }
            var found = Discovery()
            found.scanMLproject(source, path: file)
            let names = found.findings.filter { $0.matched.hasPrefix("MLproject entry point") }.compactMap { f in
                f.line.map { (String(f.matched.dropFirst("MLproject entry point '".count).dropLast()), $0) }
            }
            return declared(file, names, value(after: ["-e", "--entry-point"]) ?? "main", what: "mlflow run")
        case "kedro" where arguments.first == "run":
            guard let source = text("pyproject.toml"), let entry = Discovery.pyprojectScripts(source).first(where: { $0.table == "tool.kedro" }) else {
                return .missing("kedro run: pyproject.toml has no [tool.kedro] table")
            }
            return .inProject([RuleResult.Location(ProjectAccess.join(directory, "pyproject.toml"), line: entry.line)], "kedro run runs the Kedro project of pyproject.toml")
        case "just":
            guard let file = ["justfile", "Justfile", ".justfile"].first(where: { text($0) != nil }), let source = text(file) else {
                return .missing("just: no justfile in \(directory.isEmpty ? "the project root" : directory)")
            }
            return declared(file, Discovery.justRecipes(source), arguments.first { !$0.hasPrefix("-") }, what: "just")
        case "tox":
            guard let source = text("tox.ini") else { return nil }
            return declared("tox.ini", Discovery.toxEnvironments(source), value(after: ["-e"]), what: "tox -e")
        case "nox":
            guard let source = text("noxfile.py") else { return .missing("nox: no noxfile.py") }
            return declared("noxfile.py", Discovery.noxSessions(source), value(after: ["-s", "--session"]), what: "nox -s")
        case "jupyter":
            guard let notebook = arguments.last(where: { ProjectTree.fileExtension($0) == "ipynb" }) else { return nil }
            return file(notebook, in: directory, what: "jupyter \(arguments.first ?? "")")
        default:
            guard let source = text("pyproject.toml"),
                  let entry = Discovery.pyprojectScripts(source).first(where: { $0.table == "project.scripts" || $0.table == "tool.poetry.scripts" ? $0.name == name : false })
            else { return nil }
            return .inProject([RuleResult.Location(ProjectAccess.join(directory, "pyproject.toml"), line: entry.line)], "'\(name)' is a console script of pyproject.toml (runs once the project is installed)")
        }
    }

    /// The explicit targets of a Makefile (line numbers 1-based) and whether it includes others.
    static func makeTargets(_ text: String) -> (targets: [(name: String, line: Int)], includes: Bool) {
        var targets: [(name: String, line: Int)] = []
        var includes = false
        for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(raw)
            guard let first = line.first, first != "\t", first != "#", first != " " else { continue }
            if line.hasPrefix("include ") || line.hasPrefix("-include ") || line.hasPrefix("sinclude ") { includes = true }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let head = line[..<colon]
            if head.contains("=") || head.contains("$(") { continue }
            let after = line[line.index(after: colon)...]
            if after.hasPrefix("=") || after.hasPrefix(":=") { continue }
            for name in head.split(separator: " ") where !name.hasPrefix(".") && !name.contains("%") {
                targets.append((String(name), offset + 1))
            }
        }
        return (targets, includes)
    }

    func dvc(_ arguments: [String], in directory: String) -> Resolution {
        let path = ProjectAccess.clean(ProjectAccess.join(directory, "dvc.yaml")) ?? "dvc.yaml"
        guard access.isFile(path) else { return .missing("dvc repro: no \(path) in the project") }
        let stages = Discovery.dvcStages(access.text(path) ?? "")
        let wanted = arguments.filter { !$0.hasPrefix("-") }
        for stage in wanted where !stages.contains(where: { $0.name == stage }) {
            return .missing("dvc repro \(stage): \(path) has no stage '\(stage)'")
        }
        let line = wanted.first.flatMap { stage in stages.first { $0.name == stage }?.line }
        return .inProject([RuleResult.Location(path, line: line)], "dvc repro runs stages of \(path)")
    }

    /// Splits a shell command into simple commands: words, with quotes and
    /// backslashes resolved, operators (`&& || ; | &`, newlines) separating,
    /// redirections and comments dropped.
    public static func segments(_ command: String) -> [[String]] {
        var segments: [[String]] = []
        var words: [String] = []
        var word = ""
        var inWord = false
        var skipNext = false
        let characters = Array(command)
        var index = 0
        func endWord() {
            if inWord {
                if skipNext {
                    skipNext = false
                } else if let first = word.first, first == ">" || first == "<" || (first.isNumber && (word.dropFirst().first == ">" || word.dropFirst().first == "<")) {
                    // A redirection: drop it, and its target when it is a separate word.
                    let operatorOnly = word.allSatisfy { $0 == ">" || $0 == "<" || $0 == "&" || $0.isNumber }
                    if operatorOnly && !word.contains("&") { skipNext = true }
                } else {
                    words.append(word)
                }
            }
            word = ""
            inWord = false
        }
        func endSegment() {
            endWord()
            if !words.isEmpty { segments.append(words) }
            words = []
        }
        while index < characters.count {
            let character = characters[index]
            switch character {
            case " ", "\t":
                endWord()
            case "\n", ";":
                endSegment()
            case "&", "|":
                if inWord, let last = word.last, last == ">" || last == "<" {
                    word.append(character)  // 2>&1
                } else {
                    endSegment()
                    if index + 1 < characters.count, characters[index + 1] == character { index += 1 }
                }
            case "#" where !inWord:
                while index < characters.count, characters[index] != "\n" { index += 1 }
                continue
            case "'":
                inWord = true
                index += 1
                while index < characters.count, characters[index] != "'" {
                    word.append(characters[index])
                    index += 1
                }
            case "\"":
                inWord = true
                index += 1
                while index < characters.count, characters[index] != "\"" {
                    if characters[index] == "\\", index + 1 < characters.count, "\"\\$`".contains(characters[index + 1]) {
                        index += 1
                    }
                    word.append(characters[index])
                    index += 1
                }
            case "\\":
                inWord = true
                if index + 1 < characters.count {
                    index += 1
                    if characters[index] != "\n" { word.append(characters[index]) }
                }
            case "(", ")":
                endWord()
            default:
                inWord = true
                word.append(character)
            }
            index += 1
        }
        endSegment()
        return segments
    }
}
