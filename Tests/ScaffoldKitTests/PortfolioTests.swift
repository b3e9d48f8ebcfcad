import Foundation
import Testing

/// Impact-log lines for portfolio tests: one baseline ladder and a candidate per run.
enum PortfolioFixture {
    static func hex(_ n: Int, _ length: Int) -> String {
        let digits = String(format: "%x", n)
        return String(repeating: "0", count: max(0, length - digits.count)) + digits
    }

    /// The records of one run (baselines then candidate) as log lines.
    static func run(_ number: Int, schema: String = "impact-log/2", system: String = "tfidf-logreg", value: Double = 0.8,
                    baselines: [(String, Double)] = [("majority-class", 0.1), ("naive-bayes", 0.7)],
                    testFingerprint: String = "sha256:" + String(repeating: "a", count: 64), example: Bool = true,
                    source: String = "600 synthetic support tickets", day: Int = 1) -> String {
        let run = "run\(hex(number, 9))"
        let stamp = "2026-\(String(format: "%02d", 1 + (day / 28) % 12))-\(String(format: "%02d", 1 + day % 28))T10:00:00Z"
        let v2Data = schema == "impact-log/1" ? "" : ",\"example\":\(example),\"source\":\"\(source)\""
        func common(_ id: Int) -> String {
            """
            "schema":"\(schema)","id":"\(hex(number * 100 + id, 32))","run":"\(run)","timestamp":"\(stamp)",\
            "task":"ticket routing","git":{"commit":"\(hex(number, 40))","dirty":false},\
            "data":{"fingerprint":"sha256:\(hex(1, 64))","test_fingerprint":"\(testFingerprint)","rows":{"train":400,"test":120}\(v2Data)},"params":{},"seed":42,"primary_metric":"macro_f1","greater_is_better":true,\
            "test_evaluations":\(number),"bootstrap":{"resamples":1000,"units":120,"method":"percentile","paired":true}
            """
        }
        var lines: [String] = []
        for (index, (name, score)) in baselines.enumerated() {
            lines.append("{\(common(index)),\"role\":\"baseline\",\"system\":\"\(name)\",\"metrics\":{\"macro_f1\":{\"value\":\(score),\"ci95\":[\(score - 0.05),\(score + 0.05)]}},\"comparison\":null}")
        }
        let strongest = baselines.max { $0.1 < $1.1 }!
        let delta = value - strongest.1
        lines.append("""
            {\(common(99)),"role":"candidate","system":"\(system)","metrics":{"macro_f1":{"value":\(value),"ci95":[\(value - 0.05),\(value + 0.05)]}},\
            "comparison":{"metric":"macro_f1","baseline_id":"\(hex(number * 100 + baselines.count - 1, 32))","baseline_system":"\(strongest.0)",\
            "baseline":\(strongest.1),"candidate":\(value),"delta":\(delta),"ci95":[\(delta - 0.04),\(delta + 0.04)],"improved":\(delta - 0.04 > 0)}}
            """)
        return lines.joined(separator: "\n") + "\n"
    }

    /// A project directory with scaffold.json, a data card and `log` as its impact log.
    @discardableResult
    static func project(in dir: TemporaryDirectory, _ name: String, log: String?, dataCard: String? = nil) -> String {
        dir.write("\(name)/scaffold.json", """
            {"blueprint": {"name": "nlp-eval", "version": "2.0.0", "answers": {"project_name": "\(name)"}},
             "impact": {"log": "impact/log.jsonl", "primary_metric": "macro_f1", "greater_is_better": true}}
            """)
        if let log { dir.write("\(name)/impact/log.jsonl", log) }
        if let dataCard { dir.write("\(name)/data/README.md", dataCard) }
        return dir.path + "/" + name
    }
}

@Suite struct PortfolioTests {
    @Test func headlineNamesTheStrongestBaselineAndTheLadder() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        PortfolioFixture.project(in: dir, "router", log: PortfolioFixture.run(1, value: 0.85))
        let cli = InProcess(directory: dir.path)
        #expect(cli.run("portfolio", "router", "--output", "out") == 0, "\(cli.stderr.text)")
        let markdown = try #require(dir.read("out/PORTFOLIO.md"))
        #expect(markdown.contains("**macro-F1 0.700 → 0.850 (+0.150, 95% CI \\[0.110, 0.190\\]) for tfidf-logreg vs naive-bayes, the strongest of 2 baselines, on 120 held-out test units.**"))
        #expect(markdown.contains("_Example data shipped with the blueprint: replace it before quoting this result._"))
        #expect(markdown.contains("| data | 600 synthetic support tickets |"))
        #expect(markdown.contains("| test-set looks | 1 |"))
        let html = try #require(dir.read("out/index.html"))
        #expect(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(!html.contains("<script"), "no JavaScript")
        #expect(!html.contains("http://") || !html.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").contains("http://"), "no external assets")
        #expect(!html.contains("src="), "no external assets")
        #expect(dir.exists("out/charts/router.svg"))
        #expect(cli.stdout.text == "portfolio: 1 of 1 project with results; wrote out/PORTFOLIO.md, out/index.html, out/charts/router.svg\n")
    }

    @Test func bulletsAreHonestWhenTheIntervalIncludesZero() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        // impact-log/1 records carry no data source: the data card's `Source:` line names it.
        PortfolioFixture.project(in: dir, "p", log: PortfolioFixture.run(1, schema: "impact-log/1", value: 0.71, example: false),
                                 dataCard: "# Data\n\n**Source:** my own 300 emails\n")
        let cli = InProcess(directory: dir.path)
        #expect(cli.run("portfolio", "p", "-o", "out") == 0)
        let markdown = try #require(dir.read("out/PORTFOLIO.md"))
        #expect(markdown.contains("not a clear difference: the interval includes 0"))
        #expect(markdown.contains("no clear difference (+0.010, 95% CI \\[-0.030, 0.050\\] includes 0)."))
        #expect(!markdown.contains("Example data shipped"), "own data: no example-data line")
        #expect(markdown.contains("- Data: my own 300 emails."))
    }

    @Test func progressionBreaksAcrossTestSplits() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let other = "sha256:" + String(repeating: "b", count: 64)
        let log = PortfolioFixture.run(1, value: 0.8) + PortfolioFixture.run(2, value: 0.82) + PortfolioFixture.run(3, value: 0.9, testFingerprint: other)
        PortfolioFixture.project(in: dir, "p", log: log)
        #expect(InProcess(directory: dir.path).run("portfolio", "p") == 0)
        let svg = try #require(dir.read("portfolio/charts/p.svg"))
        #expect(svg.components(separatedBy: "new test split").count == 2, "one break")
        // The candidate series is drawn as two paths: runs 1-2 joined, run 3 alone.
        let candidatePaths = svg.components(separatedBy: "<path class=\"cand\"").count - 1
        #expect(candidatePaths == 2)
        let markdown = try #require(dir.read("portfolio/PORTFOLIO.md"))
        #expect(markdown.contains("| runs logged | 3 |"))
    }

    @Test func projectTextIsEscapedForHTMLAndMarkdown() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let hostile = #"<img src=x onerror=alert(1)>*[x](javascript:y)|"#
        let escapedJSON = hostile.replacingOccurrences(of: "\"", with: "\\\"")
        PortfolioFixture.project(in: dir, "p", log: PortfolioFixture.run(1, system: escapedJSON, source: "a <b>bold</b> & | pipe"))
        let cli = InProcess(directory: dir.path)
        #expect(cli.run("portfolio", "p", "--title", "<script>alert(1)</script>") == 0, "\(cli.stderr.text)")
        let html = try #require(dir.read("portfolio/index.html"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("<b>bold"))
        #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"))
        let markdown = try #require(dir.read("portfolio/PORTFOLIO.md"))
        #expect(markdown.replacingOccurrences(of: "\\<", with: "").firstIndex(of: "<") == nil, "every < is escaped")
        #expect(markdown.contains(#"\<img src=x onerror=alert(1)\>\*\[x\](javascript:y)\|"#))
        #expect(markdown.contains(#"a \<b\>bold\</b\> \& \| pipe"#))
    }

    @Test func sameInputsGiveByteIdenticalOutput() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        PortfolioFixture.project(in: dir, "a", log: PortfolioFixture.run(1) + PortfolioFixture.run(2, value: 0.9))
        PortfolioFixture.project(in: dir, "b", log: PortfolioFixture.run(1, schema: "impact-log/1", baselines: [("prior", 0.5)]))
        let cli = InProcess(directory: dir.path)
        #expect(cli.run("portfolio", "a", "b", "-o", "one") == 0)
        #expect(cli.run("portfolio", "a", "b", "-o", "two") == 0)
        for file in ["PORTFOLIO.md", "index.html", "charts/a.svg", "charts/b.svg"] {
            #expect(dir.read("one/" + file) != nil)
            #expect(dir.read("one/" + file) == dir.read("two/" + file), "\(file)")
        }
        // impact-log/1 is read too: its only baseline is named as such.
        #expect(try #require(dir.read("one/PORTFOLIO.md")).contains("vs prior (the only baseline)"))
    }

    @Test func emptyCutForeignAndMissingLogsGetOneLineEach() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        PortfolioFixture.project(in: dir, "empty", log: "")
        let whole = PortfolioFixture.run(1)
        PortfolioFixture.project(in: dir, "cut", log: whole + String(PortfolioFixture.run(2).prefix(90)))
        PortfolioFixture.project(in: dir, "foreign", log: "{\"step\": 1, \"loss\": 0.3}\n")
        PortfolioFixture.project(in: dir, "garbage", log: "not json at all\n")
        PortfolioFixture.project(in: dir, "nolog", log: nil)
        dir.write("bad/scaffold.json", "{\"blueprint\": ")
        let cli = InProcess(directory: dir.path)
        #expect(cli.run("portfolio", "empty", "cut", "foreign", "garbage", "nolog", "bad") == 0, "\(cli.stderr.text)")
        let markdown = try #require(dir.read("portfolio/PORTFOLIO.md"))
        #expect(markdown.contains("> **Note:** impact/log.jsonl is empty: run the project's evaluate command (make eval)"))
        #expect(markdown.contains("the last line of impact/log.jsonl (line 4) is cut off"))
        #expect(markdown.contains("for tfidf-logreg vs naive-bayes"), "the cut log's whole run is still shown")
        #expect(markdown.contains("impact/log.jsonl:1 has schema 'none', not impact-log/1 or /2"))
        #expect(markdown.contains("impact/log.jsonl:1 is not a JSON object"))
        #expect(markdown.contains("no impact log at impact/log.jsonl yet"))
        #expect(markdown.contains("scaffold.json is not valid JSON (column 15: "))
        let warnings = cli.stderr.text.split(separator: "\n")
        #expect(warnings.count == 6, "one line per project with a problem: \(cli.stderr.text)")
        #expect(cli.stdout.text.hasPrefix("portfolio: 1 of 6 projects with results;"))
    }

    @Test func badArgumentsFailWithOneLine() {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        dir.write("file.txt", "x")
        let cases: [([String], String)] = [
            (["portfolio"], "error: missing argument PROJECT_DIR for 'scaffold portfolio'"),
            (["portfolio", "nope"], "error: 'nope' is not a project directory"),
            (["portfolio", "file.txt"], "error: 'file.txt' is not a project directory"),
            (["portfolio", ""], "error: an empty project directory argument"),
        ]
        for (arguments, expected) in cases {
            let cli = InProcess(directory: dir.path)
            #expect(cli.run(arguments) == 2, "\(arguments)")
            #expect(cli.stderr.text.hasPrefix(expected), "\(arguments): \(cli.stderr.text)")
            #expect(cli.stderr.text.split(separator: "\n").count == 1)
            #expect(!dir.exists("portfolio"), "nothing written")
        }
        PortfolioFixture.project(in: dir, "p", log: PortfolioFixture.run(1))
        let cli = InProcess(directory: dir.path)
        #expect(cli.run("portfolio", "p", "-o", "file.txt") == 2)
        #expect(cli.stderr.text.hasPrefix("error: output 'file.txt' exists and is not a directory"))
    }

    /// Times six projects with 50 runs each (printed, not asserted).
    @Test func sixProjectsWithFiftyRunsEach() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        var names: [String] = []
        for project in 0..<6 {
            var log = ""
            for run in 1...50 { log += PortfolioFixture.run(run, value: 0.7 + Double(run) * 0.004, day: run) }
            names.append(PortfolioFixture.project(in: dir, "project-\(project)", log: log))
        }
        let start = Date()
        let run = Binary.run(["portfolio"] + names + ["--output", dir.path + "/out"], in: dir.path)
        let seconds = Date().timeIntervalSince(start)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.isEmpty)
        let markdown = try #require(dir.read("out/PORTFOLIO.md"))
        #expect(markdown.components(separatedBy: "| runs logged | 50 |").count == 7)
        print("[portfolio] 6 projects x 50 runs: \(String(format: "%.3f", seconds)) s (binary, wall clock)")
    }
}
