"""Seeded, vectorised bootstrap: confidence intervals and paired comparisons.

A metric is any function `metric(y_true, y_pred, weights) -> array of shape (B,)`
where `weights` is a (B, n) array: row b says how many times each of the n test
rows appears in resample b (all ones = the plain test set). Written with numpy,
one call scores every resample at once; `resampled()` adapts an ordinary
`fn(y_true, y_pred) -> float` when there is no vectorised form.

Resampling units: by default each test row is drawn independently. Pass
`groups` (one label per test row, e.g. a user id) to draw whole groups, so rows
of a group stay together in every resample.

Comparisons are paired: every system is scored on the same resamples, so the
interval of a difference accounts for the systems sharing their test rows.
"""

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

Metric = Callable[[Any, Any, np.ndarray], np.ndarray]

# Keep each (resamples x rows) block of weights around 16 MB.
_BLOCK_CELLS = 2_000_000


def resample_weights(n_units: int, n_resamples: int, rng: np.random.Generator) -> np.ndarray:
    """(n_resamples, n_units) counts: how often each unit is drawn in n_units draws with replacement."""
    draws = rng.integers(0, n_units, size=(n_resamples, n_units))
    draws += np.arange(n_resamples)[:, None] * n_units  # a separate bin range per resample
    counts = np.bincount(draws.ravel(), minlength=n_resamples * n_units)
    return counts.reshape(n_resamples, n_units).astype(float)


def _blocks(n_rows: int, groups: Sequence[Any] | None, n_resamples: int, seed: int) -> Iterator[np.ndarray]:
    """Yield row-weight blocks whose rows together make `n_resamples` resamples."""
    if groups is None:
        inverse, n_units = None, n_rows
    else:
        if len(groups) != n_rows:
            raise ValueError(f"groups has {len(groups)} entries for {n_rows} rows")
        _, inverse = np.unique(np.asarray(groups), return_inverse=True)
        n_units = int(inverse.max()) + 1
    rng = np.random.default_rng(seed)
    step = max(1, _BLOCK_CELLS // max(n_units, 1))
    for start in range(0, n_resamples, step):
        w = resample_weights(n_units, min(step, n_resamples - start), rng)
        yield w if inverse is None else w[:, inverse]


def percentile_ci(samples: np.ndarray, level: float = 0.95) -> tuple[float, float]:
    """Percentile interval of bootstrap samples (resamples where a metric is undefined are skipped)."""
    tail = (1 - level) / 2 * 100
    low, high = np.nanpercentile(samples, [tail, 100 - tail])
    return float(low), float(high)


@dataclass
class Result:
    """Point estimates and bootstrap samples, per system and metric."""

    point: dict[str, dict[str, float]]
    samples: dict[str, dict[str, np.ndarray]]
    n_units: int
    n_resamples: int
    seed: int

    def ci(self, system: str, metric: str, level: float = 0.95) -> tuple[float, float]:
        return percentile_ci(self.samples[system][metric], level)

    def delta(self, metric: str, candidate: str, baseline: str,
              level: float = 0.95) -> tuple[float, tuple[float, float]]:
        """candidate - baseline on `metric`: point estimate and paired percentile interval."""
        point = self.point[candidate][metric] - self.point[baseline][metric]
        diff = self.samples[candidate][metric] - self.samples[baseline][metric]
        return point, percentile_ci(diff, level)


def bootstrap(metrics: Mapping[str, Metric], y_true: Any, predictions: Mapping[str, Any],
              *, n_resamples: int, seed: int, groups: Sequence[Any] | None = None) -> Result:
    """Score every system in `predictions` {name: y_pred} with every metric, on the
    full test set and on the same `n_resamples` seeded resamples."""
    n = len(y_true)
    if n == 0:
        raise ValueError("cannot bootstrap an empty test set")
    for name, y_pred in predictions.items():
        if len(y_pred) != n:
            raise ValueError(f"{name}: {len(y_pred)} predictions for {n} test rows")
    ones = np.ones((1, n))
    point = {s: {m: float(fn(y_true, p, ones)[0]) for m, fn in metrics.items()}
             for s, p in predictions.items()}
    parts: dict[str, dict[str, list[np.ndarray]]] = {s: {m: [] for m in metrics} for s in predictions}
    for w in _blocks(n, groups, n_resamples, seed):
        for s, p in predictions.items():
            for m, fn in metrics.items():
                parts[s][m].append(np.asarray(fn(y_true, p, w), dtype=float))
    samples = {s: {m: np.concatenate(v) for m, v in ms.items()} for s, ms in parts.items()}
    n_units = n if groups is None else len(set(groups))
    return Result(point, samples, n_units, n_resamples, seed)


def bootstrap_ci(metric: Metric, y_true: Any, y_pred: Any, *, n_resamples: int = 2000,
                 seed: int = 0, groups: Sequence[Any] | None = None,
                 level: float = 0.95) -> tuple[float, tuple[float, float]]:
    """Point estimate and percentile interval of one metric for one system."""
    r = bootstrap({"m": metric}, y_true, {"s": y_pred}, n_resamples=n_resamples, seed=seed, groups=groups)
    return r.point["s"]["m"], r.ci("s", "m", level)


def resampled(fn: Callable[[np.ndarray, np.ndarray], float]) -> Metric:
    """Adapt a plain `fn(y_true, y_pred) -> float` (slower: one call per resample)."""
    def metric(y_true: Any, y_pred: Any, weights: np.ndarray) -> np.ndarray:
        y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
        rows = np.arange(len(y_true))
        out = np.empty(len(weights))
        for b, w in enumerate(weights):
            idx = np.repeat(rows, np.rint(w).astype(int))
            out[b] = fn(y_true[idx], y_pred[idx])
        return out
    metric.__name__ = getattr(fn, "__name__", "metric")
    return metric
