import Foundation

/// Reads inside one project without ever leaving it: every component of a
/// relative path is checked with lstat, so a link anywhere on the way (not only
/// at the end) is refused rather than followed, `..` cannot climb out, and
/// reads are capped.
public struct ProjectAccess: Sendable {
    public let fileSystem: any FileSystem
    /// Absolute, normalized project root.
    public let root: String

    public init(fileSystem: any FileSystem, root: String) {
        self.fileSystem = fileSystem
        self.root = root
    }

    /// `relative` normalized, or nil when it is absolute or climbs out of the project.
    public static func clean(_ relative: String) -> String? {
        guard !relative.hasPrefix("/"), !relative.isEmpty else { return nil }
        let normalized = Path.normalize(relative)
        if normalized == "." { return "" }
        if normalized == ".." || normalized.hasPrefix("../") { return nil }
        return normalized
    }

    /// Joins relative project paths ("" is the root).
    public static func join(_ base: String, _ relative: String) -> String {
        if base.isEmpty { return relative }
        if relative.isEmpty { return base }
        return base.hasSuffix("/") ? base + relative : base + "/" + relative
    }

    public func absolute(_ relative: String) -> String {
        relative.isEmpty ? root : Path.join(root, relative)
    }

    /// The kind of a project path; `.symlink` when any component is a link,
    /// `.missing` when it escapes the project.
    public func kind(_ relative: String) -> FileKind {
        guard let clean = Self.clean(relative) else { return .missing }
        if clean.isEmpty { return .directory }
        var current = root
        let parts = clean.split(separator: "/")
        for (index, part) in parts.enumerated() {
            current += "/" + part
            let kind = fileSystem.kind(of: current)
            if index == parts.count - 1 || kind != .directory { return kind }
        }
        return .missing
    }

    public func isFile(_ relative: String) -> Bool { kind(relative) == .file }
    public func isDirectory(_ relative: String) -> Bool { kind(relative) == .directory }

    public func size(_ relative: String) -> UInt64? {
        guard kind(relative) == .file, let clean = Self.clean(relative) else { return nil }
        return fileSystem.size(of: absolute(clean))
    }

    /// At most `limit` bytes of a regular project file; nil when it is not one.
    public func read(_ relative: String, limit: Int = 1 << 20) -> Data? {
        guard kind(relative) == .file, let clean = Self.clean(relative) else { return nil }
        return try? fileSystem.readFile(absolute(clean), limit: limit)
    }

    /// Text of a small project file, invalid UTF-8 repaired.
    public func text(_ relative: String, limit: Int = 1 << 20) -> String? {
        read(relative, limit: limit).map { String(decoding: $0, as: UTF8.self) }
    }
}
