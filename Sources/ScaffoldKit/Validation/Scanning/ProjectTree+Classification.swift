/// Which of the files seen are code, tests, notebooks.
extension ProjectTree {
    /// Extensions of files that may hold evaluation code or its configuration.
    static let sourceExtensions: Set<String> = [
        "py", "pyx", "r", "jl", "sh", "bash", "zsh", "js", "mjs", "cjs", "ts", "go", "rs", "java", "kt", "scala",
        "rb", "pl", "lua", "swift", "c", "cc", "cpp", "h", "toml", "yaml", "yml", "cfg", "ini", "conf", "mk",
        "ipynb",
    ]
    /// Build and task files named without an extension.
    static let sourceNames: Set<String> = [
        "Makefile", "makefile", "GNUmakefile", "Justfile", "justfile", "Snakefile", "Taskfile", "noxfile.py",
        "Dockerfile",
    ]
    /// Extensions a test module can have.
    static let testExtensions: Set<String> = [
        "py", "r", "jl", "js", "mjs", "ts", "go", "rs", "java", "kt", "scala", "rb", "sh", "swift",
    ]

    static func fileExtension(_ path: String) -> String {
        let name = Path.lastComponent(path)
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return String(name[name.index(after: dot)...]).lowercased()
    }

    static func stem(_ path: String) -> String {
        let name = Path.lastComponent(path)
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }

    /// Whether a path is a test module: test_*.py, *_test.go, foo.spec.ts,
    /// or a code file under a tests/ directory (not __init__.py).
    public static func isTestFile(_ path: String) -> Bool {
        let ext = fileExtension(path)
        guard testExtensions.contains(ext) else { return false }
        let stem = stem(path).lowercased()
        if stem.hasPrefix("test_") || stem.hasPrefix("test-") || stem == "tests" || stem.hasSuffix("_test")
            || stem.hasSuffix(".test") || stem.hasSuffix(".spec") || stem.hasSuffix("_tests") {
            return true
        }
        let directories = path.split(separator: "/").dropLast()
        let inTests = directories.contains { ["tests", "test", "testthat", "__tests__", "spec"].contains($0.lowercased()) }
        return inTests && !["__init__", "conftest", "setup", "helpers", "utils"].contains(stem)
    }

    /// Whether a path may hold code or configuration that writes the log.
    public static func isSource(_ path: String) -> Bool {
        sourceNames.contains(Path.lastComponent(path)) || sourceExtensions.contains(fileExtension(path))
    }
}

extension ProjectTree {
    /// Inside a bulk folder (data/, outputs/, …) only code and its docs are kept:
    /// a `prepare.py`, a Makefile, a README (a data card), a dvc.yaml.
    static func isCodeInBulkFolder(_ path: String) -> Bool {
        let ext = fileExtension(path)
        if ["py", "sh", "r", "jl", "ipynb", "md", "mk"].contains(ext) { return true }
        let name = Path.lastComponent(path)
        return sourceNames.contains(name) || name == "dvc.yaml" || name == "MLproject" || name == "README"
    }
}
