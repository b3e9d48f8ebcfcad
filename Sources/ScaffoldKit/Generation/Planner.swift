import Foundation
import Mustache

/// Renders a blueprint with its answers into a `GenerationPlan`: every path
/// and file, in memory. Collects every template error and unsafe path, then
/// fails once with all of them.
public struct Planner: Sendable {
    /// The file scaffold writes at the project root (the generator owns it).
    public static let manifestFile = "scaffold.json"

    public init() {}

    public func plan(_ blueprint: Blueprint, answers: Answers) throws(ScaffoldError) -> GenerationPlan {
        let context = answers.templateContext
        let partials = BlueprintPartials(blueprint: blueprint)
        let options = MustacheRenderOptions(escaping: .none, strict: true)
        let verbatim = blueprint.manifest.verbatim.map(Glob.init)
        var problems: [String] = []
        var files: [GenerationPlan.File] = []
        var sources: [String: String] = [:]  // rendered path -> source path

        for file in blueprint.files {
            if excluded(file.path, blueprint: blueprint, answers: answers) { continue }
            let label = "\(blueprint.name): template/\(file.path)"
            // Render each path component on its own, so an answer can never add a '/'.
            var components: [String] = []
            var pathOK = true
            for component in file.path.split(separator: "/", omittingEmptySubsequences: false) {
                let rendered: String
                do {
                    rendered = try MustacheTemplate(source: String(component), name: "\(label) (path)")
                        .render(context, partials: partials, options: options)
                } catch {
                    problems.append(error.description)
                    pathOK = false
                    break
                }
                if let problem = Self.problem(withName: rendered) {
                    problems.append("\(label): path component '\(component)' renders to \(problem)")
                    pathOK = false
                    break
                }
                components.append(rendered)
            }
            guard pathOK else { continue }
            let path = components.joined(separator: "/")
            if path == Self.manifestFile {
                problems.append("\(label): renders to \(Self.manifestFile), which scaffold writes itself")
                continue
            }
            if let other = sources[path] {
                problems.append("\(label): renders to \(path), as template/\(other) does")
                continue
            }
            sources[path] = file.path

            var contents = file.contents
            if !verbatim.contains(where: { $0.matches(file.path) }),
               let text = String(data: file.contents, encoding: .utf8) {
                do {
                    let rendered = try MustacheTemplate(source: text, name: label)
                        .render(context, partials: partials, options: options)
                    contents = Data(rendered.utf8)
                } catch {
                    problems.append(error.description)
                    continue
                }
            }
            files.append(GenerationPlan.File(path: path, contents: contents, executable: file.executable))
        }

        // A file may not sit where another file needs a directory.
        for path in sources.keys {
            var prefix = ""
            for component in path.split(separator: "/").dropLast() {
                prefix = prefix.isEmpty ? String(component) : prefix + "/" + component
                if let source = sources[prefix] {
                    problems.append("\(blueprint.name): template/\(source) renders to \(prefix), which template/\(sources[path]!) needs as a directory")
                }
            }
        }

        do {
            files.append(try manifest(blueprint, answers: answers, context: context, partials: partials))
        } catch {
            problems.append(error.description)
        }

        if !problems.isEmpty {
            throw ScaffoldError(
                problems.count == 1 ? "broken blueprint: \(problems[0])" : "broken blueprint \(blueprint.name): \(problems.count) problems",
                fix: problems.count == 1 ? "fix the blueprint (nothing was written)" : "fix each problem below (nothing was written)",
                details: problems.count == 1 ? [] : problems)
        }
        files.sort { $0.path < $1.path }
        return GenerationPlan(blueprint: blueprint.name, version: blueprint.version, files: files)
    }

    /// Renders one string of the blueprint (a next step, a contract value).
    public func renderString(_ source: String, blueprint: Blueprint, answers: Answers) throws(MustacheError) -> String {
        try MustacheTemplate(source: source, name: blueprint.name)
            .render(answers.templateContext, partials: BlueprintPartials(blueprint: blueprint), options: MustacheRenderOptions(escaping: .none, strict: true))
    }

    /// Whether a conditional path switches this source path off.
    func excluded(_ path: String, blueprint: Blueprint, answers: Answers) -> Bool {
        blueprint.manifest.conditional.contains { rule in
            guard path == rule.path || path.hasPrefix(rule.path + "/") else { return false }
            let on = answers[rule.variable] == .bool(true)
            return rule.negated ? on : !on
        }
    }

    /// Why a rendered file or directory name is unsafe, or nil.
    static func problem(withName name: String) -> String? {
        if name.isEmpty { return "an empty name" }
        if name == "." || name == ".." { return "'\(name)', which would leave its directory" }
        if name.contains("/") { return "'\(name)', which contains '/'" }
        if name.contains("\0") { return "a name with a NUL byte" }
        if name.utf8.count > 255 { return "a name longer than 255 bytes" }
        return nil
    }

    /// scaffold.json: the blueprint, its answers, and the rendered impact contract.
    private func manifest(
        _ blueprint: Blueprint, answers: Answers, context: MustacheValue, partials: BlueprintPartials
    ) throws(MustacheError) -> GenerationPlan.File {
        var root: [String: JSONValue] = [
            "blueprint": .object([
                "name": .string(blueprint.name),
                "version": .string(blueprint.version),
                "answers": answers.json,
            ])
        ]
        if let impact = blueprint.manifest.impact {
            root["impact"] = try render(.object(impact), context: context, partials: partials, name: "\(blueprint.name): blueprint.json impact")
        }
        return GenerationPlan.File(path: Self.manifestFile, contents: Data(JSONValue.object(root).prettyPrinted().utf8), executable: false)
    }

    private func render(_ value: JSONValue, context: MustacheValue, partials: BlueprintPartials, name: String) throws(MustacheError) -> JSONValue {
        switch value {
        case .string(let source):
            return .string(try MustacheTemplate(source: source, name: name)
                .render(context, partials: partials, options: MustacheRenderOptions(escaping: .none, strict: true)))
        case .array(let items):
            var out: [JSONValue] = []
            for item in items { out.append(try render(item, context: context, partials: partials, name: name)) }
            return .array(out)
        case .object(let members):
            var out: [String: JSONValue] = [:]
            for (key, member) in members { out[key] = try render(member, context: context, partials: partials, name: name) }
            return .object(out)
        default:
            return value
        }
    }
}

/// Partials of a blueprint (a derived layer's first). A missing partial is an
/// error, not the spec's silent empty string: in a blueprint it is a typo.
struct BlueprintPartials: MustachePartialProvider {
    let blueprint: Blueprint

    func source(forPartial name: String) throws(MustacheError) -> String? {
        if let source = blueprint.partials[name] { return source }
        let known = blueprint.partials.keys.sorted()
        let hint = Suggestion.closest(to: name, in: known).map { " — did you mean '\($0)'?" } ?? " — add partials/\(name).mustache"
        throw MustacheError(name: "\(blueprint.name) partials", line: 1, column: 1, message: "no partial named '\(name)'\(hint)")
    }
}
