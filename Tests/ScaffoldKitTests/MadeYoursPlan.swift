import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a make-it-yours script (Tests/MakeItYours/<blueprint>.py, through readme_model.main) printed,
/// one line each: `touched PATH` (a file it wrote or deleted), `set KEY=VALUE` (the task's wording for
/// the new data, for `scaffold update --set`), `stale WORD` (a word of the shipped example that must be
/// gone afterwards).
struct MadeYoursPlan {
    var touched: [String] = []
    var answers: [(key: String, value: String)] = []
    var stale: [String] = []

    struct UnknownLine: Error, CustomStringConvertible {
        var line: String
        var description: String { "make-it-yours script printed an unknown line: \(line)" }
    }

    init(_ output: String) throws {
        for line in output.split(separator: "\n").map(String.init) {
            let (kind, rest) = (line.prefix { $0 != " " }, String(line.drop { $0 != " " }.dropFirst()))
            switch kind {
            case "touched": touched.append(rest)
            case "set":
                guard let equals = rest.firstIndex(of: "=") else { throw UnknownLine(line: line) }
                answers.append((String(rest[..<equals]), String(rest[rest.index(after: equals)...])))
            case "stale": stale.append(rest)
            default: throw UnknownLine(line: line)
            }
        }
    }

    /// `file:line: word` for every stale word found (case-insensitive, at the start of a word) in the files.
    func stale(in files: [String], of project: String) throws -> [String] {
        let pattern = "\\b(" + stale.map(NSRegularExpression.escapedPattern).joined(separator: "|") + ")"
        let regex = try NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
        var found: [String] = []
        for file in files {
            let text = try String(contentsOfFile: project + "/" + file, encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let line = String(line)
                for match in regex.matches(in: line, range: NSRange(line.startIndex..., in: line)) {
                    found.append("\(file):\(number + 1): \(Range(match.range, in: line).map { line[$0] } ?? "")")
                }
            }
        }
        return found
    }

    /// Whether the README's "## Use your own data" or "## Use your own model" section names `path`: a
    /// backticked token equal to it, a glob matching it (`data/raw/*.csv`), or a directory (`data/raw/`).
    static func readme(_ readme: String, names path: String) -> Bool {
        var tokens: [String] = []
        for heading in ["## Use your own data", "## Use your own model"] {
            guard let start = readme.range(of: heading) else { continue }
            let rest = readme[start.upperBound...]
            let section = rest[..<(rest.range(of: "\n## ")?.lowerBound ?? rest.endIndex)]
            for (index, piece) in section.split(separator: "`", omittingEmptySubsequences: false).enumerated()
            where index % 2 == 1 && !piece.contains(where: \.isWhitespace) && !piece.isEmpty {
                tokens.append(String(piece))
            }
        }
        return tokens.contains { token in
            token == path || (token.hasSuffix("/") && path.hasPrefix(token)) || fnmatch(token, path, 0) == 0
        }
    }
}

@Suite struct MadeYoursPlanTests {
    @Test func parsesTheScriptsLines() throws {
        let plan = try MadeYoursPlan("touched data/raw/a.csv\nset unit=review\nset task_name=a=b\nstale ticket\n")
        #expect(plan.touched == ["data/raw/a.csv"])
        #expect(plan.answers.map(\.key) == ["unit", "task_name"] && plan.answers.map(\.value) == ["review", "a=b"])
        #expect(plan.stale == ["ticket"])
        #expect(throws: MadeYoursPlan.UnknownLine.self) { try MadeYoursPlan("wrote data/raw/a.csv") }
    }

    @Test func readmeNamesPathsByTokenGlobOrDirectory() {
        let readme = "# x\n## Use your own data\nPut files in `data/raw/*.csv`; see `data/README.md`.\n"
            + "## Use your own model\nEdit `src/pkg/models.py`, or `extra/`.\n## Other\n`src/pkg/task.py`\n"
        #expect(MadeYoursPlan.readme(readme, names: "data/raw/reviews.csv"))
        #expect(MadeYoursPlan.readme(readme, names: "data/README.md"))
        #expect(MadeYoursPlan.readme(readme, names: "src/pkg/models.py"))
        #expect(MadeYoursPlan.readme(readme, names: "extra/deep/file.py"))
        #expect(!MadeYoursPlan.readme(readme, names: "src/pkg/task.py"))  // named, but in another section
        #expect(!MadeYoursPlan.readme(readme, names: "data/raw/notes.txt"))
    }

    @Test func findsStaleWordsAtTheStartOfAWord() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        try "Route tickets to a Team.\nno stale words: ticketless? yes, prefix\nchecklist\n"
            .write(toFile: dir.path + "/README.md", atomically: true, encoding: .utf8)
        let plan = try MadeYoursPlan("stale ticket\nstale team\nstale list\n")
        #expect(try plan.stale(in: ["README.md"], of: dir.path) == ["README.md:1: ticket", "README.md:1: Team", "README.md:2: ticket"])
    }
}
