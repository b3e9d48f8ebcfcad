import Foundation

/// `scaffold adopt [PATH] [--dry-run]`: infers the impact contract of an
/// existing project from what discovery finds, shows it with where each value
/// comes from and what is left for the user, and writes scaffold.json (a new
/// file, never over an existing one). Every command it writes was resolved by
/// `CommandResolver`, the check PIP001, EVA001 and REP001 make, so adopt then
/// validate never fails those rules because of what adopt wrote.
///
/// Exit 0 when written (or shown, with --dry-run), 1 when scaffold.json
/// already exists, 2 for a usage error or an unreadable path.
struct AdoptCommand {
    struct Options: CommandOptions {
        var path: String?
        var dryRun = false

        mutating func validate() throws(ScaffoldError) {
            if path?.isEmpty == true {
                throw ScaffoldError("the project path is empty", fix: "give the project directory, e.g. 'scaffold adopt .'")
            }
        }
    }

    let options: Options
    let context: ScaffoldContext

    func run() throws(ScaffoldError) -> ExitCode {
        let argument = options.path ?? "."
        let root = try ValidateCommand.projectRoot(argument, context: context)
        let result = try Adoption.infer(root: root, context: context)
        let dryRun = options.dryRun
        let style = context.outputStyle
        var out = style.apply(.bold, "scaffold adopt \(root)") + "\n\n"
        let width = ValidateCommand.width(context)
        out += result.explanation.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            let indent = line.prefix { $0 == " " }.count
            return line.count <= width ? String(line) : ValidationReport.wrap(String(line), width: width, indent: indent, hanging: 2)
        }.joined(separator: "\n")
        if result.existing {
            out += "\n\(ScaffoldFile.fileName) already exists: nothing written. Compare it with the contract above, or move it away and adopt again.\n"
            context.stdout.write(out)
            return .findings
        }
        if dryRun {
            out += "\n--dry-run: nothing written. Without it, adopt writes the contract above to \(ScaffoldFile.fileName).\n"
            context.stdout.write(out)
            return .success
        }
        do {
            try Adoption.write(result.file, root: root, fileSystem: context.fileSystem)
        } catch {
            throw ScaffoldError("cannot write \(Path.join(root, ScaffoldFile.fileName)): \(error.reason)", fix: "check the directory's permissions")
        }
        out += "\nwrote \(ScaffoldFile.fileName). Next: 'scaffold validate \(ShellQuote.quote(root))'.\n"
        context.stdout.write(out)
        return .success
    }
}
