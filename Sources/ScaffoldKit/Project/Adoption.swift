import Foundation

/// What `scaffold adopt` infers for a project: the scaffold.json it would
/// write, and the text that shows it (values with their reasons, what is left
/// for the user, how to produce impact-log records).
public struct Adoption: Sendable {
    public var file: ScaffoldFile
    public var suggestion: ContractSuggestion
    public var discovery: Discovery
    /// scaffold.json is already there.
    public var existing: Bool
    /// Records already in impact/log.jsonl (nil: no log yet).
    public var logRecords: Int? = nil

    /// Walks and reads the project as validate does, and builds the contract.
    public static func infer(root: String, context: ScaffoldContext) throws(ScaffoldError) -> Adoption {
        let access = ProjectAccess(fileSystem: context.fileSystem, root: root)
        let tree: ProjectTree
        do { tree = try ProjectScanner(access: access).scan() } catch {
            throw ScaffoldError("cannot read the project directory \(root): \(error.reason)", fix: "check the path and its permissions")
        }
        let discovery = Discovery.discover(tree, access: access)
        var suggestion = ContractSuggestion(discovery: discovery, resolver: CommandResolver(access: access, environment: context.environment))
        suggestion.takeBaseline(fromLog: access)
        return Adoption(
            file: ScaffoldFile(impact: suggestion.impact), suggestion: suggestion, discovery: discovery,
            existing: access.kind(ScaffoldFile.fileName) != .missing,
            logRecords: access.isFile(ContractSuggestion.defaultLog)
                ? ImpactLogChecker.analyse(access, log: ContractSuggestion.defaultLog).records.count : nil)
    }

    /// Writes scaffold.json as a new file (fails if anything is there), via a temporary file and a rename.
    public static func write(_ file: ScaffoldFile, root: String, fileSystem: any FileSystem) throws(FileSystemError) {
        let target = Path.join(root, ScaffoldFile.fileName)
        guard fileSystem.kind(of: target) == .missing else { throw FileSystemError("write", target, "it already exists") }
        let temporary = Path.join(root, ".\(ScaffoldFile.fileName).adopt-\(getpid())")
        try fileSystem.createFile(temporary, contents: file.contents, executable: false)
        do { try fileSystem.rename(temporary, to: target) } catch {
            try? fileSystem.removeTree(temporary)
            throw error
        }
    }

    /// The contract, why each value, what is left, and how to get log records.
    public var explanation: String {
        var out = "found:\n"
        let found = discovery.summary
        if found.isEmpty { out += "  nothing that looks like a pipeline, an evaluation, metrics or a tracker\n" }
        for line in found.prefix(12) { out += "  \(line)\n" }
        if found.count > 12 { out += "  … and \(found.count - 12) more\n" }
        if discovery.filesUnread > 0 {
            out += "  (\(discovery.filesUnread) candidate files were not read: the \(ProjectScanner.describe(UInt64(Discovery.byteBudget))) read budget ran out)\n"
        }
        out += "\ncontract (\(ScaffoldFile.fileName)):\n"
        out += file.json.prettyPrinted().split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") + "\n"
        out += "\nwhy:\n" + suggestion.reasons.map { "  \($0)\n" }.joined()
        if !suggestion.missing.isEmpty {
            out += "\nleft for you (not written, never guessed):\n" + suggestion.missing.map { "  \($0)\n" }.joined()
        }
        if let logRecords {
            out += "\nimpact log: \(ContractSuggestion.defaultLog) is there with \(logRecords) record\(logRecords == 1 ? "" : "s"); validate checks them (LOG002 and after).\n"
            return out
        }
        out += "\nimpact log: validate reads impact/log.jsonl, one impact-log record per evaluated system per run "
        out += "(schema, id, timestamp, git, data fingerprint, params, seed, role, system, metrics with ci95, primary_metric, "
        out += "greater_is_better, comparison with the baseline). Make your evaluation append them, or generate a project "
        out += "with 'scaffold new --blueprint tabular-classification' and copy its src/PKG/impact/ harness, which writes them; "
        out += "README \"Impact log schema\" lists every field.\n"
        return out
    }
}
