import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// stdout or stderr of this process.
public struct StandardOutput: TextOutput {
    let descriptor: Int32

    public static let out = StandardOutput(descriptor: STDOUT_FILENO)
    public static let error = StandardOutput(descriptor: STDERR_FILENO)

    public func write(_ text: String) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                return  // a closed pipe: nothing sensible left to do
            }
            bytes = bytes.dropFirst(written)
        }
    }

    public var isTerminal: Bool { isatty(descriptor) == 1 }
}

/// stdin of this process.
public struct StandardInput: LineInput {
    public init() {}

    public func readLine() -> String? { Swift.readLine(strippingNewline: true) }

    public func readAll() -> Data { FileHandle.standardInput.readDataToEndOfFile() }

    public var isTerminal: Bool { isatty(STDIN_FILENO) == 1 }
}

extension ScaffoldContext {
    /// The context of a real run: this process's streams, environment and
    /// working directory, the local file system and process runner.
    public static func standard() -> ScaffoldContext {
        let environment = ProcessInfo.processInfo.environment
        let directory = FileManager.default.currentDirectoryPath
        return ScaffoldContext(
            environment: environment, currentDirectory: directory, stdout: StandardOutput.out,
            stderr: StandardOutput.error, stdin: StandardInput())
    }
}
