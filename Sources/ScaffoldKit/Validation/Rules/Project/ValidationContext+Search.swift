import Foundation

/// Bounded searches of the project's files for EVA002 and TST002: the most
/// promising files first, each read capped, all reads within one byte budget.
extension ValidationContext {
    /// One place a search found a word.
    struct Hit {
        var path: String
        var line: Int
        var needle: String
    }

    struct SearchResult {
        var hits: [Hit]
        var searched: Int
        /// Why the search stopped before reading every file, if it did.
        var stopped: String?
    }

    static let readLimit = 1 << 20
    static let searchBudget = 16 << 20

    /// Files near the evaluate command first (its directory, then its top-level folder), then shallow ones.
    func prioritised(_ files: [String]) -> [String] {
        let anchors = searchAnchors
        // Files bucketed by (anchor, depth), each bucket in the given order: no sort of the whole list.
        var buckets: [Int: [String]] = [:]
        for path in files {
            let anchor = anchors.firstIndex { path.hasPrefix($0) } ?? anchors.count
            let depth = path.utf8.count { $0 == UInt8(ascii: "/") }
            buckets[anchor * 1_000 + min(depth, 999), default: []].append(path)
        }
        return buckets.keys.sorted().flatMap { buckets[$0]! }
    }

    /// The files under the directories of what the evaluate command runs (searched before the rest).
    func nearEvaluation(_ files: [String]) -> [String] {
        let anchors = searchAnchors
        return anchors.isEmpty ? [] : files.filter { path in anchors.contains { path.hasPrefix($0) } }
    }

    /// Directories of the files the evaluate command runs, then their top-level folders.
    var searchAnchors: [String] {
        var anchors: [String] = []
        if let evaluate = contract?.evaluate, case .inProject(let locations, _) = resolver().resolve(evaluate) {
            for location in locations {
                let directory = Path.parent(location.path)
                if directory != "." { anchors.append(directory + "/") }
                let parts = location.path.split(separator: "/")
                if parts.count > 2 { anchors.append(parts.prefix(2).joined(separator: "/") + "/") }
            }
        }
        return anchors
    }

    /// Finds the needles in the files (earlier needles first within a file),
    /// at most `maxHits` hits. With `words`, a match must stand alone (not
    /// inside an identifier: `reevaluate`, `conda_harness`) on a line that is
    /// not a comment.
    func search(_ files: [String], for needles: [String], caseInsensitive: Bool = false, words: Bool = false, maxHits: Int = 1) -> SearchResult {
        let patterns = needles.filter { !$0.isEmpty }.map { Array((caseInsensitive ? $0.lowercased() : $0).utf8) }
        var hits: [Hit] = []
        var budget = Self.searchBudget
        var searched = 0
        for path in files {
            if hits.count >= maxHits { break }
            guard budget > 0 else {
                return SearchResult(hits: hits, searched: searched, stopped: "the search stopped at its \(ProjectScanner.describe(UInt64(Self.searchBudget))) read budget")
            }
            guard let data = access.read(path, limit: min(Self.readLimit, budget)) else { continue }
            budget -= data.count
            searched += 1
            var bytes = [UInt8](data)
            if caseInsensitive { for index in bytes.indices where (0x41...0x5A).contains(bytes[index]) { bytes[index] += 0x20 } }
            for (index, pattern) in patterns.enumerated() {
                if let line = Self.find(pattern, in: bytes, words: words) {
                    hits.append(Hit(path: path, line: line, needle: needles[index]))
                    break
                }
            }
        }
        return SearchResult(hits: hits, searched: searched, stopped: nil)
    }

    /// The 1-based line of the first acceptable occurrence of `pattern`, or nil.
    static func find(_ pattern: [UInt8], in bytes: [UInt8], words: Bool) -> Int? {
        guard let first = pattern.first, pattern.count <= bytes.count else { return nil }
        func isWordByte(_ byte: UInt8) -> Bool {
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == 0x5F || byte >= 0x80
        }
        var index = 0
        let last = bytes.count - pattern.count
        while index <= last {
            if bytes[index] == first, bytes[index..<(index + pattern.count)].elementsEqual(pattern) {
                var ok = true
                if words {
                    let before = index > 0 ? bytes[index - 1] : 0x20
                    let after = index + pattern.count < bytes.count ? bytes[index + pattern.count] : 0x20
                    ok = !isWordByte(before) && !isWordByte(after)
                    if ok {
                        // Not in a comment: the line's first non-blank byte is not '#' and no '#' precedes it on the line.
                        var start = index
                        while start > 0, bytes[start - 1] != 0x0A { start -= 1 }
                        if bytes[start..<index].contains(0x23) { ok = false }
                    }
                }
                if ok { return bytes[0..<index].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 } }
            }
            index += 1
        }
        return nil
    }

    /// Whether a `.git` (directory, or file of a worktree) is at or above the root:
    /// without one, git need not be started to learn that this is no repository.
    var insideGitRepository: Bool {
        if environment["GIT_DIR"] != nil { return true }
        var directory = access.root
        while true {
            if access.fileSystem.kind(of: Path.join(directory, ".git")) != .missing { return true }
            if directory == "/" || directory.isEmpty { return false }
            directory = Path.parent(directory)
        }
    }
}
