"""Production costs of a fitted system: latency per unit, throughput, size on disk."""

import pickle
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np


def take(X: Any, index: int) -> Any:
    """The test input of one unit, in the container type of X (list, array, DataFrame)."""
    if hasattr(X, "iloc"):
        return X.iloc[index : index + 1]
    return X[index : index + 1]


def sample_rows(n_rows: int, groups: Sequence[Any] | None, sample: int) -> list[int]:
    """Rows to time one at a time: up to `sample` rows spread evenly over the test split, or, when the
    test rows are resampled in groups (a unit is a group), the first row of up to `sample` groups."""
    if groups is None:
        starts = list(range(n_rows))
    else:
        first: dict[Any, int] = {}
        for i, g in enumerate(groups):
            first.setdefault(g, i)
        starts = list(first.values())
    if not starts or sample <= 0:
        return []
    picks = np.unique(np.linspace(0, len(starts) - 1, min(sample, len(starts))).astype(int))
    return [starts[int(i)] for i in picks]


def latency_ms(
    predict: Callable[[Any, Any], Any], model: Any, X: Any, rows: Sequence[int],
    one: Callable[[Any, int], Any] = take,
) -> dict[str, float] | None:
    """p50 and p95 in milliseconds of predicting a single unit (`one(X, row)`) for each of `rows`;
    None without rows, when single units cannot be selected from X, or when the model says timing
    single units means nothing (`measure_latency = False`, e.g. a cached API client)."""
    if not rows or getattr(model, "measure_latency", True) is False:
        return None
    try:
        inputs = [one(X, int(i)) for i in rows]
    except (TypeError, KeyError, IndexError, AttributeError):
        return None
    predict(model, inputs[0])  # warm up caches once
    times = []
    for x in inputs:
        started = time.perf_counter()
        predict(model, x)
        times.append((time.perf_counter() - started) * 1000)
    p50, p95 = np.percentile(times, [50, 95])
    return {"p50": round(float(p50), 4), "p95": round(float(p95), 4)}


def extra(model: Any) -> dict[str, Any]:
    """Costs only the model knows (`extra_costs() -> dict`, e.g. tokens, requests, money), JSON-able."""
    method = getattr(model, "extra_costs", None)
    if not callable(method):
        return {}
    found = method()
    return dict(found) if isinstance(found, dict) else {}


def model_bytes(model: Any, checkpoint: dict[str, Any] | None = None, root: Path | None = None) -> int | None:
    """Bytes of the saved checkpoint directory (when the system has one) or of the pickled model."""
    if checkpoint and checkpoint.get("path") and root is not None:
        where = root / str(checkpoint["path"])
        if where.is_dir():
            return sum(f.stat().st_size for f in where.rglob("*") if f.is_file())
        if where.is_file():
            return where.stat().st_size
    try:
        return len(pickle.dumps(model, protocol=pickle.HIGHEST_PROTOCOL))
    except Exception:  # noqa: BLE001 - unpicklable models (open handles, lambdas): size unknown
        return None


def device(model: Any) -> str | None:
    """The device a model runs on: its own `device` attribute when it has one, else "cpu"."""
    found = getattr(model, "device", None)
    return "cpu" if found is None else str(found).split(":", 1)[0]
