"""Production costs of a fitted system: latency per unit, throughput, size on disk."""

import pickle
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np


def take(X: Any, index: int) -> Any:
    """The test input of one unit, in the container type of X (list, array, DataFrame)."""
    if hasattr(X, "iloc"):
        return X.iloc[index : index + 1]
    return X[index : index + 1]


def latency_ms(
    predict: Callable[[Any, Any], Any],
    model: Any,
    X: Any,
    n_units: int,
    sample: int,
    one: Callable[[Any, int], Any] = take,
) -> dict[str, float] | None:
    """p50 and p95 in milliseconds of predicting a single unit, over up to `sample` units spread
    evenly over the test split; None when single units cannot be selected from X."""
    if n_units == 0 or sample <= 0:
        return None
    picks = np.unique(np.linspace(0, n_units - 1, min(sample, n_units)).astype(int))
    try:
        inputs = [one(X, int(i)) for i in picks]
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
