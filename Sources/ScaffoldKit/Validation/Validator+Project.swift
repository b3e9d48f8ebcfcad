import Foundation

/// The rules on the project's code and repository: EVA002, TST001, TST002, HYG001.
extension Validator {
    /// One place a search found a word.
    struct Hit {
        var path: String
        var line: Int
        var needle: String
    }

    static let readLimit = 1 << 20
    static let searchBudget = 64 << 20

    /// Finds the needles in the files (each read capped at 1 MB, 64 MB in
    /// all), earlier needles first within a file, at most `maxHits` hits.
    func search(_ files: [String], for needles: [String], caseInsensitive: Bool = false, maxHits: Int = 3) -> (hits: [Hit], searched: Int) {
        let patterns = needles.filter { !$0.isEmpty }.map { Data((caseInsensitive ? $0.lowercased() : $0).utf8) }
        var hits: [Hit] = []
        var budget = Self.searchBudget
        var searched = 0
        for path in files where budget > 0 {
            guard var data = access.read(path, limit: min(Self.readLimit, budget)) else { continue }
            budget -= data.count
            searched += 1
            if caseInsensitive {
                data = Data(data.map { (0x41...0x5A).contains($0) ? $0 + 0x20 : $0 })
            }
            for (index, pattern) in patterns.enumerated() {
                guard let range = data.range(of: pattern) else { continue }
                let line = data[data.startIndex..<range.lowerBound].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
                hits.append(Hit(path: path, line: line, needle: needles[index]))
                break
            }
            if hits.count >= maxHits { break }
        }
        return (hits, searched)
    }

    func evaluationWritesLog(_ rule: Rule) -> RuleResult {
        guard let log = declaredLog else { return skip(rule, "no log declared") }
        let name = Path.lastComponent(log)
        let needles = log == name ? [log] : [log, name]
        let files = tree.sourceFiles.filter { !$0.hasPrefix(".github/") && !$0.hasPrefix("docs/") && $0 != log }
        let (hits, searched) = search(files, for: needles)
        guard !hits.isEmpty else {
            return fail(rule, "no code in the project refers to \(needles.joined(separator: " or ")) (searched \(searched) source file\(searched == 1 ? "" : "s"))",
                        details: contract?.evaluate.map { ["the evaluate command is '\($0)'"] } ?? [])
        }
        let ordered = hits.sorted { ($0.needle == log ? 0 : 1, $0.path) < ($1.needle == log ? 0 : 1, $1.path) }
        let best = ordered[0]
        let more = ordered.count > 1 ? " (and \(ordered.dropFirst().map(\.path).joined(separator: ", ")))" : ""
        return pass(rule, "\(best.path):\(best.line) refers to \(best.needle)\(more)",
                    locations: ordered.map { .init($0.path, line: $0.line) })
    }

    func testsExist(_ rule: Rule) -> RuleResult {
        let tests = tree.testFiles
        guard !tests.isEmpty else {
            return fail(rule, "no tests found (test_*.py, *_test.py, *_test.go, *.spec.ts, or code under tests/)",
                        help: "add tests, e.g. tests/test_harness.py that runs the evaluation on a small fixture (pytest)")
        }
        let shown = tests.prefix(3).joined(separator: ", ") + (tests.count > 3 ? ", …" : "")
        return pass(rule, "\(tests.count) test file\(tests.count == 1 ? "" : "s") (\(shown))", locations: tests.prefix(10).map { .init($0) })
    }

    func testsExerciseHarness(_ rule: Rule) -> RuleResult {
        var needles = ["harness", "evaluate", "evaluation", "impact"]
        if let evaluate = contract?.evaluate,
           case .inProject(let locations, _) = CommandResolver(access: access, environment: context.environment).resolve(evaluate) {
            for location in locations where ProjectTree.fileExtension(location.path) != "" {
                var stem = ProjectTree.stem(location.path)
                if stem == "__main__" { stem = Path.lastComponent(Path.parent(location.path)) }
                if !needles.contains(stem.lowercased()) { needles.insert(stem.lowercased(), at: 0) }
            }
        }
        if let log = declaredLog { needles.append(Path.lastComponent(log).lowercased()) }
        let (hits, searched) = search(tree.testFiles, for: needles, caseInsensitive: true)
        guard let first = hits.first else {
            return fail(rule, "\(searched == 1 ? "the one test file does not mention" : "none of the \(searched) test files mentions") the evaluation (\(needles.map { "'\($0)'" }.joined(separator: ", ")))")
        }
        return pass(rule, "\(first.path):\(first.line) exercises the evaluation ('\(first.needle)')",
                    locations: hits.map { .init($0.path, line: $0.line) })
    }

    static let dataExtensions: Set<String> = [
        "csv", "tsv", "parquet", "feather", "arrow", "jsonl", "ndjson", "npy", "npz", "pkl", "pickle", "joblib",
        "h5", "hdf5", "pt", "pth", "ckpt", "safetensors", "onnx", "bin", "zip", "gz", "bz2", "xz", "tar", "zst",
        "7z", "db", "sqlite", "xlsx", "xls", "avro", "tfrecord", "orc", "txt", "json", "xml", "wav", "mp3", "flac",
        "jpg", "jpeg", "png", "tif", "tiff", "mp4", "model", "weights",
    ]
    static let largeAnyFile: UInt64 = 10 << 20
    static let largeDataFile: UInt64 = 1 << 20

    /// Whether a `.git` (directory, or file of a worktree) is at or above the root:
    /// without one, git need not be started to learn that this is no repository.
    var insideGitRepository: Bool {
        if context.environment["GIT_DIR"] != nil { return true }
        var directory = access.root
        while true {
            if access.fileSystem.kind(of: Path.join(directory, ".git")) != .missing { return true }
            if directory == "/" || directory.isEmpty { return false }
            directory = Path.parent(directory)
        }
    }

    func largeDataTracked(_ rule: Rule) -> RuleResult {
        guard insideGitRepository else { return skip(rule, "not a git repository") }
        var environment = context.environment
        environment["GIT_OPTIONAL_LOCKS"] = "0"
        environment["GIT_TERMINAL_PROMPT"] = "0"
        guard let result = context.processes.run(
            ["git", "-c", "core.fsmonitor=false", "-c", "core.quotepath=false", "ls-files", "-z"], in: access.root,
            environment: environment, timeout: 60, echo: nil)
        else { return skip(rule, "git is not installed here, so tracked files cannot be listed") }
        if result.timedOut { return skip(rule, "git ls-files took over 60 s") }
        guard result.status == 0 else {
            let first = result.output.split(separator: "\n").first.map(String.init) ?? "exit status \(result.status)"
            return skip(rule, first.contains("not a git repository") ? "not a git repository" : "git ls-files failed: \(first)")
        }
        let paths = result.output.split(separator: "\0").prefix(500_000).map(String.init)
        var large: [(String, UInt64)] = []
        for path in paths where path != declaredLog {
            guard let size = access.fileSystem.size(of: access.absolute(path)), size >= Self.largeDataFile else { continue }
            let ext = ProjectTree.fileExtension(path)
            let underData = path.hasPrefix("data/") || path.contains("/data/") || path.hasPrefix("datasets/")
            if size >= Self.largeAnyFile || Self.dataExtensions.contains(ext) || underData { large.append((path, size)) }
        }
        guard !large.isEmpty else {
            return pass(rule, "no large data file among the \(paths.count) tracked files")
        }
        large.sort { $0.1 > $1.1 }
        let total = large.reduce(UInt64(0)) { $0 + $1.1 }
        return fail(rule, "\(large.count) large data file\(large.count == 1 ? " is" : "s are") tracked by git (\(ProjectScanner.describe(total)) in all)",
                    details: Self.capped(large.map { "\($0.0) (\(ProjectScanner.describe($0.1)))" }, limit: 15),
                    locations: large.prefix(30).map { .init($0.0) })
    }
}
