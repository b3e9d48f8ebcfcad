import Dispatch
import Foundation

/// The result of running an external command.
public struct ProcessResult: Sendable {
    public var status: Int32
    public var output: String
    public var timedOut: Bool
}

/// Runs external programs (git for `new`; the project's own commands for
/// `validate --run`). Injected so tests can replace it.
public protocol ProcessRunner: Sendable {
    /// Runs `arguments[0]` found on PATH, in `directory`. Output (stdout and
    /// stderr together) is captured unless `echo` is given, in which case every
    /// chunk is passed to it as it arrives. Returns nil when it cannot start.
    func run(
        _ arguments: [String], in directory: String, environment: [String: String],
        timeout: Double?, echo: (@Sendable (String) -> Void)?
    ) -> ProcessResult?
}

/// Runs commands with Foundation's Process.
public struct LocalProcessRunner: ProcessRunner {
    public init() {}

    /// Finds an executable on PATH.
    public static func which(_ name: String, environment: [String: String]) -> String? {
        if name.contains("/") { return name }
        let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }

    public func run(
        _ arguments: [String], in directory: String, environment: [String: String],
        timeout: Double?, echo: (@Sendable (String) -> Void)?
    ) -> ProcessResult? {
        guard let first = arguments.first,
              let executable = Self.which(first, environment: environment)
        else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = Array(arguments.dropFirst())
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        let collected = OutputCollector()
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        do { try process.run() } catch { return nil }
        // One reader drains the pipe until end of file (every writer gone), so
        // no chunk can be lost between "exited" and "read the rest".
        let drained = DispatchSemaphore(value: 0)
        let handle = pipe.fileHandleForReading
        DispatchQueue.global().async {
            while true {
                let data = handle.availableData
                if data.isEmpty { break }
                collected.append(data)
                echo?(String(decoding: data, as: UTF8.self))
            }
            drained.signal()
        }
        var timedOut = false
        if let timeout, exited.wait(timeout: .now() + timeout) == .timedOut {
            // The child leads its own process group: end the whole group, so
            // grandchildren (sh -c …) cannot keep the output pipe open.
            timedOut = true
            let group = process.processIdentifier
            kill(-group, SIGTERM)
            process.terminate()  // in case it does not lead a group
            if exited.wait(timeout: .now() + 2) == .timedOut {
                kill(-group, SIGKILL)
                kill(group, SIGKILL)
                exited.wait()
            }
        } else if timeout == nil {
            exited.wait()
        }
        process.waitUntilExit()
        // A grandchild that left the group may still hold the pipe: don't wait for it forever.
        _ = drained.wait(timeout: .now() + (timedOut ? 2 : 30))
        return ProcessResult(status: process.terminationStatus, output: collected.text, timedOut: timedOut)
    }
}

private final class OutputCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var buffer = Data()

    func append(_ data: Data) {
        lock.lock()
        buffer.append(data)
        lock.unlock()
    }

    var text: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: buffer, as: UTF8.self)
    }
}
