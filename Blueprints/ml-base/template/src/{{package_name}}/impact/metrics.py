"""Weighted, vectorised metrics in the form `impact.bootstrap` expects.

Each metric takes (y_true, y_pred, weights) with weights of shape (B, n) and
returns B values, one per resample; with weights of ones it is the usual
metric. Classification metrics count per-class true/false positives with one
matrix product, so thousands of resamples cost milliseconds.
"""

from collections.abc import Callable, Iterable
from typing import Any

import numpy as np

from .bootstrap import Metric


def mean_of(score: Callable[[np.ndarray, np.ndarray], np.ndarray]) -> Metric:
    """Metric = weighted mean of a per-row score(y_true, y_pred) -> array of n floats."""
    def metric(y_true: Any, y_pred: Any, weights: np.ndarray) -> np.ndarray:
        s = np.asarray(score(np.asarray(y_true), np.asarray(y_pred)), dtype=float)
        result: np.ndarray = weights @ s / weights.sum(axis=1)
        return result
    return metric


accuracy = mean_of(lambda t, p: t == p)


def _counts(y_true: Any, y_pred: Any,
            weights: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Labels and per-resample, per-class (true positives, predicted, actual) counts."""
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    labels, codes = np.unique(np.concatenate([y_true, y_pred]), return_inverse=True)
    t, p = codes[: len(y_true)], codes[len(y_true):]
    eye = np.eye(len(labels))
    actual, predicted = eye[t], eye[p]
    tp = weights @ (actual * predicted)
    return labels, tp, weights @ predicted, weights @ actual


def _f1(tp: np.ndarray, predicted: np.ndarray, actual: np.ndarray) -> np.ndarray:
    """Per-class F1; NaN where a class neither occurs nor is predicted in a resample."""
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(predicted + actual > 0, 2 * tp / (predicted + actual), np.nan)


def macro_f1(y_true: Any, y_pred: Any, weights: np.ndarray) -> np.ndarray:
    """Unweighted mean of per-class F1 over the classes present (as scikit-learn's average="macro")."""
    f1 = _f1(*_counts(y_true, y_pred, weights)[1:])
    with np.errstate(invalid="ignore"):
        result: np.ndarray = np.nanmean(f1, axis=1)
    return result


def class_f1(label: Any) -> Metric:
    """F1 of one class (NaN in resamples where that class is absent and never predicted)."""
    def metric(y_true: Any, y_pred: Any, weights: np.ndarray) -> np.ndarray:
        labels, tp, predicted, actual = _counts(y_true, y_pred, weights)
        where = np.flatnonzero(labels == label)
        if not len(where):
            return np.full(len(weights), np.nan)
        return _f1(tp, predicted, actual)[:, where[0]]
    return metric


def classification(labels: Iterable[Any]) -> dict[str, Metric]:
    """macro_f1, accuracy and one f1[label] per class."""
    metrics: dict[str, Metric] = {"macro_f1": macro_f1, "accuracy": accuracy}
    metrics.update({f"f1[{label}]": class_f1(label) for label in sorted(labels)})
    return metrics
