/// REP001: a report command is declared, or the report is present.
struct ReportDeclared: ValidationRule {
    let rule = Rule(
        "REP001", .report, .error, "an impact report is declared or present",
        why: """
            The log is for machines; a report (impact/IMPACT.md) tells a reader what improved, by how much, and \
            how sure we are. Passes when impact.report points at something in the project (the report file \
            itself appears only once evaluate and report have run), or, with no report command, when IMPACT.md \
            is present beside the log.
            """,
        fix: """
            Set impact.report in scaffold.json to the command that writes the report from the log (e.g. \
            "python -m yourpkg.report", writing impact/IMPACT.md), and make sure what it names exists.
            """,
        requires: [.contract])

    func check(_ context: ValidationContext) -> RuleResult {
        let directory = context.declaredLog.map { Path.parent($0) == "." ? "" : Path.parent($0) } ?? "impact"
        let reportFile = ProjectAccess.join(directory, "IMPACT.md")
        let present = context.access.isFile(reportFile)
        if let command = context.contract?.report {
            let note = present ? "; \(reportFile) is there" : "; \(reportFile) not written yet (run the report command after evaluate)"
            return context.judge(rule, command: command, key: "report", extra: note)
        }
        if present {
            return pass("\(reportFile) is there (no impact.report command declares how to rebuild it, so it may go stale)",
                        locations: [.init(reportFile)])
        }
        let suggestion = context.discovery.of(.report).compactMap(\.command).first ?? "python -m yourpkg.report"
        return fail("no report: \(context.missingHook("report")), and there is no \(reportFile)",
                    details: context.foundInstead(context.discovery.of(.report), nothing: "found no report or report script either"),
                    locations: [.init(ImpactContract.fileName)],
                    help: context.declare("report", JSONValue.quote(suggestion), why: "the command that writes \(reportFile) from the log"))
    }
}
