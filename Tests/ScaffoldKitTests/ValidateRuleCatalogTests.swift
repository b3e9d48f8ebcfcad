import Foundation
@testable import ScaffoldKit
import Testing

/// The rule catalog, `scaffold rules`, and rule selection.
@Suite struct ValidateRuleCatalogTests {
    @Test func idsAreUniqueStableAndPrefixedByTheirFamily() {
        let ids = RuleCatalog.rules.map(\.id)
        #expect(Set(ids).count == ids.count)
        for rule in RuleCatalog.rules {
            #expect(rule.id.count == 6 && rule.id.hasPrefix(rule.family.prefix), "\(rule.id)")
            #expect(Int(rule.id.dropFirst(3)) != nil, "\(rule.id)")
            #expect(!rule.summary.isEmpty && !rule.summary.contains("\n"))
            #expect(rule.why.count > 20 && rule.fix.count > 20, "\(rule.id)")
        }
        #expect(Set(RuleCatalog.rules.map(\.family)).count == RuleFamily.all.count)
    }

    @Test func requirementsExistAndHaveNoCycles() {
        func reaches(_ id: String, _ target: String, _ depth: Int = 0) -> Bool {
            guard depth < 50, let rule = RuleCatalog.rule(id) else { return depth >= 50 }
            return rule.requiredRules.contains { $0 == target || reaches($0, target, depth + 1) }
        }
        for rule in RuleCatalog.rules {
            for required in rule.requiredRules { #expect(RuleCatalog.rule(required) != nil, "\(rule.id) requires \(required)") }
            #expect(!reaches(rule.id, rule.id), "\(rule.id) requires itself")
        }
    }

    @Test func theIssuesRulesAreAllThere() {
        for id in ["CON001", "CON002", "PIP001", "EVA001", "EVA002", "LOG001", "LOG002", "LOG003", "MET001", "MET002",
                   "BAS001", "BAS002", "CMP001", "PRV001", "TST001", "TST002", "REP001", "HYG001",
                   "RUN001", "RUN002", "RUN003", "RUN004", "RUN005"] {
            #expect(RuleCatalog.rule(id) != nil, "\(id)")
        }
        #expect(RuleCatalog.rule("HYG001")?.severity == .warning)
        #expect(RuleCatalog.rule("log002")?.id == "LOG002")
        #expect(RuleCatalog.rules.filter(\.needsRun).allSatisfy { $0.family == .run })
    }

    @Test func rulesListsEveryRuleInTheFormatCompletionReads() throws {
        let cli = InProcess(directory: "/")
        #expect(cli.run("rules") == 0)
        let regex = try NSRegularExpression(pattern: "^ *([A-Z]+[0-9]+) ", options: .anchorsMatchLines)
        let text = cli.stdout.text
        let listed = regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map {
            String(text[Range($0.range(at: 1), in: text)!])
        }
        #expect(listed == RuleCatalog.rules.map(\.id))
        #expect(text.contains("contract (CON)") && text.contains("[--run]"))
        #expect(!text.contains("\u{1B}["))
    }

    @Test func rulesExplainsOneRule() {
        let cli = InProcess(directory: "/")
        #expect(cli.run("rules", "log003") == 0)
        let text = cli.stdout.text
        #expect(text.contains("LOG003: last log line is complete"))
        #expect(text.contains("Why it matters") && text.contains("How to fix a failure"))
        #expect(text.contains("requires:") && text.contains("LOG001"))
        #expect(text.contains("--repair"))
    }

    @Test func rulesRejectsAnUnknownIDWithASuggestion() {
        let cli = InProcess(directory: "/")
        #expect(cli.run("rules", "LOG03") == 2)
        #expect(cli.stderr.text.hasPrefix("error: unknown rule 'LOG03'"))
        #expect(cli.stderr.text.contains("did you mean"))
        #expect(cli.stdout.text.isEmpty)
    }

    @Test func rulesJSON() throws {
        let cli = InProcess(directory: "/")
        #expect(cli.run("rules", "--json") == 0)
        let items = try #require(try JSONSerialization.jsonObject(with: Data(cli.stdout.text.utf8)) as? [[String: Any]])
        #expect(items.count == RuleCatalog.rules.count)
        #expect(items.first?["id"] as? String == "CON001")
        let one = InProcess(directory: "/")
        #expect(one.run("rules", "CMP001", "--json") == 0)
        let rule = try #require(try JSONSerialization.jsonObject(with: Data(one.stdout.text.utf8)) as? [String: Any])
        #expect(rule["requires"] as? [String] == ["LOG001"])
        #expect(rule["severity"] as? String == "error")
    }

    @Test func selectionByIDPrefixAndFamilyName() {
        let log2 = RuleCatalog.rule("LOG002")!, con1 = RuleCatalog.rule("CON001")!, run1 = RuleCatalog.rule("RUN001")!
        #expect(RuleSelection(select: ["LOG"]).includes(log2, run: false))
        #expect(!RuleSelection(select: ["LOG"]).includes(con1, run: false))
        #expect(RuleSelection(select: ["log"]).includes(log2, run: false))
        #expect(RuleSelection(select: ["LOG00"]).includes(log2, run: false))
        #expect(!RuleSelection(ignore: ["LOG002"]).includes(log2, run: false))
        #expect(RuleSelection().includes(con1, run: false))
        #expect(!RuleSelection().includes(run1, run: false))
        #expect(RuleSelection().includes(run1, run: true))
        #expect(RuleSelection(select: ["RUN"]).includes(run1, run: false))
        #expect(!RuleSelection(select: ["LO"]).includes(log2, run: false), "too short to be a prefix")
        #expect(RuleSelection.items(["LOG, MET001", "", "CON"]) == ["LOG", "MET001", "CON"])
        #expect(RuleSelection.suggestion(for: "LOGG") != nil)
        let fromContract = RuleSelection(select: ["LOG"], ignore: ["HYG"])
        let combined = fromContract.overridden(by: RuleSelection(select: ["CON"], ignore: ["CON002"]))
        #expect(combined.select == ["CON"] && combined.ignore == ["HYG", "CON002"])
        #expect(fromContract.overridden(by: RuleSelection()).select == ["LOG"])
    }
}
