import Foundation

/// Writes the portfolio's files into an output directory: each file goes to a
/// temporary name beside its place and is renamed over it, so a reader never
/// sees a half-written page. Refuses to write through links.
struct PortfolioWriter {
    let fileSystem: any FileSystem

    /// Writes `files` (relative paths) under `directory`; returns the paths written.
    func write(_ files: [(path: String, contents: String)], into directory: String, shownAs shown: String) throws(ScaffoldError) -> [String] {
        try ensureDirectory(directory, shownAs: shown)
        var written: [String] = []
        for file in files {
            let target = directory + "/" + file.path
            let parent = Path.parent(target)
            if parent != directory { try ensureDirectory(parent, shownAs: shown + "/" + Path.parent(file.path)) }
            switch fileSystem.kind(of: target) {
            case .missing, .file: break
            default:
                throw ScaffoldError("'\(shown)/\(file.path)' exists and is not a regular file",
                                    fix: "remove it or choose another --output", exitCode: .failure)
            }
            let temporary = parent + "/.\(Path.lastComponent(target)).scaffold-\(getpid())"
            do {
                if fileSystem.exists(temporary) { try fileSystem.removeTree(temporary) }
                try fileSystem.createFile(temporary, contents: Data(file.contents.utf8), executable: false)
                try fileSystem.rename(temporary, to: target)
            } catch {
                try? fileSystem.removeTree(temporary)
                throw ScaffoldError("\(error)", fix: "check that '\(shown)' is writable", exitCode: .failure)
            }
            written.append(file.path)
        }
        return written
    }

    private func ensureDirectory(_ path: String, shownAs shown: String) throws(ScaffoldError) {
        switch fileSystem.kind(of: path) {
        case .directory: return
        case .missing:
            let parent = Path.parent(path)
            if parent != path, fileSystem.kind(of: parent) == .missing { try ensureDirectory(parent, shownAs: Path.parent(shown)) }
            do { try fileSystem.createDirectory(path) } catch {
                throw ScaffoldError("\(error)", fix: "check that the parent of '\(shown)' is writable", exitCode: .failure)
            }
        default:
            throw ScaffoldError("output '\(shown)' exists and is not a directory", fix: "choose another --output", exitCode: .usage)
        }
    }
}
