/// Whether a higher value of a metric is better, from a table of well-known
/// names; nil when the name is not known (the direction is then left for the
/// user to declare, never guessed). A name is looked up whole, then by its
/// parts: "val_loss", "test/rmse", "ndcg@10", "eval.macro_f1" all resolve; a
/// name whose parts point both ways resolves to nil.
///
/// | lower is better | higher is better |
/// |---|---|
/// | loss, error, err, rmse, mse, mae, mape, smape, mase, rmsle, msle, perplexity, ppl, wer, cer, latency, log_loss, logloss, nll, brier, crps, fid, eer, far, frr, runtime, duration | accuracy, acc, f1, macro_f1, micro_f1, weighted_f1, auc, roc_auc, pr_auc, auroc, auprc, ndcg, map, mrr, recall, precision, bleu, rouge, rouge1, rouge2, rougel, r2, iou, miou, dice, hit_rate, hitrate, top1, top5, exact_match, em, spearman, pearson, kappa, mcc, balanced_accuracy, coverage, throughput, sacrebleu, chrf, bertscore, meteor |
public enum MetricDirection {
    /// Primary-metric preference, best first: evaluation metrics before training objectives.
    public static let higherIsBetter: [String] = [
        "macro_f1", "f1", "accuracy", "balanced_accuracy", "roc_auc", "auc", "auroc", "pr_auc", "auprc", "ndcg", "map",
        "mrr", "hit_rate", "hitrate", "recall", "precision", "micro_f1", "weighted_f1", "acc", "top1", "top5",
        "exact_match", "em", "bleu", "sacrebleu", "rouge", "rouge1", "rouge2", "rougel", "chrf", "bertscore", "meteor",
        "r2", "iou", "miou", "dice", "mcc", "kappa", "spearman", "pearson", "coverage", "throughput",
    ]
    public static let lowerIsBetter: [String] = [
        "rmse", "mae", "mape", "smape", "mase", "mse", "rmsle", "msle", "wer", "cer", "perplexity", "ppl", "log_loss",
        "logloss", "nll", "brier", "crps", "fid", "eer", "far", "frr", "error", "err", "latency", "runtime", "duration",
        "loss",
    ]

    /// true: higher is better; false: lower is better; nil: unknown.
    public static func greaterIsBetter(_ name: String) -> Bool? {
        let lower = name.lowercased()
        if let whole = lookup(lower) { return whole }
        let parts = lower.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        var found: Set<Bool> = []
        for part in parts {
            if let direction = lookup(part) { found.insert(direction) }
        }
        // "macro_f1" splits into "macro" and "f1": joined neighbours are tried too.
        for index in parts.indices.dropLast() {
            if let direction = lookup(parts[index] + "_" + parts[index + 1]) { found.insert(direction) }
        }
        return found.count == 1 ? found.first : nil
    }

    /// Rank of a name among known metrics (lower is preferred), nil when unknown.
    public static func preference(_ name: String) -> Int? {
        let lower = name.lowercased()
        let parts = [lower] + lower.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        var best: Int?
        for part in parts {
            if let index = higherIsBetter.firstIndex(of: part) { best = min(best ?? index * 2, index * 2) }
            if let index = lowerIsBetter.firstIndex(of: part) { best = min(best ?? index * 2 + 1, index * 2 + 1) }
        }
        // Training-time names ("train_loss") come after evaluation ones.
        if let rank = best, parts.contains("train") || parts.contains("training") { return rank + 1000 }
        return best
    }

    private static func lookup(_ name: String) -> Bool? {
        if higherIsBetter.contains(name) { return true }
        if lowerIsBetter.contains(name) { return false }
        return nil
    }
}
