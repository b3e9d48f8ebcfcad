import Foundation

/// `--format json`: one object, keys sorted.
///
///     {"schema": "scaffold-validate/1",
///      "tool": {"name": "scaffold", "version": "…"},
///      "path": "/abs/project",
///      "blueprint": "nlp-eval 1.0.0" | null,
///      "contract": "absent" | "unreadable" | "loaded",   what reading scaffold.json gave
///      "status": "pass" | "fail",           fail when an error-severity rule failed (exit 1)
///      "summary": {"passed", "failed", "warnings", "skipped"},
///                                          failed: error-severity failures; warnings: warning-severity failures
///      "results": [{"id", "family", "severity": "error"|"warning", "outcome": "pass"|"fail"|"skip",
///                   "title", "message", "details": [..], "help",
///                   "locations": [{"path" (relative to the project), "line": n | null, "column": n | null}]}],
///      "notices": [{"path", "message"}],   odd things in the tree that changed nothing
///      "run": [{"hook", "command", "status", "timed_out", "seconds"}]}   with --run, else []
extension ValidationReport {
    public func json() -> JSONValue {
        let results: [JSONValue] = results.map { result in
            .object([
                "id": .string(result.rule.id),
                "family": .string(result.rule.family.name),
                "severity": .string(result.rule.severity.rawValue),
                "outcome": .string(result.outcome.rawValue),
                "title": .string(result.rule.summary),
                "message": .string(result.message),
                "details": .array(result.details.map(JSONValue.string)),
                "help": .string(result.help),
                "locations": .array(result.locations.map { location in
                    .object([
                        "path": .string(location.path), "line": location.line.map(JSONValue.int) ?? .null,
                        "column": location.column.map(JSONValue.int) ?? .null,
                    ])
                }),
            ])
        }
        return .object([
            "schema": .string("scaffold-validate/1"),
            "tool": .object(["name": .string(CommandTable.toolName), "version": .string(CommandTable.version)]),
            "path": .string(root),
            "blueprint": blueprint.map(JSONValue.string) ?? .null,
            "contract": .string(contractStatus.rawValue),
            "status": .string(succeeded ? "pass" : "fail"),
            "summary": .object([
                "passed": .int(passed), "failed": .int(failed), "warnings": .int(warnings), "skipped": .int(skipped),
            ]),
            "results": .array(results),
            "notices": .array(notices.map { .object(["path": .string($0.path), "message": .string($0.message)]) }),
            "run": .array(steps.map { step in
                .object([
                    "hook": .string(step.hook), "command": .string(step.command), "status": .int(Int(step.status)),
                    "timed_out": .bool(step.timedOut), "seconds": .double((step.seconds * 100).rounded() / 100),
                ])
            }),
        ])
    }
}
