import Foundation

/// The progression of a project's primary metric across evaluation runs as an
/// SVG: the candidate of each run with its 95% interval, and the strongest
/// baseline dashed. Points are joined only while the task and the test split
/// stay the same; a change starts a new segment behind a marked break.
struct PortfolioChart {
    var runs: [PortfolioRun]
    var title: String

    static let width = 640.0
    static let height = 220.0
    static let left = 56.0, right = 16.0, top = 28.0, bottom = 36.0

    /// `standalone`: a file of its own (carries its own colours, light and dark);
    /// otherwise inline in index.html, coloured by the page's CSS classes.
    func svg(standalone: Bool) -> String {
        let plotWidth = Self.width - Self.left - Self.right
        let plotHeight = Self.height - Self.top - Self.bottom
        var values: [Double] = []
        for run in runs {
            values += [run.value, run.interval.low, run.interval.high, run.baselineValue].compactMap { $0 }
        }
        var low = values.min() ?? 0, high = values.max() ?? 1
        if high - low < 1e-9 { low -= 0.5; high += 0.5 }
        let pad = (high - low) * 0.08
        low -= pad; high += pad
        let count = max(runs.count, 1)
        func x(_ index: Int) -> Double {
            count == 1 ? Self.left + plotWidth / 2 : Self.left + plotWidth * Double(index) / Double(count - 1)
        }
        func y(_ value: Double) -> Double { Self.top + plotHeight * (1 - (value - low) / (high - low)) }
        func f(_ value: Double) -> String { String(format: "%.1f", value) }

        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(Self.width)) \(Int(Self.height))\" "
            + "role=\"img\" aria-label=\"\(PortfolioEscaping.html(title))\" class=\"chart\">"
        if standalone {
            out += "<style>.axis{stroke:#8a8f98;stroke-width:1}.grid{stroke:#d0d4da;stroke-width:0.5}"
                + ".label{fill:#4b5563;font:13px sans-serif}.cand{stroke:#1d4ed8;fill:#1d4ed8}"
                + ".base{stroke:#b45309;fill:#b45309}.brk{stroke:#9ca3af;stroke-dasharray:3 3}"
                + "@media (prefers-color-scheme: dark){.label{fill:#d1d5db}.grid{stroke:#374151}"
                + ".cand{stroke:#93c5fd;fill:#93c5fd}.base{stroke:#fbbf24;fill:#fbbf24}}</style>"
            out += "<rect width=\"100%\" height=\"100%\" fill=\"none\"/>"
        }
        out += "<title>\(PortfolioEscaping.html(title))</title>"
        for step in 0...3 {
            let value = low + (high - low) * Double(step) / 3
            out += "<line class=\"grid\" x1=\"\(f(Self.left))\" x2=\"\(f(Self.width - Self.right))\" y1=\"\(f(y(value)))\" y2=\"\(f(y(value)))\"/>"
            out += "<text class=\"label\" x=\"\(f(Self.left - 6))\" y=\"\(f(y(value) + 4))\" text-anchor=\"end\">\(PortfolioText.number(value))</text>"
        }
        out += "<line class=\"axis\" x1=\"\(f(Self.left))\" x2=\"\(f(Self.width - Self.right))\" y1=\"\(f(Self.top + plotHeight))\" y2=\"\(f(Self.top + plotHeight))\"/>"
        // Segments of runs that may be joined.
        var segments: [[Int]] = []
        for (index, run) in runs.enumerated() {
            if let last = segments.last?.last, runs[last].seriesKey == run.seriesKey {
                segments[segments.count - 1].append(index)
            } else {
                segments.append([index])
            }
        }
        for segment in segments.dropFirst() {
            let at = (x(segment[0] - 1) + x(segment[0])) / 2
            out += "<line class=\"brk\" x1=\"\(f(at))\" x2=\"\(f(at))\" y1=\"\(f(Self.top))\" y2=\"\(f(Self.top + plotHeight))\"/>"
            out += "<text class=\"label\" x=\"\(f(at + 3))\" y=\"\(f(Self.top - 4))\">new test split</text>"
        }
        func path(_ indices: [Int], _ value: (PortfolioRun) -> Double?) -> String {
            var d = ""
            var pen = false
            for index in indices {
                guard let v = value(runs[index]) else { pen = false; continue }
                d += (pen ? "L" : "M") + f(x(index)) + " " + f(y(v))
                pen = true
            }
            return d
        }
        for segment in segments {
            let base = path(segment) { $0.baselineValue }
            if !base.isEmpty { out += "<path class=\"base\" fill=\"none\" stroke-width=\"1.5\" stroke-dasharray=\"5 4\" d=\"\(base)\"/>" }
            let cand = path(segment) { $0.value }
            if !cand.isEmpty { out += "<path class=\"cand\" fill=\"none\" stroke-width=\"2\" d=\"\(cand)\"/>" }
        }
        for (index, run) in runs.enumerated() {
            if let lo = run.interval.low, let hi = run.interval.high {
                out += "<line class=\"cand\" stroke-width=\"1\" x1=\"\(f(x(index)))\" x2=\"\(f(x(index)))\" y1=\"\(f(y(lo)))\" y2=\"\(f(y(hi)))\"/>"
            }
            if let value = run.value {
                out += "<circle class=\"cand\" cx=\"\(f(x(index)))\" cy=\"\(f(y(value)))\" r=\"3\"/>"
            }
        }
        // First and last run numbers under the axis.
        let labels = runs.count > 1 ? [0, runs.count - 1] : [0]
        for index in labels where !runs.isEmpty {
            out += "<text class=\"label\" x=\"\(f(x(index)))\" y=\"\(f(Self.height - 14))\" text-anchor=\"middle\">run \(index + 1)</text>"
        }
        let legendY = f(Self.height - 2)
        out += "<text class=\"label\" x=\"\(f(Self.left))\" y=\"\(legendY)\">● candidate (95% CI)   - - strongest baseline</text>"
        out += "</svg>"
        return out
    }
}
