/// LOG001: impact.log is a path inside the project (a regular file, or not there yet).
struct LogDeclared: ValidationRule {
    let rule = Rule(
        "LOG001", .log, .error, "impact log is declared inside the project",
        why: """
            The impact log is the project's memory: which code and which data produced which number, against \
            which baseline. It must live in the project, as a plain file.
            """,
        fix: """
            Set impact.log in scaffold.json to a relative path inside the project, e.g. "impact/log.jsonl", and \
            keep it a regular file (not a link, directory or FIFO).
            """,
        requires: [.contract])

    func check(_ context: ValidationContext) -> RuleResult {
        guard let raw = context.contract?.log else {
            let found = context.discovery.of(.metrics) + context.discovery.of(.tracker)
            var details = context.foundInstead(found, nothing: "found no metrics files or experiment tracker either")
            if !found.isEmpty {
                details.append("unlike a metrics file (overwritten by each run) or a tracker's store, the impact log keeps every run in the project, with the commit and data it came from")
            }
            return fail("no impact log: \(context.missingHook("log"))", details: details,
                        locations: [.init(ImpactContract.fileName)],
                        help: context.declare("log", "\"impact/log.jsonl\"", why: "and make evaluate append one impact-log record per system per run to it"))
        }
        guard let log = context.declaredLog else {
            return fail("impact.log '\(raw)' is outside the project", locations: [.init(ImpactContract.fileName, line: context.contractLine("log"))])
        }
        switch context.access.kind(log) {
        case .file:
            let size = context.access.size(log) ?? 0
            return pass("\(log) (\(ProjectScanner.describe(size)))", locations: [.init(log)])
        case .missing:
            let how = context.contract?.evaluate.map { " ('\($0)')" } ?? ""
            return pass("\(log) is declared; it does not exist yet: run evaluate once\(how)")
        case .symlink:
            return fail("\(log) is (or is reached through) a symbolic link, which scaffold does not follow",
                        locations: [.init(log)], help: "keep the log a regular file inside the project")
        case .directory:
            return fail("\(log) is a directory, not a log file", locations: [.init(log)])
        case .other:
            return fail("\(log) is a special file (FIFO, socket or device), not a log file", locations: [.init(log)])
        }
    }
}
