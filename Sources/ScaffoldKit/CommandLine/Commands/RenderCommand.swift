import Foundation
import Mustache

/// `scaffold render TEMPLATE [--data FILE.json|-] [--partials DIR] [--escape none|html]`
struct RenderCommand {
    struct Options: CommandOptions {
        var template = ""
        var data: String?
        var partials: String?
        var escape: Escape?
    }

    /// `--escape`: none (as in blueprints) or html (the Mustache spec's).
    enum Escape: String, CaseIterable, ArgumentValue {
        case none, html
    }

    let options: Options
    let context: ScaffoldContext

    func run() throws(ScaffoldError) -> ExitCode {
        let path = context.absolutePath(options.template)
        let source = try readText(path, what: "template")
        var data = MustacheValue.object([:])
        if let dataPath = options.data {
            let bytes: Data
            if dataPath == "-" {
                bytes = context.stdin.readAll()
            } else {
                do { bytes = try context.fileSystem.readFile(context.absolutePath(dataPath), limit: 1 << 30) } catch {
                    throw ScaffoldError("cannot read data file \(error.path): \(error.reason)", fix: "check the --data path")
                }
            }
            do { data = try MustacheValue.parseJSON(bytes) } catch {
                throw ScaffoldError("data \(dataPath): \(error.description)", fix: "fix the JSON")
            }
        }
        let partials = DirectoryPartials(directory: options.partials.map(context.absolutePath), fileSystem: context.fileSystem)
        let escaping: MustacheEscaping = options.escape == .html ? .html : .none
        do {
            let template = try MustacheTemplate(source: source, name: path)
            context.stdout.write(try template.render(data, partials: partials, options: MustacheRenderOptions(escaping: escaping)))
        } catch {
            throw ScaffoldError(error.description, fix: "fix the template")
        }
        return .success
    }

    private func readText(_ path: String, what: String) throws(ScaffoldError) -> String {
        let bytes: Data
        do { bytes = try context.fileSystem.readFile(path, limit: 1 << 30) } catch {
            throw ScaffoldError("cannot read \(what) \(path): \(error.reason)", fix: "check the path")
        }
        guard let text = String(data: bytes, encoding: .utf8) else {
            throw ScaffoldError("\(what) \(path) is not UTF-8 text", fix: "save it as UTF-8")
        }
        return text
    }
}

/// Partials read from `DIR/NAME.mustache`; a missing one renders empty (spec).
struct DirectoryPartials: MustachePartialProvider {
    let directory: String?
    let fileSystem: any FileSystem

    func source(forPartial name: String) throws(MustacheError) -> String? {
        guard let directory, !name.contains("/"), name != "..", !name.isEmpty else { return nil }
        guard let data = try? fileSystem.readFile(directory + "/" + name + ".mustache", limit: 1 << 30) else { return nil }
        return String(data: data, encoding: .utf8)
    }
}
