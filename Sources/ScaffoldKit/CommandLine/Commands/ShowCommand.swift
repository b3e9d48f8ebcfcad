/// `scaffold show BLUEPRINT [--json]`: variables, generated files, impact contract.
struct ShowCommand {
    struct Options: CommandOptions {
        var blueprint = ""
        var json = false
        var blueprintsDirectories: [String] = []
    }

    let options: Options
    let context: ScaffoldContext

    func run() throws(ScaffoldError) -> ExitCode {
        let catalog = BlueprintCatalog(context: context, blueprintDirectories: options.blueprintsDirectories)
        let blueprint = try catalog.blueprint(options.blueprint, currentDirectory: context.currentDirectory, allowAbstract: true)
        let manifest = blueprint.manifest
        // What it generates, with every default answer.
        var files: [String] = []
        var impact: JSONValue = .null
        if let answers = try? AnswerResolver().resolve(blueprint),
           let plan = try? Planner().plan(blueprint, answers: answers) {
            files = plan.files.map(\.path)
            if let file = plan.files.first(where: { $0.path == Planner.manifestFile }),
               let json = try? JSONValue.parse(file.contents) {
                impact = json["impact"] ?? .null
            }
        } else {
            files = blueprint.files.map(\.path)
            impact = manifest.impact.map(JSONValue.object) ?? .null
        }
        let chain = blueprint.layers.map { "\($0.manifest.name) \($0.manifest.version)" }

        if options.json {
            let variables: [JSONValue] = manifest.variables.map { variable in
                .object([
                    "name": .string(variable.name),
                    "type": .string(variable.kind.rawValue),
                    "default": variable.defaultValue ?? .null,
                    "choices": .array(variable.choices.map(JSONValue.string)),
                    "pattern": variable.pattern.map(JSONValue.string) ?? .null,
                    "format": variable.format.map(JSONValue.string) ?? .null,
                    "minimum": variable.minimum.map(JSONValue.int) ?? .null,
                    "maximum": variable.maximum.map(JSONValue.int) ?? .null,
                    "help": .string(variable.help),
                ])
            }
            let object: JSONValue = .object([
                "name": .string(manifest.name),
                "version": .string(manifest.version),
                "summary": .string(manifest.summary),
                "description": manifest.description.map(JSONValue.string) ?? .null,
                "abstract": .bool(manifest.abstract),
                "source": .string(blueprint.origin.description),
                "layers": .array(chain.map(JSONValue.string)),
                "variables": .array(variables),
                "files": .array(files.map(JSONValue.string)),
                "impact": impact,
            ])
            context.stdout.write(object.prettyPrinted())
            return .success
        }

        let style = context.outputStyle
        var out = style.apply(.bold, "\(manifest.name) \(manifest.version)") + "  (\(blueprint.origin)"
        if chain.count > 1 { out += "; layers: \(chain.joined(separator: " → "))" }
        out += ")\n\(manifest.summary)\n"
        if let description = manifest.description { out += "\n\(description)\n" }
        out += "\n" + style.apply(.bold, "VARIABLES:") + "\n"
        for variable in manifest.variables {
            var facts = [variable.kind.rawValue]
            if let value = variable.defaultValue { facts.append("default: \(value.stringValue ?? value.compact())") }
            if !variable.choices.isEmpty { facts.append("choices: \(variable.choices.joined(separator: ", "))") }
            if let pattern = variable.pattern { facts.append("pattern: \(pattern)") }
            if let format = variable.format { facts.append("format: \(format)") }
            if variable.minimum != nil || variable.maximum != nil {
                facts.append("range: \(variable.minimum.map(String.init) ?? "")…\(variable.maximum.map(String.init) ?? "")")
            }
            out += "  \(variable.name)  (\(facts.joined(separator: "; ")))\n"
            if !variable.help.isEmpty { out += "      \(variable.help)\n" }
        }
        out += "\n" + style.apply(.bold, "GENERATES (with default answers):") + "\n"
        out += files.map { "  \($0)\n" }.joined()
        out += "\n" + style.apply(.bold, "IMPACT CONTRACT (scaffold.json):") + "\n"
        if case .object(let members) = impact {
            for key in members.keys.sorted() {
                let value = members[key]!
                out += "  \(key): \(value.stringValue ?? value.compact())\n"
            }
        } else {
            out += "  (none: this blueprint declares no impact contract)\n"
        }
        context.stdout.write(out)
        return .success
    }
}
