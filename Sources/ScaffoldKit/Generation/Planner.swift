import Foundation
import Mustache

/// Renders a blueprint with its answers into a `GenerationPlan`: every path
/// and file, in memory. Collects every template error and unsafe path, then
/// fails once with all of them.
public struct Planner: Sendable {
    /// The file scaffold writes at the project root (the generator owns it).
    public static let manifestFile = ScaffoldFile.fileName

    public init() {}

    public func plan(_ blueprint: Blueprint, answers: Answers) throws(ScaffoldError) -> GenerationPlan {
        let context = answers.templateContext
        let partials = BlueprintPartials(blueprint: blueprint)
        var budget = RenderBudget(blueprint: blueprint)
        let verbatim = blueprint.manifest.verbatim.map(Glob.init)
        var problems: [String] = []
        var files: [GenerationPlan.File] = []
        var sources: [String: String] = [:]  // rendered path -> source path

        for file in blueprint.files {
            if budget.isSpent {
                problems.append(budget.spentProblem(blueprint))
                break
            }
            if excluded(file.path, blueprint: blueprint, answers: answers) { continue }
            let label = "\(blueprint.name): template/\(file.path)"
            // Render each path component on its own, so an answer can never add a '/'.
            var components: [String] = []
            var pathOK = true
            for component in file.path.split(separator: "/", omittingEmptySubsequences: false) {
                let rendered: String
                do {
                    rendered = try budget.render(String(component), name: "\(label) (path)", context: context, partials: partials)
                } catch {
                    problems.append(error.description)
                    pathOK = false
                    break
                }
                if let problem = Self.problem(withName: rendered) {
                    let cause = component.contains("{{") ? " (an answer used in the name: choose another value)" : ""
                    problems.append("\(label): path component '\(component)' renders to \(problem)\(cause)")
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
                    let rendered = try budget.render(text, name: label, context: context, partials: partials)
                    contents = Data(rendered.utf8)
                } catch {
                    // An error inside a partial names the partial: say which file included it.
                    problems.append(error.name == label ? error.description : "\(label): \(error.description)")
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
            if !budget.isSpent {
                files.append(try manifest(blueprint, answers: answers, context: context, partials: partials, budget: &budget))
            }
        } catch {
            problems.append(error.description)
        }

        if !problems.isEmpty {
            throw ScaffoldError(
                problems.count == 1 ? "broken blueprint: \(problems[0])" : "broken blueprint \(blueprint.name): \(problems.count) problems",
                fix: problems.count == 1 ? "fix the blueprint or the answer it names (nothing was written)" : "fix each problem below (nothing was written)",
                details: problems.count == 1 ? [] : problems)
        }
        files.sort { $0.path < $1.path }
        return GenerationPlan(blueprint: blueprint.name, version: blueprint.version, files: files)
    }

    /// Renders one string of the blueprint (a next step, a contract value).
    public func renderString(_ source: String, blueprint: Blueprint, answers: Answers) throws(MustacheError) -> String {
        var budget = RenderBudget(blueprint: blueprint)
        return try renderString(source, blueprint: blueprint, answers: answers, budget: &budget)
    }

    /// Renders one string of the blueprint, drawing on `budget` (several strings, one budget).
    func renderString(_ source: String, blueprint: Blueprint, answers: Answers, budget: inout RenderBudget) throws(MustacheError) -> String {
        try budget.render(source, name: blueprint.name, context: answers.templateContext, partials: BlueprintPartials(blueprint: blueprint))
    }

    /// Whether a conditional path switches this source path off.
    func excluded(_ path: String, blueprint: Blueprint, answers: Answers) -> Bool {
        blueprint.manifest.conditional.contains { rule in
            guard path == rule.path || path.hasPrefix(rule.path + "/") else { return false }
            let on = answers.holds(rule.variable)
            return rule.negated ? on : !on
        }
    }

    /// Why a rendered file or directory name is unsafe, or nil.
    static func problem(withName name: String) -> String? {
        if name.isEmpty { return "an empty name" }
        if name == "." || name == ".." { return "'\(name)', which would leave its directory" }
        if name.contains("/") { return "'\(name)', which contains '/'" }
        if name.contains("\0") { return "a name with a NUL byte" }
        if name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return "a name with a control character (a line break, or a terminal escape)"
        }
        if name.utf8.count > 255 { return "a name longer than 255 bytes" }
        if isGitDirectory(name) { return "'\(name)', git's own directory (its hooks and config run code)" }
        return nil
    }

    /// Whether git would take `name` for `.git`: any case, and (as git does for HFS+) with
    /// the code points a file system may ignore, or trailing dots and spaces, removed.
    static func isGitDirectory(_ name: String) -> Bool {
        let ignorable: Set<UInt32> = [0x200C, 0x200D, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E,
                                      0x206A, 0x206B, 0x206C, 0x206D, 0x206E, 0x206F, 0xFEFF]
        var scalars = String.UnicodeScalarView(name.unicodeScalars.filter { !ignorable.contains($0.value) })
        while let last = scalars.last, last == "." || last == " " { scalars.removeLast() }
        return String(scalars).lowercased() == ".git"
    }

    /// scaffold.json: the blueprint, its answers, and the rendered impact contract.
    private func manifest(
        _ blueprint: Blueprint, answers: Answers, context: MustacheValue, partials: BlueprintPartials,
        budget: inout RenderBudget
    ) throws(MustacheError) -> GenerationPlan.File {
        var file = ScaffoldFile(blueprint: RecordedBlueprint(blueprint, answers: answers).info)
        if let impact = blueprint.manifest.impact {
            let rendered = try render(.object(impact), context: context, partials: partials, name: "\(blueprint.name): blueprint.json impact", budget: &budget)
            file.impact = ScaffoldFile.Impact(members: rendered.objectValue ?? [:])
        }
        return GenerationPlan.File(path: Self.manifestFile, contents: file.contents, executable: false)
    }

    private func render(
        _ value: JSONValue, context: MustacheValue, partials: BlueprintPartials, name: String, budget: inout RenderBudget
    ) throws(MustacheError) -> JSONValue {
        switch value {
        case .string(let source):
            return .string(try budget.render(source, name: name, context: context, partials: partials))
        case .array(let items):
            var out: [JSONValue] = []
            for item in items { out.append(try render(item, context: context, partials: partials, name: name, budget: &budget)) }
            return .array(out)
        case .object(let members):
            var out: [String: JSONValue] = [:]
            for (key, member) in members { out[key] = try render(member, context: context, partials: partials, name: name, budget: &budget) }
            return .object(out)
        default:
            return value
        }
    }
}

/// What rendering one blueprint may do in all. Partials can multiply (each including the
/// next one twice, forty deep, is 2^40 inclusions) or repeat large content, so every render
/// of a plan draws on one budget; once it is spent, rendering stops with an error.
struct RenderBudget {
    /// Largest rendered file, and most rendered text of one plan.
    static let maximumFileBytes = 256 << 20
    static let maximumTotalBytes = 1 << 30
    /// Sections, list items, partials and blocks one plan may enter: this many, plus one per
    /// byte of the blueprint (a template that does not multiply enters fewer than that).
    static let baseExpansions = 1_000_000

    let expansions: Int
    var usage = MustacheRenderUsage()

    init(blueprint: Blueprint) {
        expansions = Self.baseExpansions + blueprint.files.reduce(0) { $0 + $1.contents.count }
            + blueprint.partials.values.reduce(0) { $0 + $1.utf8.count }
    }

    var isSpent: Bool { usage.expansions >= expansions || usage.outputBytes >= Self.maximumTotalBytes }

    func spentProblem(_ blueprint: Blueprint) -> String {
        "\(blueprint.name): rendering stopped: the blueprint renders more than \(Self.maximumTotalBytes >> 20) MiB "
            + "of text or enters more than \(expansions) sections and partials in all (do its partials include "
            + "each other over and over?)"
    }

    mutating func render(_ source: String, name: String, context: MustacheValue, partials: BlueprintPartials) throws(MustacheError) -> String {
        let options = MustacheRenderOptions(
            escaping: .none, strict: true, maxExpansions: max(0, expansions - usage.expansions),
            maxOutputBytes: max(0, min(Self.maximumFileBytes, Self.maximumTotalBytes - usage.outputBytes)))
        return try MustacheTemplate(source: source, name: name).render(context, partials: partials, options: options, usage: &usage)
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
