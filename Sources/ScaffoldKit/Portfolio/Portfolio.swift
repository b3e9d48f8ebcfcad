/// Several projects shown together: `scaffold portfolio` renders one of these
/// into PORTFOLIO.md, a self-contained index.html and an SVG chart per project.
/// The same projects always give the same bytes (no dates or random names are
/// added; projects keep the command line's order).
struct Portfolio: Sendable {
    var title: String
    var projects: [PortfolioProject]

    /// A file name for each project's chart: its name made safe, unique within the portfolio.
    var chartFileNames: [String] {
        var used: Set<String> = []
        return projects.map { project in
            var slug = String(project.name.lowercased().unicodeScalars.map { scalar -> Character in
                (scalar.properties.isAlphabetic && scalar.isASCII) || ("0"..."9").contains(scalar) ? Character(scalar) : "-"
            })
            slug = slug.split(separator: "-").joined(separator: "-")
            if slug.isEmpty { slug = "project" }
            var name = slug, number = 2
            while used.contains(name) { name = "\(slug)-\(number)"; number += 1 }
            used.insert(name)
            return "charts/\(name).svg"
        }
    }

    /// Every file of the output, relative to the output directory, with its contents.
    func files() -> [(path: String, contents: String)] {
        let charts = chartFileNames
        var files: [(String, String)] = [("PORTFOLIO.md", markdown(chartFiles: charts)), ("index.html", html())]
        for (project, file) in zip(projects, charts) where !project.runs.isEmpty {
            files.append((file, PortfolioChart(runs: project.runs, title: chartTitle(project)).svg(standalone: true) + "\n"))
        }
        return files
    }

    func chartTitle(_ project: PortfolioProject) -> String {
        guard let last = project.latest else { return project.name }
        return "\(project.name): \(PortfolioText.label(last.metric)) per evaluation run (\(last.greaterIsBetter ? "higher" : "lower") is better)"
    }
}
