import Foundation

/// `scaffold portfolio PROJECT_DIR... [--output DIR] [--title TEXT]`
struct PortfolioCommand {
    struct Options: CommandOptions {
        var projects: [String] = []
        var output: String?
        var title: String?

        static let defaultOutput = "portfolio"
        static let defaultTitle = "ML projects"

        mutating func validate() throws(ScaffoldError) {
            if projects.contains(where: \.isEmpty) {
                throw ScaffoldError("an empty project directory argument ('')", fix: "name each project directory")
            }
            if let title, title.trimmingCharacters(in: .whitespaces).isEmpty || title.count > 200 {
                throw ScaffoldError("--title must be 1 to 200 characters", fix: "give a shorter, non-empty title")
            }
            if output?.isEmpty == true {
                throw ScaffoldError("--output is empty", fix: "name the output directory, e.g. --output portfolio")
            }
        }
    }

    let options: Options
    let context: ScaffoldContext

    func run() throws(ScaffoldError) -> ExitCode {
        let output = options.output ?? Options.defaultOutput
        var projects: [PortfolioProject] = []
        for directory in options.projects {
            projects.append(try PortfolioProject.load(path: context.absolutePath(directory), shownAs: directory,
                                                      fileSystem: context.fileSystem))
        }
        let portfolio = Portfolio(title: options.title ?? Options.defaultTitle, projects: projects)
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
