import Foundation
import ScaffoldKit
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// Helpers shared by the Reliability* suites (fuzzing, hostile blueprints,
// interruption and races, memory). See README "Security model".

enum Reliability {
    /// An integer from the environment, or `fallback` (how CI scales the random suites up).
    static func count(_ variable: String, default fallback: Int) -> Int {
        ProcessInfo.processInfo.environment[variable].flatMap { Int($0) } ?? fallback
    }

    /// The seed of a random suite: `SCAFFOLD_FUZZ_SEED`, else `fallback` (printed, to replay).
    static func seed(_ fallback: UInt64) -> UInt64 {
        ProcessInfo.processInfo.environment["SCAFFOLD_FUZZ_SEED"].flatMap { UInt64($0) } ?? fallback
    }

    /// The Corpus/ folder beside this file (inputs that once failed, replayed as regression tests).
    static let corpus: String = {
        var url = URL(fileURLWithPath: #filePath)
        url.deleteLastPathComponent()
        return url.path + "/Corpus"
    }()

    /// Every file of a corpus subfolder, sorted, as (name, bytes).
    static func corpusFiles(_ folder: String) -> [(name: String, data: Data)] {
        let directory = corpus + "/" + folder
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.sorted().compactMap { name in
            FileManager.default.contents(atPath: directory + "/" + name).map { (name, $0) }
        }
    }

    /// Everything below `root` (not following links): relative path → contents
    /// ("dir", "link → target", or the file's bytes with an "x" prefix when executable).
    static func snapshot(_ root: String) -> [String: Data] {
        var result: [String: Data] = [:]
        func walk(_ directory: String, _ relative: String) {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
            for name in names {
                let full = directory + "/" + name
                let path = relative.isEmpty ? name : relative + "/" + name
                var info = stat()
                guard lstat(full, &info) == 0 else { continue }
                switch info.st_mode & S_IFMT {
                case S_IFDIR:
                    result[path] = Data("dir".utf8)
                    walk(full, path)
                case S_IFLNK:
                    let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: full)) ?? "?"
                    result[path] = Data("link → \(target)".utf8)
                default:
                    let bytes = FileManager.default.contents(atPath: full) ?? Data("unreadable".utf8)
                    result[path] = (info.st_mode & 0o111 != 0 ? Data("x".utf8) : Data()) + bytes
                }
            }
        }
        walk(root, "")
        return result
    }

    /// A short account of how two snapshots differ (for failure messages).
    static func difference(_ actual: [String: Data], _ expected: [String: Data]) -> String {
        let missing = Set(expected.keys).subtracting(actual.keys).sorted()
        let extra = Set(actual.keys).subtracting(expected.keys).sorted()
        let changed = actual.keys.filter { expected[$0] != nil && expected[$0] != actual[$0] }.sorted()
        var parts: [String] = []
        if !missing.isEmpty { parts.append("\(missing.count) missing (\(missing.prefix(3).joined(separator: ", ")))") }
        if !extra.isEmpty { parts.append("\(extra.count) extra (\(extra.prefix(3).joined(separator: ", ")))") }
        if !changed.isEmpty { parts.append("\(changed.count) different (\(changed.prefix(3).joined(separator: ", ")))") }
        return parts.isEmpty ? "identical" : parts.joined(separator: "; ")
    }

    /// Runs a command through a small Python parent and returns (exit status, peak RSS in
    /// bytes). Peak RSS must be measured from a small parent: a child spawned (vfork) by a
    /// big process, such as the test runner, inherits that process's peak in its rusage.
    /// nil when python3 is missing.
    static func measurePeakRSS(_ arguments: [String], stdout: String = "/dev/null", stderr: String = "/dev/null") -> (status: Int32, peakRSS: Int)? {
        let script = """
            import resource, subprocess, sys
            out, err = open(sys.argv[1], "wb"), open(sys.argv[2], "wb")
            code = subprocess.call(sys.argv[4:], stdin=subprocess.DEVNULL, stdout=out, stderr=err)
            kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            open(sys.argv[3], "w").write(f"{code} {kb * (1 if sys.platform == 'darwin' else 1024)}")
            """
        let result = FileManager.default.temporaryDirectory.path + "/scaffold-rss-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: result) }
        guard let python = LocalProcessRunner.which("python3", environment: ProcessInfo.processInfo.environment),
              SpawnedProcess.run([python, "-c", script, stdout, stderr, result] + arguments)?.status == 0,
              let text = try? String(contentsOfFile: result, encoding: .utf8)
        else { return nil }
        let fields = text.split(separator: " ").compactMap { Int($0) }
        guard fields.count == 2 else { return nil }
        return (Int32(fields[0]), fields[1])
    }

    /// Staging directories (`.NAME.scaffold-*`) left in `directory`.
    static func debris(in directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.contains(".scaffold-") }.sorted()
    }

    /// Writes a blueprint with `count` small template files spread over directories.
    static func largeBlueprint(in directory: TemporaryDirectory, name: String, count: Int) -> String {
        directory.write(
            "\(name)/blueprint.json",
            #"{"name": "\#(name)", "version": "1.0.0", "summary": "Many files.", "variables": [{"name": "project_name", "default": "big"}, {"name": "owner", "default": "Ada"}]}"#)
        for index in 0..<count {
            directory.write(
                "\(name)/template/d\(index % 40)/f\(index).txt",
                "file \(index) of {{project_name}} by {{owner}}\n" + String(repeating: "line \(index)\n", count: 8),
                executable: index % 97 == 0)
        }
        return directory.path + "/" + name
    }
}

/// Records every path the library reads and writes (to prove nothing outside the
/// blueprint is read and nothing outside the target is written).
final class RecordingFileSystem: FileSystem, @unchecked Sendable {
    let base = LocalFileSystem()
    private let lock = NSLock()
    private var readLog: [String] = []
    private var writeLog: [String] = []

    private func read(_ path: String) {
        lock.lock()
        readLog.append(path)
        lock.unlock()
    }

    private func wrote(_ path: String) {
        lock.lock()
        writeLog.append(path)
        lock.unlock()
    }

    var reads: [String] {
        lock.lock()
        defer { lock.unlock() }
        return readLog
    }

    var writes: [String] {
        lock.lock()
        defer { lock.unlock() }
        return writeLog
    }

    func kind(of path: String) -> FileKind { base.kind(of: path) }
    func size(of path: String) -> UInt64? { base.size(of: path) }
    func isExecutable(_ path: String) -> Bool { base.isExecutable(path) }
    func readFile(_ path: String, limit: Int) throws(FileSystemError) -> Data {
        read(path)
        return try base.readFile(path, limit: limit)
    }
    func readChunks(_ path: String, from offset: UInt64, chunkSize: Int, _ body: (Data) -> Bool) throws(FileSystemError) {
        read(path)
        try base.readChunks(path, from: offset, chunkSize: chunkSize, body)
    }
    func listDirectory(_ path: String) throws(FileSystemError) -> [String] {
        read(path)
        return try base.listDirectory(path)
    }
    func linkDestination(_ path: String) throws(FileSystemError) -> String {
        read(path)
        return try base.linkDestination(path)
    }
    func createDirectory(_ path: String) throws(FileSystemError) {
        wrote(path)
        try base.createDirectory(path)
    }
    func createFile(_ path: String, contents: Data, executable: Bool) throws(FileSystemError) {
        wrote(path)
        try base.createFile(path, contents: contents, executable: executable)
    }
    func rename(_ source: String, to destination: String) throws(FileSystemError) {
        wrote(source)
        wrote(destination)
        try base.rename(source, to: destination)
    }
    func removeTree(_ path: String) throws(FileSystemError) {
        wrote(path)
        try base.removeTree(path)
    }
}

/// Fails the Nth write operation (directory, file or rename, counted together): a file
/// fails after half of it reached the disk, as a full disk does. `onOperation` runs before
/// each write operation with its number (to interrupt from another thread at that moment).
final class FailingFileSystem: FileSystem, @unchecked Sendable {
    let base = LocalFileSystem()
    private let lock = NSLock()
    private var count = 0
    let failAt: Int?
    let onOperation: (@Sendable (Int) -> Void)?

    init(failAt: Int?, onOperation: (@Sendable (Int) -> Void)? = nil) {
        self.failAt = failAt
        self.onOperation = onOperation
    }

    var operations: Int {
        lock.lock()
        defer { lock.unlock() }
        return count
    }

    private func next() -> Int {
        lock.lock()
        count += 1
        let number = count
        lock.unlock()
        onOperation?(number)
        return number
    }

    func kind(of path: String) -> FileKind { base.kind(of: path) }
    func size(of path: String) -> UInt64? { base.size(of: path) }
    func isExecutable(_ path: String) -> Bool { base.isExecutable(path) }
    func readFile(_ path: String, limit: Int) throws(FileSystemError) -> Data { try base.readFile(path, limit: limit) }
    func readChunks(_ path: String, from offset: UInt64, chunkSize: Int, _ body: (Data) -> Bool) throws(FileSystemError) {
        try base.readChunks(path, from: offset, chunkSize: chunkSize, body)
    }
    func listDirectory(_ path: String) throws(FileSystemError) -> [String] { try base.listDirectory(path) }
    func linkDestination(_ path: String) throws(FileSystemError) -> String { try base.linkDestination(path) }
    func createDirectory(_ path: String) throws(FileSystemError) {
        if next() == failAt { throw FileSystemError("create directory", path, "Input/output error (injected)") }
        try base.createDirectory(path)
    }
    func createFile(_ path: String, contents: Data, executable: Bool) throws(FileSystemError) {
        if next() == failAt {
            try base.createFile(path, contents: contents.prefix(contents.count / 2), executable: executable)
            throw FileSystemError("write", path, "No space left on device (injected)")
        }
        try base.createFile(path, contents: contents, executable: executable)
    }
    func rename(_ source: String, to destination: String) throws(FileSystemError) {
        if next() == failAt { throw FileSystemError("move \(source) to", destination, "Input/output error (injected)") }
        try base.rename(source, to: destination)
    }
    func removeTree(_ path: String) throws(FileSystemError) { try base.removeTree(path) }
}

/// A child process started with posix_spawn, so that its exact peak memory (wait4's
/// rusage) and its death by a signal can be observed.
struct SpawnedProcess {
    let pid: pid_t

    /// How a child ended.
    struct Outcome {
        /// The exit status, or nil when a signal killed it.
        var status: Int32?
        var signal: Int32?
        /// Peak resident set size, in bytes.
        var peakRSS: Int
    }

    /// Starts `arguments` (the first is the executable's path) with stdout and stderr
    /// written to the given files.
    static func start(_ arguments: [String], stdout: String = "/dev/null", stderr: String = "/dev/null", environment: [String: String] = [:]) -> SpawnedProcess? {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // The test runner may ignore or block signals; the child starts with the defaults.
        var all = sigset_t()
        sigfillset(&all)
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env["SCAFFOLD_BLUEPRINTS_PATH"] = nil
        for (key, value) in environment { env[key] = value }
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        // A binary copied a moment ago can be briefly busy (ETXTBSY): retry.
        for _ in 0..<50 {
            let result = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, envp)
            if result == 0 { return SpawnedProcess(pid: pid) }
            if result != ETXTBSY { return nil }
            usleep(100_000)
        }
        return nil
    }

    func send(_ signal: Int32) { kill(pid, signal) }

    /// Waits for the child to end.
    func wait() -> Outcome {
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let terminatedBySignal = (status & 0x7F) != 0 && (status & 0x7F) != 0x7F
        #if canImport(Darwin)
        let peak = Int(usage.ru_maxrss)  // bytes on macOS
        #else
        let peak = Int(usage.ru_maxrss) * 1024  // kilobytes on Linux
        #endif
        return Outcome(
            status: terminatedBySignal ? nil : (status >> 8) & 0xFF,
            signal: terminatedBySignal ? status & 0x7F : nil, peakRSS: peak)
    }

    /// Runs to the end.
    static func run(_ arguments: [String], stdout: String = "/dev/null", stderr: String = "/dev/null", environment: [String: String] = [:]) -> Outcome? {
        start(arguments, stdout: stdout, stderr: stderr, environment: environment)?.wait()
    }
}

extension ContinuousClock.Instant.Duration {
    var seconds: Double {
        let (whole, attoseconds) = components
        return Double(whole) + Double(attoseconds) / 1e18
    }
}
