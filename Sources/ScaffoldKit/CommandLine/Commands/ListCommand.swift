/// `scaffold list [--json]`
struct ListCommand {
    struct Options: CommandOptions {
        var json = false
        var blueprintsDirectories: [String] = []
    }

    let options: Options
    let context: ScaffoldContext

    func run() throws(ScaffoldError) -> ExitCode {
        let catalog = BlueprintCatalog(context: context, blueprintDirectories: options.blueprintsDirectories)
        let (entries, problems) = catalog.entries()
        if options.json {
            let items: [JSONValue] = entries.map { entry in
                var object: [String: JSONValue] = [
                    "name": .string(entry.manifest.name),
                    "version": .string(entry.manifest.version),
                    "summary": .string(entry.manifest.summary),
                    "source": .string(entry.origin.description),
                ]
                object["extends"] = entry.manifest.extends.map(JSONValue.string) ?? .null
                return .object(object)
            }
            context.stdout.write(JSONValue.array(items).prettyPrinted())
        } else {
            let width = max(4, entries.map(\.manifest.name.count).max() ?? 0) + 2
            let versionWidth = max(7, entries.map(\.manifest.version.count).max() ?? 0) + 2
            func pad(_ text: String, _ count: Int) -> String { text + String(repeating: " ", count: max(1, count - text.count)) }
            var out = pad("NAME", width) + pad("VERSION", versionWidth) + "SUMMARY\n"
            for entry in entries {
                let source = entry.origin == .builtIn ? "" : "  [\(entry.origin)]"
                out += pad(entry.manifest.name, width) + pad(entry.manifest.version, versionWidth) + entry.manifest.summary + source + "\n"
            }
            context.stdout.write(out)
        }
        for problem in problems { context.diagnostics.error(problem) }
        return problems.isEmpty ? .success : .usage
    }
}
