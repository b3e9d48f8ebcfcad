import Foundation

/// `--format sarif`: SARIF 2.1.0 for code scanning in CI. One run; the
/// driver lists the selected rules (help = the fix, full description = why);
/// one result per failed rule (level error or warning) with its locations
/// relative to %SRCROOT% (a result without a place of its own points at
/// scaffold.json or the README); notices become tool execution notifications.
extension ValidationReport {
    public func sarif() -> JSONValue {
        let rules = results.map(\.rule)
        let ruleIndex = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.id, $0) })
        let driverRules: [JSONValue] = rules.map { rule in
            .object([
                "id": .string(rule.id),
                "name": .string(Self.camelCase(rule.summary)),
                "shortDescription": .object(["text": .string(rule.summary)]),
                "fullDescription": .object(["text": .string(rule.why)]),
                "help": .object(["text": .string(rule.fix)]),
                "defaultConfiguration": .object(["level": .string(rule.severity == .error ? "error" : "warning")]),
                "properties": .object(["tags": .array([.string(rule.family.name)])]),
            ])
        }
        let failures: [JSONValue] = results.filter { $0.outcome == .fail }.map { result in
            let text = ([result.message] + result.details + ["fix: " + result.help]).joined(separator: "\n")
            let locations = result.locations.isEmpty ? [RuleResult.Location(fallbackLocation)] : result.locations
            return .object([
                "ruleId": .string(result.rule.id),
                "ruleIndex": .int(ruleIndex[result.rule.id] ?? 0),
                "level": .string(result.rule.severity == .error ? "error" : "warning"),
                "kind": .string("fail"),
                "message": .object(["text": .string(text)]),
                "locations": .array(locations.prefix(20).map(Self.location)),
            ])
        }
        let notifications: [JSONValue] = notices.map { notice in
            .object([
                "level": .string("note"),
                "message": .object(["text": .string("\(notice.path.isEmpty ? "." : notice.path): \(notice.message)")]),
            ])
        }
        let rootURI = URL(fileURLWithPath: root, isDirectory: true).absoluteString
        let run: JSONValue = .object([
            "tool": .object(["driver": .object([
                "name": .string(CommandTable.toolName),
                "semanticVersion": .string(CommandTable.version),
                "version": .string(CommandTable.version),
                "rules": .array(driverRules),
            ])]),
            "originalUriBaseIds": .object(["%SRCROOT%": .object(["uri": .string(rootURI.hasSuffix("/") ? rootURI : rootURI + "/")])]),
            "invocations": .array([.object([
                "executionSuccessful": .bool(true),
                "toolExecutionNotifications": .array(notifications),
            ])]),
            "results": .array(failures),
        ])
        return .object([
            "$schema": .string("https://json.schemastore.org/sarif-2.1.0.json"),
            "version": .string("2.1.0"),
            "runs": .array([run]),
        ])
    }

    static func location(_ location: RuleResult.Location) -> JSONValue {
        let uri = location.path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? location.path
        var physical: [String: JSONValue] = [
            "artifactLocation": .object(["uri": .string(uri), "uriBaseId": .string("%SRCROOT%")])
        ]
        if let line = location.line, line > 0 {
            var region: [String: JSONValue] = ["startLine": .int(line)]
            if let column = location.column, column > 0 { region["startColumn"] = .int(column) }
            physical["region"] = .object(region)
        }
        return .object(["physicalLocation": .object(physical)])
    }

    /// "impact contract is valid" → "ImpactContractIsValid".
    static func camelCase(_ text: String) -> String {
        text.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}
