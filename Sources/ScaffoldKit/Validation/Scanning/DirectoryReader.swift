import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Lists one directory with the entry types the directory read itself
/// returns (`d_type` of readdir), so the walk needs no lstat per entry where
/// the kernel already said what it is. Entries of unknown type (some file
/// systems), and every entry of a file system that is not the local one (test
/// doubles), are asked about with `FileSystem.kind(of:)`.
struct DirectoryReader {
    let fileSystem: any FileSystem

    /// One entry: its name and what it is.
    struct Entry {
        var name: String
        var kind: FileKind
    }

    /// The entries of `path`, sorted by name, without `.` and `..`.
    func entries(_ path: String) throws(FileSystemError) -> [Entry] {
        guard fileSystem is LocalFileSystem else {
            let names = try fileSystem.listDirectory(path)
            return names.map { Entry(name: $0, kind: fileSystem.kind(of: path + "/" + $0)) }
        }
        guard let directory = opendir(path) else {
            throw FileSystemError("list", path, String(cString: strerror(errno)))
        }
        defer { closedir(directory) }
        var entries: [Entry] = []
        while let pointer = readdir(directory) {
            let type = pointer.pointee.d_type
            let name = withUnsafePointer(to: &pointer.pointee.d_name) { raw in
                raw.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            let kind: FileKind
            switch Int32(type) {
            case Int32(DT_REG): kind = .file
            case Int32(DT_DIR): kind = .directory
            case Int32(DT_LNK): kind = .symlink
            case Int32(DT_UNKNOWN): kind = fileSystem.kind(of: path + "/" + name)
            default: kind = .other
            }
            entries.append(Entry(name: name, kind: kind))
        }
        entries.sort { $0.name < $1.name }
        return entries
    }
}
