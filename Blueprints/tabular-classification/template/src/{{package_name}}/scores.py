"""Metrics on class probabilities, in the weighted, vectorised form impact.bootstrap expects.

The systems' predictions reach the metrics as a (rows, labels) matrix of class
probabilities, columns in sorted label order (`probabilities` is the task's
predict hook). Ranking metrics (ROC-AUC, average precision) read the
probabilities; the others read the predicted label (the most probable one).

With two labels the ranking metrics and F1 are about the positive label; with
more they are one-vs-rest macro averages (as scikit-learn's average="macro").
Every metric scores all bootstrap resamples at once: rows are sorted by score
once, tied scores are grouped, and each resample only reweights the groups.
"""

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from .impact import metrics
from .impact.bootstrap import Metric

BinaryScore = Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray]


def probabilities(model: Any, X: Any) -> np.ndarray:
    """The task's predict hook: model.predict_proba(X), columns in sorted label order."""
    proba = np.asarray(model.predict_proba(X), dtype=float)
    classes = getattr(model, "classes_", None)
    if classes is not None:
        proba = proba[:, np.argsort(np.asarray(classes).astype(str), kind="stable")]
    return proba


def _tie_groups(score: np.ndarray, positive: np.ndarray, weights: np.ndarray,
                descending: bool) -> tuple[np.ndarray, np.ndarray]:
    """Per resample, the weight of positive and negative rows at each distinct score, in score order."""
    order = np.argsort(-score if descending else score, kind="stable")
    ordered = score[order]
    starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
    w = weights[:, order]
    pos = positive[order]
    return (np.add.reduceat(w * pos, starts, axis=1), np.add.reduceat(w * ~pos, starts, axis=1))


def binary_roc_auc(score: np.ndarray, positive: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """P(a positive scores above a negative), ties counting half; NaN without both classes."""
    pos, neg = _tie_groups(score, positive, weights, descending=False)
    below = np.cumsum(neg, axis=1) - neg
    pairs = pos.sum(axis=1) * neg.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(pairs > 0, (pos * (below + 0.5 * neg)).sum(axis=1) / pairs, np.nan)


def binary_average_precision(score: np.ndarray, positive: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Mean precision at each threshold, weighted by the recall it adds; NaN without positives."""
    pos, neg = _tie_groups(score, positive, weights, descending=True)
    tp, fp = np.cumsum(pos, axis=1), np.cumsum(neg, axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        precision = np.where(tp + fp > 0, tp / (tp + fp), 0.0)
        total = pos.sum(axis=1)
        return np.where(total > 0, (pos * precision).sum(axis=1) / total, np.nan)


def _mean_over_classes(per_class: list[np.ndarray]) -> np.ndarray:
    """Mean over classes, skipping classes undefined (NaN) in a resample."""
    stacked = np.stack(per_class)
    defined = np.isfinite(stacked)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean: np.ndarray = np.where(defined, stacked, 0.0).sum(axis=0) / defined.sum(axis=0)
    return mean


def ranking(fn: BinaryScore, labels: Sequence[str], positive: str | None) -> Metric:
    """A ranking metric of the positive label's probability (binary) or its macro one-vs-rest mean."""
    names = list(labels)
    columns = [names.index(positive)] if positive is not None else list(range(len(names)))

    def metric(y_true: Any, y_pred: Any, weights: np.ndarray) -> np.ndarray:
        truth, proba = np.asarray(y_true), np.asarray(y_pred, dtype=float)
        return _mean_over_classes([fn(proba[:, j], truth == names[j], weights) for j in columns])
    return metric


def on_predicted_label(metric: Metric, labels: Sequence[str]) -> Metric:
    """Apply a label metric (y_true, y_pred labels, weights) to the most probable label."""
    names = np.asarray(labels)

    def wrapped(y_true: Any, y_pred: Any, weights: np.ndarray) -> np.ndarray:
        return np.asarray(metric(y_true, names[np.argmax(np.asarray(y_pred, dtype=float), axis=1)], weights))
    return wrapped


def balanced_accuracy(y_true: Any, y_pred: Any, weights: np.ndarray) -> np.ndarray:
    """Mean recall over the labels present in each resample."""
    truth, predicted = np.asarray(y_true), np.asarray(y_pred)
    recalls = []
    for label in np.unique(truth):
        actual = (truth == label).astype(float)
        with np.errstate(invalid="ignore", divide="ignore"):
            recalls.append((weights @ (actual * (predicted == label))) / (weights @ actual))
    return _mean_over_classes(recalls)


def probability_metrics(labels: Sequence[str], positive: str | None) -> dict[str, Metric]:
    """roc_auc (primary), average_precision, f1, balanced_accuracy, accuracy.

    `positive`: the positive label of binary data; None for one-vs-rest macro averages.
    """
    f1 = metrics.class_f1(positive) if positive is not None else metrics.macro_f1
    return {
        "roc_auc": ranking(binary_roc_auc, labels, positive),
        "average_precision": ranking(binary_average_precision, labels, positive),
        "f1": on_predicted_label(f1, labels),
        "balanced_accuracy": on_predicted_label(balanced_accuracy, labels),
        "accuracy": on_predicted_label(metrics.accuracy, labels),
    }
