import Foundation

/// Everything `new` will write, built and checked in memory before any byte
/// reaches the disk.
public struct GenerationPlan: Sendable {
    public struct File: Sendable, Equatable {
        /// Path relative to the project root, checked: relative, no `.`/`..`, no empty names.
        public var path: String
        public var contents: Data
        public var executable: Bool
    }

    public var blueprint: String
    public var version: String
    public var files: [File]

    /// Every directory the files need, parents before children.
    public var directories: [String] {
        var seen: Set<String> = []
        var ordered: [String] = []  // every directory once
        for file in files {
            var prefix = ""
            for component in file.path.split(separator: "/").dropLast() {
                prefix = prefix.isEmpty ? String(component) : prefix + "/" + component
                if seen.insert(prefix).inserted { ordered.append(prefix) }
            }
        }
        return ordered.sorted()  // a parent is a prefix of its children, so it sorts first
    }

    public var totalBytes: Int { files.reduce(0) { $0 + $1.contents.count } }
}
