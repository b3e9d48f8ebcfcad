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

    /// The last component of a relative path (a byte search: this runs once per file of the walk).
    static func name(_ path: String) -> Substring {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return path[...] }
        return path[path.utf8.index(after: slash)...]
    }

    static func fileExtension(_ path: String) -> String {
        let name = name(path)
        guard let dot = name.utf8.lastIndex(of: UInt8(ascii: ".")), dot != name.startIndex else { return "" }
        let ext = name[name.utf8.index(after: dot)...]
        return ext.utf8.contains { (0x41...0x5A).contains($0) } ? ext.lowercased() : String(ext)
    }

    static func stem(_ path: String) -> String {
        let name = name(path)
        guard let dot = name.utf8.lastIndex(of: UInt8(ascii: ".")), dot != name.startIndex else { return String(name) }
        return String(name[..<dot])
    }

    /// Whether a path is a test module: test_*.py, *_test.go, foo.spec.ts,
    /// or a code file under a tests/ directory (not __init__.py).
    public static func isTestFile(_ path: String) -> Bool {
        let ext = fileExtension(path)
        guard testExtensions.contains(ext) else { return false }
        let name = name(path)
        let stemEnd = name.utf8.lastIndex(of: UInt8(ascii: ".")).flatMap { $0 == name.startIndex ? nil : $0 } ?? name.endIndex
        // Byte checks on the stem, case-insensitive, without copying: this runs once per file of the walk.
        let stem = name.utf8[..<stemEnd]
        func lower(_ byte: UInt8) -> UInt8 { (0x41...0x5A).contains(byte) ? byte + 0x20 : byte }
        // Most stems hold neither "test" nor "spec", so no name rule can match: only a tests folder can.
        let bytes = Array(stem)
        let mentions = bytes.count >= 4 && (0...(bytes.count - 4)).contains { index in
            let word = (lower(bytes[index]), lower(bytes[index + 1]), lower(bytes[index + 2]), lower(bytes[index + 3]))
            return word == (0x74, 0x65, 0x73, 0x74) || word == (0x73, 0x70, 0x65, 0x63)  // "test", "spec"
        }
        if !mentions {
            return inTestDirectory(path) && !["__init__", "setup", "helpers", "utils"].contains { $0.utf8.elementsEqual(bytes.map(lower)) }
        }
        func starts(_ prefix: StaticString) -> Bool {
            prefix.withUTF8Buffer { $0.count <= stem.count && zip(stem, $0).allSatisfy { lower($0) == $1 } }
        }
        func ends(_ suffix: StaticString) -> Bool {
            suffix.withUTF8Buffer { $0.count <= stem.count && zip(stem.suffix($0.count), $0).allSatisfy { lower($0) == $1 } }
        }
        func equals(_ word: StaticString) -> Bool {
            word.withUTF8Buffer { $0.count == stem.count && zip(stem, $0).allSatisfy { lower($0) == $1 } }
        }
        if starts("test_") || starts("test-") || ends("_test") || ends(".test") || ends(".spec") || ends("_tests") || equals("tests") {
            return true
        }
        guard inTestDirectory(path) else { return false }
        return !(equals("__init__") || equals("conftest") || equals("setup") || equals("helpers") || equals("utils"))
    }

    static let testDirectoryNames: [[UInt8]] = ["tests/", "test/", "testthat/", "__tests__/", "spec/"].map { Array($0.utf8) }

    /// Whether a directory name makes the code below it tests.
    static func isTestDirectoryName(_ name: String) -> Bool {
        name.utf8.count <= 9 && testDirectoryNames.contains { $0.dropLast().elementsEqual(name.lowercased().utf8) }
    }

    /// The class of a file from its name and whether a directory above it is a tests folder
    /// (what `isTestFile` and `isSource` say of its path, without re-reading the path).
    static func classify(name: String, inTests: Bool) -> FileClass {
        if isTestFile(name) || (inTests && isTestFile("tests/" + name)) { return .test }
        return isSource(name) ? .source : .other
    }

    /// Whether a directory on the path is tests/, test/, testthat/, __tests__/ or spec/ (any case).
    static func inTestDirectory(_ path: String) -> Bool {
        var start = path.utf8.startIndex
        var index = start
        let utf8 = path.utf8
        while index != utf8.endIndex {
            if utf8[index] == UInt8(ascii: "/") {
                let component = utf8[start...index]
                if component.count <= 10, testDirectoryNames.contains(where: { name in
                    name.count == component.count && zip(name, component).allSatisfy { $0 == ((0x41...0x5A).contains($1) ? $1 + 0x20 : $1) }
                }) {
                    return true
                }
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        return false
    }

    /// Whether a path may hold code or configuration that writes the log.
    public static func isSource(_ path: String) -> Bool {
        sourceNames.contains(String(name(path))) || sourceExtensions.contains(fileExtension(path))
    }
}

extension ProjectTree {
    /// Inside a bulk folder (data/, outputs/, …) only code and its docs are kept:
    /// a `prepare.py`, a Makefile, a README (a data card), a dvc.yaml.
    static func isCodeInBulkFolder(_ path: String) -> Bool {
        let ext = fileExtension(path)
        if ["py", "sh", "r", "jl", "ipynb", "md", "mk"].contains(ext) { return true }
        let name = String(name(path))
        return sourceNames.contains(name) || name == "dvc.yaml" || name == "MLproject" || name == "README"
    }
}
