import Foundation
import ScaffoldKit
import Testing

/// Captures what a command writes.
final class MemoryOutput: TextOutput, @unchecked Sendable {
    private let lock = NSLock()
    private var buffer = ""
    let isTerminal: Bool

    init(isTerminal: Bool = false) { self.isTerminal = isTerminal }

    func write(_ text: String) {
        lock.lock()
        buffer += text
        lock.unlock()
    }

    var text: String {
        lock.lock()
        defer { lock.unlock() }
        return buffer
    }
}

/// Feeds prompt answers line by line.
final class ScriptedInput: LineInput, @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String]
    let isTerminal: Bool

    init(_ lines: [String] = [], isTerminal: Bool = false) {
        self.lines = lines
        self.isTerminal = isTerminal
    }

    func readLine() -> String? {
        lock.lock()
        defer { lock.unlock() }
        return lines.isEmpty ? nil : lines.removeFirst()
    }

    func readAll() -> Data {
        lock.lock()
        defer { lock.unlock() }
        let all = lines.joined(separator: "\n")
        lines = []
        return Data(all.utf8)
    }
}

/// A fresh temporary directory, removed by `cleanUp()`.
struct TemporaryDirectory {
    let path: String

    init() {
        let base = FileManager.default.temporaryDirectory.path
        path = base + "/scaffold-tests-" + UUID().uuidString.prefix(12)
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func cleanUp() { try? FileManager.default.removeItem(atPath: path) }

    /// Writes a file (creating parents); returns its path.
    @discardableResult
    func write(_ relative: String, _ text: String, executable: Bool = false) -> String {
        writeData(relative, Data(text.utf8), executable: executable)
    }

    @discardableResult
    func writeData(_ relative: String, _ data: Data, executable: Bool = false) -> String {
        let full = path + "/" + relative
        try! FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try! data.write(to: URL(fileURLWithPath: full))
        if executable { chmod(full, 0o755) }
        return full
    }

    func read(_ relative: String) -> String? {
        try? String(contentsOfFile: path + "/" + relative, encoding: .utf8)
    }

    func exists(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: path + "/" + relative) }

    /// Every file and directory below `relative`, sorted, relative to it.
    func tree(_ relative: String = "") -> [String] {
        let root = relative.isEmpty ? path : path + "/" + relative
        guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
        return (walker.allObjects as? [String] ?? []).sorted()
    }
}

/// Runs the CLI in-process.
struct InProcess {
    let stdout = MemoryOutput()
    let stderr = MemoryOutput()
    var context: ScaffoldContext

    init(directory: String, environment: [String: String] = [:], input: ScriptedInput = ScriptedInput(), fileSystem: any FileSystem = LocalFileSystem()) {
        var env = environment
        env["PATH"] = env["PATH"] ?? ProcessInfo.processInfo.environment["PATH"]
        context = ScaffoldContext(
            environment: env, currentDirectory: directory, stdout: stdout, stderr: stderr, stdin: input,
            fileSystem: fileSystem)
    }

    func run(_ arguments: String...) -> Int32 { run(arguments) }

    func run(_ arguments: [String]) -> Int32 {
        ScaffoldCLI.run(arguments: ["scaffold"] + arguments, context: context)
    }
}

/// The result of running the built binary.
struct BinaryRun {
    let status: Int32
    let stdout: String
    let stderr: String
}

enum Binary {
    /// The package root (for fixtures that live in the repository).
    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The built `scaffold` binary: beside the test bundle (the test target
    /// depends on the executable, so it is built), else .build/debug.
    static let path: String = {
        let products = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().path
        for candidate in [products + "/scaffold", packageRoot + "/.build/debug/scaffold"]
        where FileManager.default.isExecutableFile(atPath: candidate) {
            return candidate
        }
        return packageRoot + "/.build/debug/scaffold"
    }()

    /// Runs the binary with the given arguments, stdin from /dev/null or `input`.
    static func run(
        _ arguments: [String], in directory: String, environment: [String: String] = [:], input: String? = nil,
        executable: String = Binary.path, timeout: Double = 300
    ) -> BinaryRun {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env["SCAFFOLD_BLUEPRINTS_PATH"] = nil
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let inputPipe = input.map { _ in Pipe() }
        process.standardInput = inputPipe ?? FileHandle.nullDevice
        // A binary copied a moment ago can be briefly "busy" (ETXTBSY) while
        // another test's child still holds the copy's descriptor: retry.
        var started = false
        for attempt in 0..<50 where !started {
            do {
                try process.run()
                started = true
            } catch {
                if attempt == 49 { return BinaryRun(status: -1, stdout: "", stderr: "could not start \(executable): \(error)") }
                Thread.sleep(forTimeInterval: 0.1)
            }
        }
        if let inputPipe, let input {
            inputPipe.fileHandleForWriting.write(Data(input.utf8))
            try? inputPipe.fileHandleForWriting.close()
        }
        // Read both pipes concurrently so neither fills up.
        let group = DispatchGroup()
        let errBox = DataBox()
        group.enter()
        DispatchQueue.global().async {
            errBox.data = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        // No test waits forever: a run over `timeout` seconds is killed and reported.
        let watchdog = DispatchWorkItem {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        watchdog.cancel()
        if process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL {
            Issue.record("\(executable) \(arguments.joined(separator: " ")) did not finish within \(Int(timeout)) s and was killed")
        }
        return BinaryRun(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errBox.data, as: UTF8.self))
    }
}

final class DataBox: @unchecked Sendable {
    var data = Data()
}

/// A small blueprint on disk for tests: `blueprint.json` from `manifest`, files under template/.
func makeBlueprint(
    in directory: TemporaryDirectory, name: String, manifest: String, files: [String: String] = [:],
    partials: [String: String] = [:]
) -> String {
    directory.write("\(name)/blueprint.json", manifest)
    for (path, text) in files { directory.write("\(name)/template/\(path)", text) }
    for (partial, text) in partials { directory.write("\(name)/partials/\(partial).mustache", text) }
    return directory.path + "/" + name
}
