/// MET001: impact.primary_metric and impact.greater_is_better are declared.
struct MetricDeclared: ValidationRule {
    let rule = Rule(
        "MET001", .metric, .error, "primary metric and its direction are declared",
        why: """
            Without one declared metric, and whether higher is better, "improved" means whatever the last person \
            to look chose.
            """,
        fix: """
            Set impact.primary_metric (e.g. "macro_f1") and impact.greater_is_better (true or false) in \
            scaffold.json. A known metric name must be declared in its direction: lower is better for loss, \
            error, rmse, mse, mae, mape, smape, mase, perplexity, wer, cer, latency, log_loss, nll, brier; \
            higher for accuracy, f1, macro_f1, auc, roc_auc, ndcg, map, mrr, recall, precision, bleu, rouge, \
            r2, iou, dice, mcc. Other names are taken as declared.
            """,
        requires: [.contract])

    func check(_ context: ValidationContext) -> RuleResult {
        let contract = context.contract
        let metric = contract?.primaryMetric
        let direction = contract?.greaterIsBetter
        if let metric, let direction {
            var matched: [String] = []
            if let known = MetricDirection.greaterIsBetter(metric), known != direction {
                return fail("impact.primary_metric '\(metric)' is declared \(direction ? "greater" : "lower") is better, but '\(metric)' is a metric where \(known ? "higher" : "lower") is better",
                            locations: [.init(ImpactContract.fileName, line: context.contractLine("greater_is_better"))],
                            help: "set \"greater_is_better\": \(known) in \(ImpactContract.fileName) (see the direction table in 'scaffold rules MET001')")
            }
            if MetricDirection.greaterIsBetter(metric) == nil { matched.append("'\(metric)' is not in the table of known metric names; its direction is as declared") }
            return pass("\(metric), \(direction ? "greater" : "lower") is better", matched: matched)
        }
        var missing: [String] = []
        if metric == nil { missing.append(context.missingHook("primary_metric")) }
        if direction == nil { missing.append(context.missingHook("greater_is_better")) }
        let found = context.discovery.metrics
        let details = found.isEmpty
            ? ["found no metric name in code or metrics files"]
            : ["found instead: " + ValidationContext.list(found.map { m in
                "\(m.name) (\(m.place); " + (m.greaterIsBetter.map { $0 ? "higher is better" : "lower is better" } ?? "direction unknown") + ")"
            }, limit: 5, separator: "; ")]
        let name = metric ?? found.first?.name ?? "macro_f1"
        let direction_ = MetricDirection.greaterIsBetter(name).map(String.init) ?? "true or false (FILL IN: scaffold does not know '\(name)')"
        return fail("no primary metric and direction: " + missing.joined(separator: "; "), details: details,
                    locations: [.init(ImpactContract.fileName)],
                    help: "add \"primary_metric\": \(JSONValue.quote(name)), \"greater_is_better\": \(direction_) to \"impact\" in \(ImpactContract.fileName)")
    }
}
