/// HYG001: no large data file is tracked by git (images, docs and test fixtures are not data).
struct LargeDataUntracked: ValidationRule {
    let rule = Rule(
        "HYG001", .hygiene, .warning, "large data files are not tracked by git",
        why: """
            Data in git bloats every clone forever and is the wrong place to version it; the data fingerprint in \
            the log already pins its exact bytes.
            """,
        fix: """
            'git rm --cached' the files named, add them to .gitignore, and have the pipeline fetch or rebuild \
            them (or track them with DVC or git-lfs).
            """,
        requires: [])

    static let dataExtensions: Set<String> = [
        "csv", "tsv", "parquet", "feather", "arrow", "jsonl", "ndjson", "npy", "npz", "pkl", "pickle", "joblib",
        "h5", "hdf5", "pt", "pth", "ckpt", "safetensors", "onnx", "bin", "zip", "gz", "bz2", "xz", "tar", "zst",
        "7z", "db", "sqlite", "xlsx", "xls", "avro", "tfrecord", "orc", "txt", "json", "xml", "model", "weights",
    ]
    /// Media and documents: never counted as data, whatever their size.
    static let mediaExtensions: Set<String> = [
        "jpg", "jpeg", "png", "gif", "svg", "webp", "bmp", "ico", "tif", "tiff", "pdf", "mp4", "mov", "webm", "wav",
        "mp3", "flac", "ogg", "md", "rst", "html", "ipynb",
    ]
    static let fixtureDirectories: Set<String> = ["tests", "test", "testdata", "test_data", "fixtures", "__fixtures__", "docs", "doc", "assets", "static", "images", "img"]
    static let largeAnyFile: UInt64 = 10 << 20
    static let largeDataFile: UInt64 = 1 << 20

    func check(_ context: ValidationContext) -> RuleResult {
        guard context.insideGitRepository else { return skip("not a git repository") }
        var environment = context.environment
        environment["GIT_OPTIONAL_LOCKS"] = "0"
        environment["GIT_TERMINAL_PROMPT"] = "0"
        guard let result = context.processes.run(
            ["git", "-c", "core.fsmonitor=false", "-c", "core.quotepath=false", "ls-files", "-z"], in: context.access.root,
            environment: environment, timeout: 60, echo: nil)
        else { return skip("git is not installed here, so tracked files cannot be listed") }
        if result.timedOut { return skip("git ls-files took over 60 s") }
        guard result.status == 0 else {
            let first = result.output.split(separator: "\n").first.map(String.init) ?? "exit status \(result.status)"
            return skip(first.contains("not a git repository") ? "not a git repository" : "git ls-files failed: \(first)")
        }
        let paths = result.output.split(separator: "\0").prefix(500_000).map(String.init)
        var large: [(String, UInt64)] = []
        for path in paths where path != context.declaredLog {
            let ext = ProjectTree.fileExtension(path)
            if Self.mediaExtensions.contains(ext) { continue }
            if path.split(separator: "/").dropLast().contains(where: { Self.fixtureDirectories.contains($0.lowercased()) }) { continue }
            guard let size = context.access.fileSystem.size(of: context.access.absolute(path)), size >= Self.largeDataFile else { continue }
            let underData = path.hasPrefix("data/") || path.contains("/data/") || path.hasPrefix("datasets/")
            if size >= Self.largeAnyFile || Self.dataExtensions.contains(ext) || underData { large.append((path, size)) }
        }
        guard !large.isEmpty else {
            return pass("no large data file among the \(paths.count) tracked files")
        }
        large.sort { $0.1 > $1.1 }
        let total = large.reduce(UInt64(0)) { $0 + $1.1 }
        return fail("\(large.count) large data file\(large.count == 1 ? " is" : "s are") tracked by git (\(ProjectScanner.describe(total)) in all)",
                    details: ValidationContext.capped(large.map { "\($0.0) (\(ProjectScanner.describe($0.1)))" }, limit: 10),
                    locations: large.prefix(30).map { .init($0.0) })
    }
}
