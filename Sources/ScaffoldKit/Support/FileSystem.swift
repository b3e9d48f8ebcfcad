import Foundation

/// What `lstat` says a path is (symbolic links are never followed).
public enum FileKind: Sendable, Equatable {
    case missing, file, directory, symlink, other
}

/// A failed file-system operation, with the path and the system's reason.
public struct FileSystemError: Error, Sendable, CustomStringConvertible {
    public var operation: String
    public var path: String
    public var reason: String

    public init(_ operation: String, _ path: String, _ reason: String) {
        self.operation = operation
        self.path = path
        self.reason = reason
    }

    public var description: String { "cannot \(operation) \(path): \(reason)" }
}

/// The file-system layer every reader and writer in scaffold goes through, so
/// tests can inject failures midway (see `FaultyFileSystem` in the tests).
public protocol FileSystem: Sendable {
    /// The kind of `path`, without following a final symbolic link.
    func kind(of path: String) -> FileKind
    /// Size in bytes of a regular file (lstat), or nil.
    func size(of path: String) -> UInt64?
    /// Whether a regular file has any executable bit.
    func isExecutable(_ path: String) -> Bool
    /// Reads at most `limit` bytes of a regular file.
    func readFile(_ path: String, limit: Int) throws(FileSystemError) -> Data
    /// Reads a regular file from byte `offset` on, handing chunks of at most
    /// `chunkSize` bytes to `body` until it returns false or the file ends
    /// (never through a link, never blocking on a FIFO): large files such as
    /// the impact log are read piece by piece, never whole.
    func readChunks(_ path: String, from offset: UInt64, chunkSize: Int, _ body: (Data) -> Bool) throws(FileSystemError)
    /// Names in a directory, sorted, without `.` and `..`.
    func listDirectory(_ path: String) throws(FileSystemError) -> [String]
    /// The target of a symbolic link, as stored.
    func linkDestination(_ path: String) throws(FileSystemError) -> String
    /// Creates one directory (mode 0755); fails if anything exists there.
    func createDirectory(_ path: String) throws(FileSystemError)
    /// Creates a new file (fails if it exists) with mode 0644 or 0755.
    func createFile(_ path: String, contents: Data, executable: Bool) throws(FileSystemError)
    /// rename(2): atomic within one file system; replaces a file or an empty directory.
    func rename(_ source: String, to destination: String) throws(FileSystemError)
    /// Removes a file, or a directory and everything in it (links are removed, not followed).
    func removeTree(_ path: String) throws(FileSystemError)
}

extension FileSystem {
    public func exists(_ path: String) -> Bool { kind(of: path) != .missing }

    /// Fallback for file systems without positioned reads (test doubles):
    /// reads the file, then hands it out in chunks.
    public func readChunks(_ path: String, from offset: UInt64, chunkSize: Int, _ body: (Data) -> Bool) throws(FileSystemError) {
        let data = try readFile(path, limit: Int.max)
        var start = Int(clamping: offset)
        while start < data.count {
            let end = min(data.count, start + max(1, chunkSize))
            if !body(data.subdata(in: start..<end)) { return }
            start = end
        }
    }
}
