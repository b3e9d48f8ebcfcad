import Foundation

/// The words and numbers the portfolio prints, shared by PORTFOLIO.md and
/// index.html so both say exactly the same thing. Text here is plain; each
/// renderer escapes it for its format.
enum PortfolioText {
    /// Prose names of the metrics the built-in blueprints log; others print as logged.
    static let metricLabels: [String: String] = [
        "macro_f1": "macro-F1", "roc_auc": "ROC-AUC", "mase": "MASE", "ndcg_at_10": "NDCG@10",
        "ndcg@10": "NDCG@10", "token_f1": "token-F1", "exact_match": "exact match", "accuracy": "accuracy",
        "rmse": "RMSE", "mae": "MAE", "f1": "F1", "auc": "AUC", "recall_at_10": "recall@10",
    ]

    static func label(_ metric: String) -> String { metricLabels[metric] ?? metric }

    /// Three decimals, or "n/a" for an undefined value (POSIX formatting, never locale-dependent).
    static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "n/a" }
        let text = String(format: "%.3f", value)
        return text == "-0.000" ? "0.000" : text
    }

    static func signed(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "n/a" }
        let text = number(value)
        return text.hasPrefix("-") || text == "0.000" ? text : "+" + text
    }

    static func interval(_ interval: PortfolioInterval) -> String {
        "[\(number(interval.low)), \(number(interval.high))]"
    }

    static func day(_ timestamp: String) -> String { String(timestamp.prefix(10)) }

    static func commit(_ run: PortfolioRun) -> String {
        guard let commit = run.commit else { return "no git commit" }
        return String(commit.prefix(7)) + (run.dirty == true ? " (uncommitted changes)" : "")
    }

    /// Whether a delta's interval lies wholly on the worse side of 0.
    static func worse(_ interval: PortfolioInterval, greaterIsBetter: Bool) -> Bool {
        guard let low = interval.low, let high = interval.high else { return false }
        return greaterIsBetter ? high < 0 : low > 0
    }

    /// The headline: what the latest candidate measured against the strongest baseline.
    static func headline(_ run: PortfolioRun) -> String {
        let metric = label(run.metric)
        var text = "\(metric) \(number(run.baselineValue)) → \(number(run.value)) "
            + "(\(signed(run.delta)), 95% CI \(interval(run.deltaInterval))) for \(run.system) vs \(run.baselineSystem)"
        text += run.baselineCount > 1 ? ", the strongest of \(run.baselineCount) baselines" : " (the only baseline)"
        text += ", on \(run.units) held-out test units"
        if !run.improved {
            text += worse(run.deltaInterval, greaterIsBetter: run.greaterIsBetter)
                ? " — worse than the baseline" : " — not a clear difference: the interval includes 0"
        }
        return text
    }

    /// Two or three resume/LinkedIn lines built from the log alone: the metric,
    /// its interval, the baseline, n and the data. Never more than the log says.
    static func bullets(_ project: PortfolioProject) -> [String] {
        guard let last = project.latest else { return [] }
        let metric = label(last.metric)
        let better = last.greaterIsBetter ? "higher" : "lower"
        var lines: [String] = []
        var first = "\(project.name): \(last.system) scored \(metric) \(number(last.value)) (95% CI \(interval(last.interval))) "
            + "on \(last.units) held-out test units, against \(number(last.baselineValue)) for \(last.baselineSystem)"
            + (last.baselineCount > 1 ? ", the strongest of \(last.baselineCount) baselines" : "")
        if last.improved {
            first += ": a difference of \(signed(last.delta)) (95% CI \(interval(last.deltaInterval)); \(better) is better)."
        } else if worse(last.deltaInterval, greaterIsBetter: last.greaterIsBetter) {
            first += ": worse than that baseline by \(signed(last.delta)) (95% CI \(interval(last.deltaInterval)))."
        } else {
            first += ": no clear difference (\(signed(last.delta)), 95% CI \(interval(last.deltaInterval)) includes 0)."
        }
        lines.append(first)
        let runs = project.runs
        var second = runs.count > 1
            ? "Logged \(runs.count) evaluation runs from \(day(runs[0].timestamp)) to \(day(last.timestamp)) in an append-only impact log"
            : "Logged the evaluation (\(day(last.timestamp))) in an append-only impact log"
        second += "; the test split has been scored \(last.testEvaluations) time\(last.testEvaluations == 1 ? "" : "s")"
        if let best = last.previousBest {
            if best.improved {
                second += "; the latest model beats the previous best (\(best.system)) by \(signed(best.delta)) (95% CI \(interval(best.interval)))"
            } else if best.regressed {
                second += "; the latest model is below the previous best (\(best.system)): \(signed(best.delta)) (95% CI \(interval(best.interval)))"
            } else {
                second += "; against the previous best (\(best.system)): \(signed(best.delta)), 95% CI \(interval(best.interval)) includes 0"
            }
        }
        lines.append(second + ".")
        if let source = project.dataSource {
            let example = last.example == true ? " (the example data shipped with the blueprint, not collected for this project)" : ""
            lines.append("Data: \(source)\(example).")
        } else if last.example == true {
            lines.append("Data: the example data shipped with the blueprint, not collected for this project.")
        }
        return lines
    }
}
