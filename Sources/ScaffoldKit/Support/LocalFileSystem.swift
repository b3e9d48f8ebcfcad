import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The real file system, through POSIX calls (no link following, exclusive
/// creation, rename(2)) so that the guarantees in README hold exactly.
public struct LocalFileSystem: FileSystem {
    public init() {}

    private func reason() -> String { String(cString: strerror(errno)) }

    private func stat(_ path: String) -> stat? {
        var info = Foundation.stat()
        return lstat(path, &info) == 0 ? info : nil
    }

    public func kind(of path: String) -> FileKind {
        guard let info = stat(path) else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        case S_IFLNK: return .symlink
        default: return .other
        }
    }

    public func size(of path: String) -> UInt64? {
        guard let info = stat(path), info.st_mode & S_IFMT == S_IFREG else { return nil }
        return UInt64(info.st_size)
    }

    public func isExecutable(_ path: String) -> Bool {
        guard let info = stat(path) else { return false }
        return info.st_mode & 0o111 != 0
    }

    /// Opens a regular file for reading — O_NOFOLLOW: never through a link;
    /// O_NONBLOCK: never hanging on a FIFO — and checks what it opened.
    private func openRegularFile(_ path: String) throws(FileSystemError) -> (Int32, stat) {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw FileSystemError("read", path, reason()) }
        var info = Foundation.stat()
        guard fstat(fd, &info) == 0 else {
            let failure = reason()
            close(fd)
            throw FileSystemError("read", path, failure)
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            close(fd)
            throw FileSystemError("read", path, "not a regular file")
        }
        return (fd, info)
    }

    public func readFile(_ path: String, limit: Int) throws(FileSystemError) -> Data {
        let (fd, info) = try openRegularFile(path)
        defer { close(fd) }
        let wanted = max(0, min(limit, Int(clamping: info.st_size)))
        var data = Data(count: wanted)
        var total = 0
        while total < wanted {
            let count = data.withUnsafeMutableBytes { buffer in
                read(fd, buffer.baseAddress!.advanced(by: total), wanted - total)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw FileSystemError("read", path, reason())
            }
            if count == 0 { break }
            total += count
        }
        if total < wanted { data.removeSubrange(total...) }
        return data
    }

    public func readChunks(_ path: String, from offset: UInt64, chunkSize: Int, _ body: (Data) -> Bool) throws(FileSystemError) {
        let (fd, _) = try openRegularFile(path)
        defer { close(fd) }
        var position = off_t(clamping: offset)
        var buffer = [UInt8](repeating: 0, count: max(1, chunkSize))
        while true {
            let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, position) }
            if count < 0 {
                if errno == EINTR { continue }
                throw FileSystemError("read", path, reason())
            }
            if count == 0 { return }
            position += off_t(count)
            if !body(Data(buffer[0..<count])) { return }
        }
    }

    public func listDirectory(_ path: String) throws(FileSystemError) -> [String] {
        guard let dir = opendir(path) else { throw FileSystemError("list", path, reason()) }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    public func linkDestination(_ path: String) throws(FileSystemError) -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count >= 0 else { throw FileSystemError("read link", path, reason()) }
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    public func createDirectory(_ path: String) throws(FileSystemError) {
        guard mkdir(path, 0o755) == 0 else { throw FileSystemError("create directory", path, reason()) }
    }

    public func createFile(_ path: String, contents: Data, executable: Bool) throws(FileSystemError) {
        let mode: mode_t = executable ? 0o755 : 0o644
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
        guard fd >= 0 else { throw FileSystemError("create", path, reason()) }
        var failure: String?
        contents.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(fd, buffer.baseAddress!.advanced(by: offset), buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = reason()
                    return
                }
                offset += written
            }
        }
        // The umask may have narrowed the mode; set it exactly.
        if failure == nil, fchmod(fd, mode) != 0 { failure = reason() }
        if close(fd) != 0, failure == nil { failure = reason() }
        if let failure { throw FileSystemError("write", path, failure) }
    }

    public func rename(_ source: String, to destination: String) throws(FileSystemError) {
        #if canImport(Darwin)
        let result = Darwin.rename(source, destination)
        #elseif canImport(Glibc)
        let result = Glibc.rename(source, destination)
        #else
        let result = Musl.rename(source, destination)
        #endif
        guard result == 0 else { throw FileSystemError("move \(source) to", destination, reason()) }
    }

    public func removeTree(_ path: String) throws(FileSystemError) {
        // Something already gone (removed by another thread meanwhile) counts as removed.
        switch kind(of: path) {
        case .missing:
            return
        case .directory:
            let names: [String]
            do { names = try listDirectory(path) } catch {
                if kind(of: path) == .missing { return }
                throw error
            }
            for name in names { try removeTree(path + "/" + name) }
            guard rmdir(path) == 0 || errno == ENOENT else { throw FileSystemError("remove", path, reason()) }
        default:
            guard unlink(path) == 0 || errno == ENOENT else { throw FileSystemError("remove", path, reason()) }
        }
    }
}
