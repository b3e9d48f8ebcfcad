import Foundation
import Testing

/// Renders the portfolio page in headless Chromium (Debian's `chromium`, which
/// Tests/run installs when it can) at a desktop and a phone width: no
/// horizontal overflow, no console message (a CSP violation or a failed load
/// would log one), screenshots kept in .build/artefacts/portfolio/.
enum Chromium {
    static let path: String? = {
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            for directory in directories where FileManager.default.isExecutableFile(atPath: "\(directory)/\(name)") {
                return "\(directory)/\(name)"
            }
        }
        return nil
    }()
}

@Suite(.serialized, .enabled(if: Chromium.path != nil, "needs chromium on PATH (Tests/run installs Debian's package)"))
struct PortfolioBrowserTests {
    static let artefacts = Binary.packageRoot + "/.build/artefacts/portfolio"

    /// The page inside an iframe of an exact width (headless Chromium keeps a
    /// minimum window width, so the iframe plays the phone); the outer probe
    /// measures the inner document and writes the verdict into the DOM.
    static func probe(page: String, width: Int, height: Int) -> String {
        let srcdoc = page.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
        return """
            <!DOCTYPE html><html><head><meta charset="utf-8"><style>body{margin:0}iframe{border:0;display:block}</style></head>
            <body><iframe id="page" style="width:\(width)px;height:\(height)px" srcdoc="\(srcdoc)"></iframe>
            <script>
            document.getElementById('page').addEventListener('load', function () {
              var d = this.contentDocument.documentElement;
              document.body.setAttribute('data-verdict', (d.scrollWidth > d.clientWidth ? 'overflow' : 'fits') + ':' + d.scrollWidth + ':' + d.clientWidth);
            });
            </script></body></html>
            """
    }

    static func chromium(_ arguments: [String], in directory: String) -> BinaryRun {
        Binary.run(["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
                    "--enable-logging=stderr", "--v=0", "--virtual-time-budget=5000"] + arguments,
                   in: directory, environment: ["HOME": directory], executable: Chromium.path!, timeout: 120)
    }

    @Test(arguments: [("desktop", 1280, 900), ("phone", 390, 844)])
    func pageFitsAndLogsNothing(name: String, width: Int, height: Int) throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        var projects: [String] = []
        for (index, project) in ["ticket-router", "a-project-with-a-rather-long-name-that-could-overflow-a-phone-screen", "churn"].enumerated() {
            var log = ""
            for run in 1...(4 + index * 3) { log += PortfolioFixture.run(run, value: 0.7 + Double(run) * 0.01, day: run * 3) }
            projects.append(PortfolioFixture.project(in: dir, project, log: log, dataCard: "Source: synthetic data, \(project)"))
        }
        PortfolioFixture.project(in: dir, "no-results-yet", log: "")
        let made = Binary.run(["portfolio"] + projects + [dir.path + "/no-results-yet", "--output", dir.path + "/site",
                                                         "--title", "Side projects"], in: dir.path)
        try #require(made.status == 0, "\(made.stderr)")
        let page = try #require(dir.read("site/index.html"))
        dir.write("probe.html", Self.probe(page: page, width: width, height: height))

        let dump = Self.chromium(["--window-size=\(max(width, 600)),\(height)", "--dump-dom", "file://\(dir.path)/probe.html"], in: dir.path)
        try #require(dump.status == 0, "chromium: \(dump.stderr)")
        let verdict = dump.stdout.range(of: #"data-verdict="[^"]*""#, options: .regularExpression).map { String(dump.stdout[$0]) }
        let found = try #require(verdict, "the probe did not report (page did not load?): \(dump.stderr.suffix(2000))")
        #expect(found.hasPrefix("data-verdict=\"fits:"), "\(name) \(width)px: \(found)")
        let console = dump.stderr.split(separator: "\n").filter { $0.contains("CONSOLE") || $0.contains("Refused to") }
        #expect(console.isEmpty, "console messages: \(console)")

        // The page alone, as a person sees it, kept as an artefact.
        try FileManager.default.createDirectory(atPath: Self.artefacts, withIntermediateDirectories: true)
        let screenshot = Self.artefacts + "/portfolio-\(name)-\(width).png"
        try? FileManager.default.removeItem(atPath: screenshot)
        dir.write("frame.html", Self.probe(page: page, width: width, height: 2400))
        let shot = Self.chromium(["--window-size=\(width),2400", "--hide-scrollbars", "--screenshot=\(screenshot)",
                                  "file://\(dir.path)/\(width <= 600 ? "frame.html" : "site/index.html")"], in: dir.path)
        #expect(shot.status == 0, "\(shot.stderr)")
        #expect(FileManager.default.fileExists(atPath: screenshot))
        print("[portfolio] screenshot: \(screenshot)")
    }
}
