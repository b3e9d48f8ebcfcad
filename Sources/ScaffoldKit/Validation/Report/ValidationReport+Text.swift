/// The text report: grouped by family, a mark per rule (✓ pass, ✗ failed
/// error, ! failed warning, - skipped with its cause), what was found and the
/// fix under each failure, with `verbose` what each passing rule matched,
/// notices, and the counts. Lines wrap at `width` columns (the terminal's, or
/// 80); colour comes from `style` (a terminal, no NO_COLOR).
extension ValidationReport {
    public func text(style: TextStyle, width: Int = 80, verbose: Bool = false) -> String {
        let width = max(40, width)
        let status: String = switch contractStatus {
        case .loaded: "hand-made contract"
        case .unreadable: "scaffold.json unreadable"
        case .absent: "no scaffold.json"
        }
        let origin = blueprint ?? status
        var out = style.apply(.bold, "scaffold validate \(root)") + " (\(origin))\n"
        if !steps.isEmpty {
            out += Self.wrap("ran " + steps.map { "\($0.hook) (\($0.succeeded ? "ok" : "failed"))" }.joined(separator: ", "), width: width) + "\n"
        }
        out += "\n"
        if results.isEmpty { out += "no rules selected\n" }
        /// Wrapped lines of `text` under `indent` spaces, the first one styled by `first`.
        func block(_ text: String, indent: Int, hanging: Int = 0) -> String {
            Self.wrap(text, width: width, indent: indent, hanging: hanging) + "\n"
        }
        for family in RuleFamily.all {
            let group = results.filter { $0.rule.family == family }
            guard !group.isEmpty else { continue }
            out += style.apply(.bold, family.name) + "\n"
            for result in group {
                let rule = result.rule
                let warning = rule.severity == .warning ? " (warning)" : ""
                switch result.outcome {
                case .pass:
                    out += "  " + style.apply(.green, "✓") + " " + Self.wrap("\(rule.id) \(rule.summary)", width: width - 4, indent: 0, hanging: 4) + "\n"
                    if verbose {
                        out += block(result.message, indent: 6, hanging: 2)
                        for detail in result.details { out += block(detail, indent: 6, hanging: 2) }
                    }
                case .skip:
                    let text = Self.wrap("- \(rule.id) \(rule.summary) (skipped\(result.message.hasPrefix("because") ? " " : ": ")\(result.message))",
                                         width: width, indent: 2, hanging: 4)
                    out += style.apply(.dim, text) + "\n"
                case .fail:
                    let mark = rule.severity == .error ? style.apply(.red, "✗") : style.apply(.yellow, "!")
                    out += "  \(mark) " + Self.wrap("\(rule.id) \(rule.summary)\(warning)", width: width - 4, indent: 0, hanging: 4) + "\n"
                    out += block(result.message, indent: 6, hanging: 2)
                    for detail in result.details { out += block(detail, indent: 6, hanging: 2) }
                    out += String(repeating: " ", count: 6) + style.apply(.cyan, "fix:") + " "
                        + Self.wrap(result.help, width: width, indent: 0, hanging: 8, firstOffset: 11) + "\n"
                }
            }
        }
        if !notices.isEmpty {
            out += "\n" + style.apply(.bold, "notes") + " (changed nothing):\n"
            for notice in notices { out += block("\(notice.path.isEmpty ? "." : notice.path): \(notice.message)", indent: 2, hanging: 2) }
            if droppedNotices > 0 { out += "  … and \(droppedNotices) more\n" }
        }
        let counts = summaryLine
        out += "\n" + (succeeded ? style.apply(.green, counts) : style.apply(.red, counts)) + "\n"
        return out
    }

    /// Wraps `text` at word boundaries to `width` columns: the first line after
    /// `indent` spaces (and `firstOffset` columns already used), the rest after
    /// `indent + hanging`. A word longer than a line is cut.
    static func wrap(_ text: String, width: Int, indent: Int = 0, hanging: Int = 0, firstOffset: Int? = nil) -> String {
        var lines: [String] = []
        var line = ""
        var base = firstOffset ?? indent
        var pad = firstOffset == nil ? String(repeating: " ", count: indent) : ""
        let restPad = String(repeating: " ", count: indent + hanging)
        func newLine() {
            lines.append(pad + line)
            line = ""
            pad = restPad
            base = indent + hanging
        }
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            var word = Substring(word)
            while !word.isEmpty {
                let room = width - base - line.count - (line.isEmpty ? 0 : 1)
                if word.count <= room {
                    line += (line.isEmpty ? "" : " ") + word
                    word = ""
                } else if line.isEmpty {
                    let cut = max(1, room)
                    line = String(word.prefix(cut))
                    word = word.dropFirst(cut)
                    newLine()
                } else {
                    newLine()
                }
            }
        }
        if !line.isEmpty || lines.isEmpty { lines.append(pad + line) }
        return lines.joined(separator: "\n")
    }
}
