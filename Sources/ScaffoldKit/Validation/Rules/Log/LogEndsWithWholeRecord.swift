/// LOG003: the last line of the log is whole.
struct LogEndsWithWholeRecord: ValidationRule {
    let rule = Rule(
        "LOG003", .log, .error, "last log line is complete",
        why: """
            A crash in the middle of a write leaves a partial last line: writers then refuse to append (or glue \
            the next record onto it) and readers fail on it.
            """,
        fix: """
            Remove the partial last line (in a scaffold project 'python -m PACKAGE.impact.log --repair' moves it \
            to LOG.cut), then run evaluate again.
            """,
        requires: [.rule("LOG001"), .logPresent])

    func check(_ context: ValidationContext) -> RuleResult {
        let log = context.log
        let repair = context.scaffoldPackage.map { "run 'python -m \($0).impact.log --repair' (moves the partial line to \(log.path).cut) or delete " } ?? "delete "
        switch log.ending {
        case .empty:
            return pass("\(log.path) is empty")
        case .complete:
            return pass("the last line of \(log.path) is a whole record ending with a newline")
        case .noTrailingNewline(let line):
            return fail("\(log.path):\(line): the last record has no trailing newline, so the next append would be glued onto it",
                        locations: [.init(log.path, line: line)],
                        help: "add a newline at the end of \(log.path); make the writer end every record with \"\\n\" in the same write")
        case .cut(let line, let bytes):
            return fail("\(log.path):\(line): the last record was cut off, probably by a crash: remove the partial line (\(bytes) bytes, no newline, not a whole JSON object)",
                        locations: [.init(log.path, line: line)],
                        help: repair + "line \(line) of \(log.path) by hand, then run evaluate again")
        }
    }
}
