/// The text report: grouped by family, a mark per rule (✓ pass, ✗ failed
/// error, ! failed warning, - skipped), what was found and the fix under each
/// failure, notices, and the counts. Colour comes from `style` (a terminal,
/// no NO_COLOR).
extension ValidationReport {
    public func text(style: TextStyle) -> String {
        let origin = blueprint ?? (hasContract ? "hand-made contract" : "no scaffold.json")
        var out = style.apply(.bold, "scaffold validate \(root)") + " (\(origin))\n"
        if !steps.isEmpty {
            out += "ran " + steps.map { "\($0.hook) (\($0.succeeded ? "ok" : "failed"))" }.joined(separator: ", ") + "\n"
        }
        out += "\n"
        if results.isEmpty { out += "no rules selected\n" }
        for family in RuleFamily.all {
            let group = results.filter { $0.rule.family == family }
            guard !group.isEmpty else { continue }
            out += style.apply(.bold, family.name) + "\n"
            for result in group {
                let rule = result.rule
                let warning = rule.severity == .warning ? " (warning)" : ""
                switch result.outcome {
                case .pass:
                    out += "  " + style.apply(.green, "✓") + " \(rule.id) \(rule.summary)\n"
                case .skip:
                    out += "  " + style.apply(.dim, "- \(rule.id) \(rule.summary) (skipped: \(result.message))") + "\n"
                case .fail:
                    let mark = rule.severity == .error ? style.apply(.red, "✗") : style.apply(.yellow, "!")
                    out += "  \(mark) \(rule.id) \(rule.summary)\(warning)\n"
                    out += "      \(result.message)\n"
                    for detail in result.details { out += "      \(detail)\n" }
                    out += "      " + style.apply(.cyan, "fix:") + " \(result.help)\n"
                }
            }
        }
        if !notices.isEmpty {
            out += "\n" + style.apply(.bold, "notes") + " (changed nothing):\n"
            for notice in notices { out += "  \(notice.path.isEmpty ? "." : notice.path): \(notice.message)\n" }
            if droppedNotices > 0 { out += "  … and \(droppedNotices) more\n" }
        }
        let counts = summaryLine
        out += "\n" + (succeeded ? style.apply(.green, counts) : style.apply(.red, counts)) + "\n"
        return out
    }
}
