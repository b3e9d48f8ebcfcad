import Foundation

/// Which rules a run shows: `--select`/`--ignore` on the command line and
/// `validate.select`/`validate.ignore` in scaffold.json. Each item is a rule ID
/// (`LOG002`), an ID prefix (`LOG`, `LOG00`) or a family name (`log`).
///
/// The command line's select replaces the contract's; ignores add up. The
/// `--run` rules are selected by default only with `--run` (named explicitly
/// without it, they show as skipped).
public struct RuleSelection: Sendable, Equatable {
    public var select: [String]
    public var ignore: [String]

    public init(select: [String] = [], ignore: [String] = []) {
        self.select = select
        self.ignore = ignore
    }

    /// Splits repeatable, comma-separated option values into items.
    public static func items(_ values: [String]) -> [String] {
        values.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Whether `item` names at least one rule.
    public static func isKnown(_ item: String) -> Bool {
        RuleCatalog.rules.contains { matches(item, $0) }
    }

    /// A likely intended item for an unknown one.
    public static func suggestion(for item: String) -> String? {
        let candidates = RuleCatalog.rules.map(\.id) + RuleFamily.all.map(\.prefix) + RuleFamily.all.map(\.name)
        return Suggestion.closest(to: item, in: candidates)
    }

    static func matches(_ item: String, _ rule: Rule) -> Bool {
        let upper = item.uppercased()
        if rule.id.hasPrefix(upper) && upper.count >= 3 { return true }
        return item.lowercased() == rule.family.name
    }

    /// Whether `rule` is shown, given whether `--run` was passed.
    public func includes(_ rule: Rule, run: Bool) -> Bool {
        if ignore.contains(where: { Self.matches($0, rule) }) { return false }
        if rule.needsRun && !run { return select.contains { Self.matches($0, rule) } }
        return select.isEmpty || select.contains { Self.matches($0, rule) }
    }

    /// Combines the contract's selection with the command line's.
    public func overridden(by commandLine: RuleSelection) -> RuleSelection {
        RuleSelection(
            select: commandLine.select.isEmpty ? select : commandLine.select,
            ignore: ignore + commandLine.ignore)
    }
}
