/// What the hook-declaration rules (PIP001, EVA001, LOG001, MET001, BAS001,
/// REP001) share: why a hook is missing, what was found instead (capped), the
/// fix that declares it, and the judgement of a declared command.
extension ValidationContext {
    /// "add "key": "value" to "impact" in scaffold.json — why"
    func declare(_ key: String, _ value: String, why: String) -> String {
        "add " + JSONValue.quote(key) + ": " + value + " to \"impact\" in \(ImpactContract.fileName) — " + why
    }

    /// Why a hook is missing: no key, or a key of the wrong type.
    func missingHook(_ key: String) -> String {
        guard let contract else { return "the project has no \(ImpactContract.fileName)" }
        if let why = contract.invalidity(key) { return "impact.\(key) \(why)" }
        if !contract.hasImpact { return "\(ImpactContract.fileName) has no \"impact\" object" }
        return "\(ImpactContract.fileName) declares no impact.\(key)"
    }

    /// "found instead: a (x:3 …); b; … and N more", or what was not found.
    func foundInstead(_ items: [Discovery.Finding], nothing: String) -> [String] {
        items.isEmpty ? [nothing] : ["found instead: " + Self.list(items.map(\.description), limit: 5, separator: "; ")]
    }

    /// `found` is only evaluated (discovery only runs) when the hook is missing.
    func hookCommand(_ rule: Rule, key: String, found: @autoclosure () -> [Discovery.Finding], purpose: String, placeholder: String) -> RuleResult {
        guard let command = contract?.command(key) else {
            let found = found()
            let runnable = found.filter { $0.command != nil }
            let suggestion = runnable.first?.command ?? placeholder
            return RuleResult(
                rule: rule, outcome: .fail, message: "no \(key) hook: \(missingHook(key))",
                details: foundInstead(found, nothing: "found nothing runnable that looks like a \(key == "pipeline" ? "data pipeline" : "evaluation") either"),
                locations: [.init(ImpactContract.fileName)],
                help: declare(key, JSONValue.quote(suggestion), why: purpose))
        }
        return judge(rule, command: command, key: key)
    }

    /// PIP001/EVA001/REP001 on a declared command.
    func judge(_ rule: Rule, command: String, key: String, extra: String = "") -> RuleResult {
        switch resolver().resolve(command) {
        case .inProject(let locations, let how):
            return RuleResult(rule: rule, outcome: .pass, message: how + extra, details: locations.count > 1 ? locations.map { "runs \($0.description)" } : [], locations: locations)
        case .onPath(let note):
            return RuleResult(rule: rule, outcome: .pass, message: "'\(command)' \(note)" + extra)
        case .missing(let why):
            return RuleResult(rule: rule, outcome: .fail, message: "impact.\(key) '\(command)' points at nothing in the project: \(why)",
                              locations: [.init(ImpactContract.fileName, line: contractLine(key))])
        case .unknown(let why):
            return RuleResult(rule: rule, outcome: .skip, message: "cannot check impact.\(key): \(why)")
        }
    }
}
