import Foundation

/// Where a blueprint comes from, as `--blueprint` names it and scaffold.json records it.
public enum BlueprintSource: Sendable, Equatable, CustomStringConvertible {
    /// A name: looked up in `--blueprints-dir`, `SCAFFOLD_BLUEPRINTS_PATH`, then the built-ins.
    case name(String)
    /// A blueprint directory (absolute path).
    case directory(String)
    /// A git repository whose root is a blueprint, at `ref` (a tag, branch or commit;
    /// nil: the newest semantic-version tag).
    case git(url: String, ref: String?)

    /// Parses a `--blueprint` value: `git+URL[@REF]`, `PATH@REF` (a local git
    /// repository), a path (containing `/`), or a name.
    public static func parse(_ reference: String, currentDirectory: String, fileSystem: any FileSystem) -> BlueprintSource {
        if reference.hasPrefix("git+") {
            let (url, ref) = splitRef(String(reference.dropFirst(4)))
            return .git(url: url, ref: ref)
        }
        guard reference.contains("/") else { return .name(reference) }
        let absolute = Path.normalize(reference.hasPrefix("/") ? reference : currentDirectory + "/" + reference)
        if fileSystem.kind(of: absolute) == .missing {
            let (path, ref) = splitRef(absolute)
            if let ref, fileSystem.kind(of: path) == .directory {
                return .git(url: "file://" + path, ref: ref)
            }
        }
        return .directory(absolute)
    }

    /// `URL@REF` → (URL, REF); an `@` before the last `/` (user@host) is part of the URL.
    static func splitRef(_ text: String) -> (String, String?) {
        guard let at = text.lastIndex(of: "@") else { return (text, nil) }
        if let slash = text.lastIndex(of: "/"), slash > at { return (text, nil) }
        let ref = String(text[text.index(after: at)...])
        return ref.isEmpty ? (String(text[..<at]), nil) : (String(text[..<at]), ref)
    }

    public var description: String {
        switch self {
        case .name(let name): name
        case .directory(let path): path
        case .git(let url, let ref): "git+\(url)" + (ref.map { "@\($0)" } ?? "")
        }
    }
}

/// What scaffold.json records about where a project's blueprint came from:
/// `"source"` (`built-in`, a directory, or `git+URL`) and, for git, the commit.
public struct BlueprintProvenance: Sendable, Equatable {
    public var source: String
    public var commit: String?

    public init(source: String, commit: String? = nil) {
        self.source = source
        self.commit = commit
    }

    static let builtIn = "built-in"

    /// The source to load the blueprint from again (`--to` picks the version).
    public var blueprintSource: BlueprintSource? {
        if source == Self.builtIn { return nil }
        if source.hasPrefix("git+") { return .git(url: String(source.dropFirst(4)), ref: nil) }
        return .directory(source)
    }
}
