import Foundation

/// Fetches a blueprint from a git repository into the cache, one directory per commit:
/// `$SCAFFOLD_CACHE_DIR` (default `$XDG_CACHE_HOME/scaffold`, else `~/.cache/scaffold`)
/// `/blueprints/<repository>-<hash of the URL>/<commit>/`.
///
/// Safety: the fetch is shallow (`--depth 1`, one commit), never runs a hook (an empty
/// template directory, `core.hooksPath=/dev/null`), never fetches submodules, and the
/// checked-out tree is then loaded like any local blueprint directory (links, `.git`
/// paths, sizes: every rule applies). A commit's directory is complete or absent: it is
/// checked out beside and renamed into place.
public struct GitBlueprintFetcher: Sendable {
    /// A version tag of the repository.
    public struct Tag: Sendable {
        public var name: String
        public var version: BlueprintVersion
        public var commit: String
    }

    public var git: Git
    public var cacheDirectory: String
    public var fileSystem: any FileSystem

    public init(context: ScaffoldContext) {
        git = Git(environment: context.environment)
        fileSystem = context.fileSystem
        let environment = context.environment
        if let explicit = environment["SCAFFOLD_CACHE_DIR"], !explicit.isEmpty {
            cacheDirectory = context.absolutePath(explicit)
        } else if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            cacheDirectory = xdg + "/scaffold"
        } else {
            cacheDirectory = (environment["HOME"] ?? NSTemporaryDirectory()) + "/.cache/scaffold"
        }
    }

    /// Every ref of the repository: name → commit (annotated tags peeled).
    func refs(_ url: String) throws(ScaffoldError) -> [String: String] {
        let output = try git.run(
            ["ls-remote", "--", url], in: NSTemporaryDirectory(),
            fix: "check the blueprint's git URL (scaffold reads it with 'git ls-remote')")
        var refs: [String: String] = [:]
        for line in output.text.split(separator: "\n") {
            let parts = line.split(separator: "\t", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let name = String(parts[1])
            if name.hasSuffix("^{}") {
                refs[String(name.dropLast(3))] = String(parts[0])  // the peeled commit wins
            } else if refs[name] == nil {
                refs[name] = String(parts[0])
            }
        }
        return refs
    }

    /// The tags that are semantic versions (`v1.2.3` or `1.2.3`), newest first.
    public func versionTags(_ url: String) throws(ScaffoldError) -> [Tag] {
        try refs(url).compactMap { name, commit -> Tag? in
            guard name.hasPrefix("refs/tags/") else { return nil }
            let tag = String(name.dropFirst("refs/tags/".count))
            guard let version = BlueprintVersion(tag, allowPrefix: true) else { return nil }
            return Tag(name: tag, version: version, commit: commit)
        }.sorted { $0.version > $1.version || ($0.version == $1.version && $0.name < $1.name) }
    }

    /// The commit `ref` names (a tag, a branch, or a full commit id); without a ref, the
    /// newest version tag. Returns the commit and how it was chosen.
    public func resolve(_ url: String, ref: String?) throws(ScaffoldError) -> (commit: String, ref: String) {
        guard let ref else {
            guard let newest = try versionTags(url).first else {
                throw ScaffoldError(
                    "\(url) has no version tags (v1.2.3)",
                    fix: "tag a release in the blueprint's repository, or name a ref: git+\(url)@main")
            }
            return (newest.commit, newest.name)
        }
        if ref.count == 40, ref.allSatisfy(\.isHexDigit) { return (ref.lowercased(), ref) }
        let refs = try refs(url)
        for candidate in ["refs/tags/" + ref, "refs/heads/" + ref, ref] {
            if let commit = refs[candidate] { return (commit, ref) }
        }
        let names = refs.keys.compactMap { name -> String? in
            for prefix in ["refs/tags/", "refs/heads/"] where name.hasPrefix(prefix) { return String(name.dropFirst(prefix.count)) }
            return nil
        }
        let hint = Suggestion.closest(to: ref, in: names).map { "did you mean '\($0)'? " } ?? ""
        throw ScaffoldError("\(url) has no tag or branch '\(ref)'", fix: "\(hint)give a tag, a branch or a full 40-character commit id")
    }

    /// The cache directory holding `commit` of `url`, fetched (shallow) if not yet there.
    public func checkout(_ url: String, commit: String) throws(ScaffoldError) -> String {
        let key = Self.cacheKey(url)
        let parent = cacheDirectory + "/blueprints/" + key
        let destination = parent + "/" + commit
        if fileSystem.kind(of: destination + "/.scaffold-complete") == .file { return destination }
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw ScaffoldError("cannot create the blueprint cache \(parent): \(error.localizedDescription)", fix: "set SCAFFOLD_CACHE_DIR to a writable directory", exitCode: .failure)
        }
        let staging = parent + "/.fetch-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        defer { try? fileSystem.removeTree(staging) }
        let settings = ["-c", "submodule.recurse=false", "-c", "fetch.recurseSubmodules=false", "-c", "core.symlinks=true",
                        "-c", "advice.detachedHead=false"]
        try git.run(["init", "-q", "--template=", staging], in: parent, fix: "check that git works and the cache is writable (SCAFFOLD_CACHE_DIR)")
        try git.run(
            settings + ["fetch", "-q", "--depth", "1", "--no-tags", "--no-recurse-submodules", "--", url, commit],
            in: staging, fix: "check the URL and the ref (scaffold fetched only that commit, shallow)")
        try git.run(settings + ["checkout", "-q", "--detach", "FETCH_HEAD"], in: staging, fix: "check the blueprint repository")
        do {
            try fileSystem.createFile(staging + "/.scaffold-complete", contents: Data("\(url)\n\(commit)\n".utf8), executable: false)
            try fileSystem.rename(staging, to: destination)
        } catch {
            // Another run may have put the same commit in place meanwhile: then use it.
            if fileSystem.kind(of: destination + "/.scaffold-complete") == .file { return destination }
            throw ScaffoldError(error.description, fix: "set SCAFFOLD_CACHE_DIR to a writable directory", exitCode: .failure)
        }
        return destination
    }

    /// `<last path component>-<12 hex of sha256(url)>`: readable, and distinct per URL.
    static func cacheKey(_ url: String) -> String {
        let last = url.split(separator: "/").last.map(String.init) ?? "repository"
        let readable = String(last.replacingOccurrences(of: ".git", with: "").map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "-" }.prefix(40))
        return readable + "-" + SHA256.hash(Data(url.utf8)).prefix(12)
    }
}
