import BuiltinBlueprints
import Foundation

extension BlueprintLayer {
    /// Largest file a blueprint may hold.
    static let maximumFileSize = 256 << 20
    /// Most files a blueprint may hold.
    static let maximumFileCount = 20_000

    /// Reads a blueprint directory. Nothing outside `directory` is ever read:
    /// a symbolic link must point to a regular file inside the blueprint (it is
    /// read as that file); any other link, device or FIFO is refused by name.
    /// Reads and checks only `blueprint.json` of a blueprint directory.
    public static func manifest(directory: String, fileSystem: any FileSystem) throws(ScaffoldError) -> BlueprintManifest {
        let root = Path.normalize(directory)
        let manifestPath = root + "/blueprint.json"
        guard fileSystem.kind(of: root) == .directory else {
            throw ScaffoldError("blueprint directory \(root) does not exist", fix: "check the path, or run 'scaffold list'")
        }
        if fileSystem.kind(of: manifestPath) == .symlink {
            throw ScaffoldError(
                "\(manifestPath) is a symbolic link", fix: "make blueprint.json a regular file (scaffold does not follow it)")
        }
        guard fileSystem.kind(of: manifestPath) == .file else {
            throw ScaffoldError(
                "\(root) is not a blueprint: it has no blueprint.json",
                fix: "add blueprint.json (see README \"Blueprint format\")")
        }
        let manifestData: Data
        do { manifestData = try fileSystem.readFile(manifestPath, limit: 4 << 20) } catch {
            throw ScaffoldError(error.description, fix: "check the file's permissions")
        }
        return try BlueprintManifest.decode(manifestData, file: manifestPath)
    }

    public static func load(directory: String, fileSystem: any FileSystem) throws(ScaffoldError) -> BlueprintLayer {
        let root = Path.normalize(directory)
        let manifest = try manifest(directory: root, fileSystem: fileSystem)
        var reader = TreeReader(root: root, fileSystem: fileSystem)
        let templateRoot = root + "/template"
        if fileSystem.kind(of: templateRoot) == .directory {
            try reader.walk(templateRoot, relative: "", depth: 0)
        } else if fileSystem.exists(templateRoot) {
            throw ScaffoldError("\(templateRoot) is not a directory", fix: "make template/ a directory of files")
        }
        var partials: [String: String] = [:]
        let partialsRoot = root + "/partials"
        if fileSystem.exists(partialsRoot) && fileSystem.kind(of: partialsRoot) != .directory {
            throw ScaffoldError("\(partialsRoot) is not a directory", fix: "make partials/ a directory of .mustache files")
        }
        if fileSystem.kind(of: partialsRoot) == .directory {
            var partialReader = TreeReader(root: root, fileSystem: fileSystem)
            try partialReader.walk(partialsRoot, relative: "", depth: 63)
            for file in partialReader.files where file.path.hasSuffix(".mustache") {
                guard let text = String(data: file.contents, encoding: .utf8) else {
                    throw ScaffoldError("\(partialsRoot)/\(file.path) is not UTF-8 text", fix: "save the partial as UTF-8")
                }
                partials[String(file.path.dropLast(".mustache".count))] = text
            }
        }
        return BlueprintLayer(manifest: manifest, files: reader.files, partials: partials, origin: .directory(root))
    }

    /// The built-in layer named `name`, from the files embedded in the binary.
    static func builtIn(named name: String) throws(ScaffoldError) -> BlueprintLayer? {
        let prefix = name + "/"
        let embedded = BuiltinBlueprints.files.filter { $0.path.hasPrefix(prefix) }
        guard let manifestFile = embedded.first(where: { $0.path == prefix + "blueprint.json" }) else { return nil }
        let manifest = try BlueprintManifest.decode(manifestFile.contents, file: "built-in \(name)/blueprint.json")
        var files: [BlueprintFile] = []
        var partials: [String: String] = [:]
        for file in embedded {
            let relative = String(file.path.dropFirst(prefix.count))
            if relative.hasPrefix("template/") {
                files.append(BlueprintFile(
                    path: String(relative.dropFirst("template/".count)), contents: file.contents,
                    executable: file.executable))
            } else if relative.hasPrefix("partials/"), relative.hasSuffix(".mustache") {
                let partial = String(relative.dropFirst("partials/".count).dropLast(".mustache".count))
                partials[partial] = String(decoding: file.contents, as: UTF8.self)
            }
        }
        return BlueprintLayer(manifest: manifest, files: files, partials: partials, origin: .builtIn)
    }

    /// Only the manifest of a built-in blueprint (what `list` needs; no file is decoded).
    static func builtInManifest(named name: String) throws(ScaffoldError) -> BlueprintManifest? {
        let path = name + "/blueprint.json"
        guard let file = BuiltinBlueprints.files.first(where: { $0.path == path }) else { return nil }
        return try BlueprintManifest.decode(file.contents, file: "built-in \(path)")
    }

    /// Names of the built-in blueprints (directories of `Blueprints/` with a blueprint.json).
    static var builtInNames: [String] {
        BuiltinBlueprints.files.compactMap { file in
            let parts = file.path.split(separator: "/")
            return parts.count == 2 && parts[1] == "blueprint.json" ? String(parts[0]) : nil
        }
    }
}

/// Walks a blueprint's tree without leaving it.
private struct TreeReader {
    let root: String
    let fileSystem: any FileSystem
    var files: [BlueprintFile] = []

    mutating func walk(_ directory: String, relative: String, depth: Int) throws(ScaffoldError) {
        guard depth < 64 else {
            throw ScaffoldError("\(directory) is nested more than 64 directories deep", fix: "flatten the blueprint's tree")
        }
        let names: [String]
        do { names = try fileSystem.listDirectory(directory) } catch {
            throw ScaffoldError(error.description, fix: "check the blueprint's permissions")
        }
        for name in names {
            if name == ".DS_Store" { continue }
            let full = directory + "/" + name
            let path = relative.isEmpty ? name : relative + "/" + name
            switch fileSystem.kind(of: full) {
            case .directory:
                try walk(full, relative: path, depth: depth + 1)
            case .file:
                try add(full, as: path, executable: fileSystem.isExecutable(full))
            case .symlink:
                let target = try resolveLink(full)
                try add(target, as: path, executable: fileSystem.isExecutable(target))
            case .missing:
                // Listed, yet not there by that name: a name that is not UTF-8 (or a file that vanished).
                throw ScaffoldError("\(full) cannot be read by its name (is the name valid UTF-8?)", fix: "rename it with a UTF-8 name, or remove it")
            case .other:
                throw ScaffoldError("\(full) is not a regular file", fix: "remove it from the blueprint (only files, directories and links to files inside it are allowed)")
            }
        }
    }

    private mutating func add(_ full: String, as path: String, executable: Bool) throws(ScaffoldError) {
        guard files.count < BlueprintLayer.maximumFileCount else {
            throw ScaffoldError("blueprint \(root) has more than \(BlueprintLayer.maximumFileCount) files", fix: "split it or move bulk data out of template/")
        }
        if let size = fileSystem.size(of: full), size > UInt64(BlueprintLayer.maximumFileSize) {
            throw ScaffoldError("\(full) is larger than \(BlueprintLayer.maximumFileSize >> 20) MiB", fix: "ship large data outside the blueprint")
        }
        do {
            let data = try fileSystem.readFile(full, limit: BlueprintLayer.maximumFileSize)
            files.append(BlueprintFile(path: path, contents: data, executable: executable))
        } catch {
            throw ScaffoldError(error.description, fix: "check the blueprint's permissions")
        }
    }

    /// Follows a link (and links it points to, up to 8) lexically; the end must
    /// be a regular file inside the blueprint root.
    private func resolveLink(_ link: String) throws(ScaffoldError) -> String {
        var current = link
        for _ in 0..<8 {
            let destination: String
            do { destination = try fileSystem.linkDestination(current) } catch {
                throw ScaffoldError(error.description, fix: "fix or remove the link")
            }
            let resolved = Path.normalize(destination.hasPrefix("/") ? destination : Path.parent(current) + "/" + destination)
            guard resolved.hasPrefix(root + "/") else {
                throw ScaffoldError(
                    "symbolic link \(link) points outside the blueprint (to \(destination))",
                    fix: "replace the link with a copy of the file inside the blueprint")
            }
            // Every directory between the root and the destination must be a real
            // directory: a linked directory on the way could lead outside.
            var walked = root
            for component in resolved.dropFirst(root.count + 1).split(separator: "/").dropLast() {
                walked += "/" + component
                guard fileSystem.kind(of: walked) == .directory else {
                    throw ScaffoldError(
                        "symbolic link \(link) leads through \(walked), which is not a plain directory",
                        fix: "replace the link with a copy of the file inside the blueprint")
                }
            }
            switch fileSystem.kind(of: resolved) {
            case .file: return resolved
            case .symlink: current = resolved
            case .directory:
                throw ScaffoldError("symbolic link \(link) points to a directory", fix: "replace it with a real directory")
            default:
                throw ScaffoldError("symbolic link \(link) points to nothing readable (\(destination))", fix: "fix or remove the link")
            }
        }
        throw ScaffoldError("symbolic link \(link) is part of a loop or a chain longer than 8", fix: "fix or remove the link")
    }
}
