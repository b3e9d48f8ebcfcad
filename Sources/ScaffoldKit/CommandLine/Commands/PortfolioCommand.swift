import Foundation

/// `scaffold portfolio PROJECT_DIR... [--output DIR] [--title TEXT]`
struct PortfolioCommand {
    let command: ParsedCommand
    let context: ScaffoldContext

    static let defaultOutput = "portfolio"
    static let defaultTitle = "ML projects"

    func run() throws(ScaffoldError) -> ExitCode {
        let directories = command.variadicArguments
        guard !directories.isEmpty else {
            throw ScaffoldError("no project directories given", fix: "write 'scaffold portfolio PROJECT_DIR...'")
        }
        if let empty = directories.first(where: \.isEmpty) {
            _ = empty
            throw ScaffoldError("an empty project directory argument ('')", fix: "name each project directory")
        }
        let title = command.value("title") ?? Self.defaultTitle
        guard !title.trimmingCharacters(in: .whitespaces).isEmpty, title.count <= 200 else {
            throw ScaffoldError("--title must be 1 to 200 characters", fix: "give a shorter, non-empty title")
        }
        let output = command.value("output") ?? Self.defaultOutput
        guard !output.isEmpty else { throw ScaffoldError("--output is empty", fix: "name the output directory, e.g. --output portfolio") }
        var projects: [PortfolioProject] = []
        for directory in directories {
            projects.append(try PortfolioProject.load(path: context.absolutePath(directory), shownAs: directory,
                                                      fileSystem: context.fileSystem))
        }
        let portfolio = Portfolio(title: title, projects: projects)
        let written = try PortfolioWriter(fileSystem: context.fileSystem)
            .write(portfolio.files(), into: context.absolutePath(output), shownAs: output)
        for project in projects {
            if let problem = project.problem {
                context.diagnostics.warning("\(Diagnostics.printable(project.directory)): \(Diagnostics.printable(problem))")
            }
        }
        let shown = projects.filter { !$0.runs.isEmpty }.count
        context.stdout.write("portfolio: \(shown) of \(projects.count) project\(projects.count == 1 ? "" : "s") with results; wrote "
                             + written.map { Diagnostics.printable(output + "/" + $0) }.joined(separator: ", ") + "\n")
        return .success
    }
}
