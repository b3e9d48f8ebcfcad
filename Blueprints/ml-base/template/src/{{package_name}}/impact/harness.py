"""The evaluation harness: fit, score, bootstrap, log and print, for any task.

A task (see the package's task.py) supplies the split, a baseline, a candidate,
its metrics and which one is primary. The harness fits both systems on the
same training data, scores them on the same test rows, computes seeded
bootstrap intervals for every metric and a paired interval for the
candidate-minus-baseline difference of the primary metric, and appends one
record per system to the impact log.
"""

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import numpy as np
from threadpoolctl import threadpool_limits

from .. import settings
from . import ImpactError, cli, fingerprint, gitinfo, log, report
from .bootstrap import Metric, Result, bootstrap
from .report import headline


@dataclass
class Split:
    """Training and test data. `groups`: the resampling unit of each test row (None: the row)."""

    X_train: Any
    y_train: Sequence
    X_test: Any
    y_test: Sequence
    groups: Sequence | None = None


@dataclass
class System:
    """Something to evaluate: `model` has fit(X, y) and predict(X); `params` are logged."""

    name: str
    model: Any
    params: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Task:
    name: str
    load_split: Callable[[Path], Split]  # called with the processed-data directory
    baseline: Callable[[int], System]  # called with the seed
    candidate: Callable[[int], System]
    metrics: Callable[[Split], dict[str, Metric]]
    primary_metric: str
    greater_is_better: bool
    metric_labels: dict[str, str] = field(default_factory=dict)  # for prose: {"macro_f1": "macro-F1"}
    test_units: str = "held-out examples"  # "on 120 held-out examples"
    # What the metrics receive as y_pred, e.g. lambda model, X: model.predict_proba(X)[:, 1] for ROC-AUC
    predict: Callable[[Any, Any], Sequence] = lambda model, X: model.predict(X)
    # Extra figures for IMPACT.md, drawn by each evaluation from its test predictions:
    # figures(split, systems, predictions, directory) gets the systems and their predictions by role
    # ("baseline", "candidate"), writes SVG files into `directory` (beside IMPACT.md) and returns
    # [(title, file name)]; the report shows the figures of the latest run below its tables.
    figures: Callable[[Split, dict[str, System], dict[str, np.ndarray], Path],
                      list[tuple[str, str]]] | None = None

    def label(self, metric: str) -> str:
        return self.metric_labels.get(metric, metric)


def _num(x: float) -> float | None:
    return None if x is None or not np.isfinite(x) else round(float(x), 6)


def _jsonable(params: dict, system: str) -> dict:
    try:
        return json.loads(json.dumps(params))
    except (TypeError, ValueError) as exc:
        raise ImpactError(f"params of system {system!r} cannot be logged as JSON: {exc}") from None


def improved(ci: tuple[float, float], greater_is_better: bool) -> bool:
    """Whether the whole interval of candidate - baseline lies on the better side of 0."""
    return ci[0] > 0 if greater_is_better else ci[1] < 0


def _records(task: Task, result: Result, systems: dict[str, System], *, manifest: dict,
             git: dict, seed: int, test_evaluations: int) -> list[dict]:
    run = log.new_id()[:12]
    stamp = datetime.now(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")
    outputs = manifest["outputs"]
    common = {
        "run": run, "timestamp": stamp, "task": task.name, "git": git,
        "data": {"fingerprint": manifest["fingerprint"],
                 "test_fingerprint": "sha256:" + outputs["test"]["sha256"],
                 "rows": {name: e["rows"] for name, e in outputs.items()}},
        "seed": seed, "primary_metric": task.primary_metric,
        "greater_is_better": task.greater_is_better, "test_evaluations": test_evaluations,
        "bootstrap": {"resamples": result.n_resamples, "units": result.n_units,
                      "method": "percentile", "paired": True},
    }
    records: list[dict] = []
    for role, system in systems.items():
        comparison = None
        if role == "candidate":
            base = systems["baseline"].name
            delta, ci = result.delta(task.primary_metric, system.name, base)
            comparison = {
                "metric": task.primary_metric, "baseline_id": records[0]["id"],
                "baseline_system": base,
                "baseline": _num(result.point[base][task.primary_metric]),
                "candidate": _num(result.point[system.name][task.primary_metric]),
                "delta": _num(delta), "ci95": [_num(ci[0]), _num(ci[1])],
                "improved": improved(ci, task.greater_is_better),
            }
        metrics = {m: {"value": _num(v), "ci95": [_num(c) for c in result.ci(system.name, m)]}
                   for m, v in result.point[system.name].items()}
        records.append({"schema": log.SCHEMA, "id": log.new_id(), **common, "role": role,
                        "system": system.name, "params": _jsonable(system.params, system.name),
                        "metrics": metrics, "comparison": comparison})
    return records


def _table(task: Task, result: Result, names: list[str]) -> list[str]:
    def cell(s: str, m: str) -> str:
        lo, hi = result.ci(s, m)
        return f"{result.point[s][m]:.3f} [{lo:.3f}, {hi:.3f}]"

    width = max(len(m) for m in result.point[names[0]]) + 4
    lines = [("  " + "metric".ljust(width) + "".join(n[:24].ljust(26) for n in names)).rstrip()]
    for m in result.point[names[0]]:
        mark = " *" if m == task.primary_metric else ""
        cells = "".join(cell(n, m).ljust(26) for n in names)
        lines.append(("  " + (m + mark).ljust(width) + cells).rstrip())
    better = "greater" if task.greater_is_better else "lower"
    lines.append(f"  (* primary metric, {better} is better; value [95% CI])")
    return lines


def _draw_figures(task: Task, split: Split, systems: dict[str, System], predictions: dict[str, np.ndarray],
                  root: Path) -> list[tuple[str, str]]:
    """Task.figures for this run (nothing without it): [(title, file name in impact/)]."""
    if not task.figures:
        return []
    directory = (root / settings.FIGURES).parent  # impact/, beside IMPACT.md
    directory.mkdir(parents=True, exist_ok=True)
    by_role = {role: predictions[system.name] for role, system in systems.items()}
    return [(str(title), str(file)) for title, file in task.figures(split, systems, by_role, directory)]


def evaluate(task: Task, root: Path, *, seed: int = settings.SEED,
             n_resamples: int = settings.BOOTSTRAP_RESAMPLES, log_path: Path | None = None,
             out: Callable[[str], object] = print) -> list[dict]:
    """Evaluate baseline and candidate, append their records to the log, return them."""
    if n_resamples < 100:
        raise ImpactError(f"--resamples {n_resamples} is too few for a 95% interval: use 1000 or more")
    log_path = log_path or root / settings.LOG
    pkg = __package__.rsplit(".", 1)[0]
    manifest = fingerprint.load_manifest(root, root / settings.MANIFEST,
                                         make_data=f"python -m {pkg}.pipeline")
    if "test" not in manifest["outputs"]:
        raise ImpactError("the data manifest has no 'test' split: the pipeline must write one")
    split = task.load_split(root / settings.PROCESSED_DIR)
    metrics = task.metrics(split)
    if task.primary_metric not in metrics:
        raise ImpactError(f"primary metric {task.primary_metric!r} is not among the task's metrics "
                          f"({', '.join(metrics)})")
    systems = {"baseline": task.baseline(seed), "candidate": task.candidate(seed)}
    if systems["baseline"].name == systems["candidate"].name:
        raise ImpactError(f"baseline and candidate are both named {systems['baseline'].name!r}: "
                          "give the candidate its own name in models.py")
    rows = manifest["outputs"]
    out(f"evaluate: {task.name}: " + " / ".join(f"{e['rows']} {n}" for n, e in rows.items())
        + f" rows, data {manifest['fingerprint'][:19]}")
    predictions = {}
    with threadpool_limits(limits=settings.BLAS_THREADS, user_api="blas"):
        for role, system in systems.items():
            started = time.perf_counter()
            system.model.fit(split.X_train, split.y_train)
            predictions[system.name] = np.asarray(task.predict(system.model, split.X_test))
            out(f"  {role:<9} {system.name}: fitted and scored in {time.perf_counter() - started:.2f} s")
        result = bootstrap(metrics, split.y_test, predictions, n_resamples=n_resamples, seed=seed,
                           groups=split.groups)
    unit = "test rows" if split.groups is None else "groups"
    out(f"  bootstrap: {n_resamples} seeded resamples (seed {seed}) of {result.n_units} {unit}, "
        "paired across systems")
    test_fp = "sha256:" + rows["test"]["sha256"]
    with log.locked(log_path) as impact_log:
        seen = {r.get("run") for r in impact_log.records()
                if r.get("data", {}).get("test_fingerprint") == test_fp}
        records = _records(task, result, systems, manifest=manifest, git=gitinfo.info(root),
                           seed=seed, test_evaluations=len(seen) + 1)
        drawn = _draw_figures(task, split, systems, predictions, root)
        impact_log.extend(records)  # one write: a crash never leaves half a run
    if task.figures:
        report.write_figures(root / settings.FIGURES, records[0]["run"], drawn)
    if drawn:
        out(f"  drew {', '.join(f for _, f in drawn)} in {settings.FIGURES.parent.as_posix()}/")
    out("")
    for line in _table(task, result, list(predictions)):
        out(line)
    out("")
    out("  " + headline(records[-1], task.label(task.primary_metric), task.test_units))
    times = records[0]["test_evaluations"]
    out(f"  logged {len(records)} records (baseline, candidate) to {cli.rel(log_path, root)}; "
        f"this test split has now been scored {times} time{'s' if times > 1 else ''}")
    return records
