"""The evaluation harness: fit, score, bootstrap, compare, log and print, for any task.

A task (see the package's task.py) supplies the split, a ladder of baselines (weakest first, at
least two), a candidate built from parameters (tuned on validation by `tune`, or its defaults),
its metrics and which one is primary. The harness fits every system on the same training data,
scores them on the same test units, computes seeded bootstrap intervals for every metric, paired
intervals for the candidate minus each baseline (the headline uses the strongest baseline) and
for the candidate minus the best earlier candidate on the same test split (from the stored
predictions), measures costs (fit time, latency per unit, throughput, size), and appends one
impact-log/2 record per system to the log in one write.
"""

import argparse
import hashlib
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
from . import ImpactError, cli, costs, environment, fingerprint, gitinfo, log, predictions, report, tuning
from .bootstrap import Metric, Result, bootstrap
from .report import headline


@dataclass
class Split:
    """Train, validation and test data. `groups`: the resampling unit of each test row (None: the
    row). Tuning loads the split with include_test=False: then X_test and y_test are empty."""

    X_train: Any
    y_train: Sequence[Any]
    X_val: Any
    y_val: Sequence[Any]
    X_test: Any
    y_test: Sequence[Any]
    groups: Sequence[Any] | None = None


@dataclass
class System:
    """Something to evaluate: `model` has fit(X, y) and predict(X) (with `fit_with_validation = True`
    the harness calls fit(X, y, X_val=..., y_val=...)); `params` are logged; `seed_dependent`:
    False when refitting with another seed changes nothing (skipped by --seeds)."""

    name: str
    model: Any
    params: dict[str, Any] = field(default_factory=dict)
    seed_dependent: bool = True
    checkpoint: dict[str, Any] | None = None  # {"source": "hub:NAME" | "local:PATH", "path": "models/..."}


def _predict(model: Any, X: Any) -> Any:
    return model.predict(X)


@dataclass(frozen=True)
class Task:
    name: str
    # load_split(processed_dir, include_test=True) -> Split; with include_test=False it must not
    # open the test file (tune runs with it absent) and returns empty X_test / y_test.
    load_split: Callable[..., Split]
    baselines: Callable[[int], list[System]]  # seed -> the ladder, weakest first; at least two
    candidate: Callable[[int, dict[str, Any]], System]  # (seed, params) -> the candidate
    metrics: Callable[[Split], dict[str, Metric]]
    primary_metric: str
    greater_is_better: bool
    default_params: dict[str, Any] = field(default_factory=dict)  # models.DEFAULT_PARAMS
    search_space: dict[str, list[Any]] = field(default_factory=dict)  # models.SEARCH_SPACE, a small grid
    metric_labels: dict[str, str] = field(default_factory=dict)  # for prose: {"macro_f1": "macro-F1"}
    test_units: str = "held-out examples"  # "on 120 held-out examples"
    unit: str = "example"  # singular noun of one unit, e.g. "review"
    hub_task: str = "other"  # Hugging Face task type for the model card, e.g. "text-classification"
    # What the metrics receive as y_pred, e.g. lambda model, X: model.predict_proba(X)[:, 1] for ROC-AUC
    predict: Callable[[Any, Any], Any] = _predict
    # Extra figures for IMPACT.md, drawn by each evaluation from its test predictions:
    # figures(split, systems, predictions, directory) gets {"baseline": strongest baseline,
    # "candidate": candidate} and their predictions by the same keys, writes PNG (+ SVG) files into
    # `directory` (beside IMPACT.md; impact.chart.save helps) and returns [(title, file name)].
    figures: (
        Callable[[Split, dict[str, System], dict[str, np.ndarray], Path], list[tuple[str, str]]] | None
    ) = None
    tune_split: str = "validation"  # or "cross-validation" (then tune_score is required)
    tune_score: Callable[[Split, System], float] | None = None  # CV score of a system inside train
    # One unit of X_test for latency measurements (default: X[i:i+1], or .iloc for DataFrames)
    take_unit: Callable[[Any, int], Any] = costs.take
    # Extra command-line options of `evaluate` (e.g. --max-cost): options(parser) adds them,
    # configure(args) receives the parsed arguments before the evaluation starts.
    options: Callable[[argparse.ArgumentParser], None] | None = None
    configure: Callable[[argparse.Namespace], None] | None = None

    def label(self, metric: str) -> str:
        return self.metric_labels.get(metric, metric)


def _num(x: float | None) -> float | None:
    return None if x is None or not np.isfinite(x) else round(float(x), 6)


def improved(ci: tuple[float, float], greater_is_better: bool) -> bool:
    """Whether the whole interval of candidate - baseline lies on the better side of 0."""
    return ci[0] > 0 if greater_is_better else ci[1] < 0


def regressed(ci: tuple[float, float], greater_is_better: bool) -> bool:
    """Whether the whole interval lies on the worse side of 0."""
    return ci[1] < 0 if greater_is_better else ci[0] > 0


def strongest(values: dict[str, float], greater_is_better: bool) -> str:
    """The system with the best point value (ties and NaN: the later one in the ladder wins ties)."""
    sign = 1.0 if greater_is_better else -1.0
    ranked = [
        (sign * v if np.isfinite(v) else -np.inf, i, name) for i, (name, v) in enumerate(values.items())
    ]
    return max(ranked)[2]


@dataclass
class _Fitted:
    system: System
    role: str
    predictions: np.ndarray
    costs: dict[str, Any]
    seeds: list[int]
    spread: list[float] | None


def _fit_and_score(task: Task, split: Split, system: System, root: Path) -> tuple[np.ndarray, dict[str, Any]]:
    started = time.perf_counter()
    tuning.fit(system, split)
    fit_seconds = time.perf_counter() - started
    started = time.perf_counter()
    predicted = np.asarray(task.predict(system.model, split.X_test))
    predict_seconds = time.perf_counter() - started
    rows = costs.sample_rows(len(split.y_test), split.groups, settings.LATENCY_SAMPLE)
    latency = costs.latency_ms(task.predict, system.model, split.X_test, rows, task.take_unit)
    n = len(split.y_test) if split.groups is None else len(set(split.groups))
    found: dict[str, Any] = {
        "fit_seconds": round(fit_seconds, 4),
        "predict_seconds": round(predict_seconds, 4),
        "latency_ms": latency,
        "throughput_per_s": round(n / predict_seconds, 2) if predict_seconds > 0 else None,
        "model_bytes": costs.model_bytes(system.model, system.checkpoint, root),
        "device": costs.device(system.model),
    }
    for key, value in costs.extra(system.model).items():
        found.setdefault(key, value)  # model-reported costs never replace the measured ones
    if latency is None and isinstance(found.get("api_latency_ms"), dict):
        found["latency_ms"] = found["api_latency_ms"]
    return predicted, found


def _data_card_source(root: Path) -> str | None:
    try:
        text = (root / settings.DATA_CARD).read_text(encoding="utf-8")
    except OSError:
        return None
    for line in text.splitlines():
        stripped = line.strip().lstrip("-* ").replace("**", "")
        if stripped.lower().startswith("source:"):
            return stripped.split(":", 1)[1].strip() or None
    return None


def _is_example(root: Path, manifest: dict[str, Any]) -> bool:
    try:
        shipped = (root / settings.EXAMPLE_FINGERPRINT).read_text(encoding="utf-8").strip()
    except OSError:
        return False
    return shipped == manifest.get("input_fingerprint")


def data_entry(root: Path, manifest: dict[str, Any]) -> dict[str, Any]:
    outputs = manifest["outputs"]
    validation = outputs.get("validation")
    return {
        "fingerprint": manifest["fingerprint"],
        "test_fingerprint": "sha256:" + outputs["test"]["sha256"],
        "validation_fingerprint": "sha256:" + validation["sha256"] if validation else None,
        "raw_fingerprint": manifest.get("input_fingerprint"),
        "rows": {name: e["rows"] for name, e in outputs.items()},
        "example": _is_example(root, manifest),
        "source": _data_card_source(root),
        "leakage": manifest.get("leakage"),
    }


def config_fingerprint(code: str, systems: dict[str, dict[str, Any]], data: str, seeds: list[int]) -> str:
    """sha256 of what decides the test scores: the code (fingerprint.code_fingerprint: src/ and
    pyproject.toml, so committing the log is not a new configuration), every system's params, data, seeds."""
    text = json.dumps({"code": code, "systems": systems, "data": data, "seeds": seeds}, sort_keys=True)
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest()


def _comparison(
    result: Result, metric: str, candidate: str, baseline: str, baseline_id: str, greater: bool
) -> dict[str, Any]:
    delta, ci = result.delta(metric, candidate, baseline)
    return {
        "metric": metric,
        "baseline_id": baseline_id,
        "baseline_system": baseline,
        "baseline": _num(result.point[baseline][metric]),
        "candidate": _num(result.point[candidate][metric]),
        "delta": _num(delta),
        "ci95": [_num(ci[0]), _num(ci[1])],
        "improved": improved(ci, greater),
    }


def _previous_best(
    task: Task,
    root: Path,
    earlier: list[dict[str, Any]],
    test_fp: str,
    split: Split,
    latest: Any,
    metric: Metric,
    n_resamples: int,
    seed: int,
    env: dict[str, Any],
) -> dict[str, Any] | None:
    """Paired bootstrap of the latest candidate vs the best earlier candidate on this test split
    (best point value of the primary metric; ties: the later run), from its stored predictions."""
    sign = 1.0 if task.greater_is_better else -1.0
    run_numbers: dict[str, int] = {}
    for r in earlier:
        run_numbers.setdefault(r["run"], len(run_numbers) + 1)
    scored = []
    for position, r in enumerate(earlier):
        value = (r.get("metrics", {}).get(task.primary_metric) or {}).get("value")
        if (
            r.get("role") == "candidate"
            and r.get("data", {}).get("test_fingerprint") == test_fp
            and r.get("predictions")
            and value is not None
        ):
            scored.append((sign * value, position, r))
    for _, _, best in sorted(scored, key=lambda item: (item[0], item[1]), reverse=True):
        previous = predictions.load(root, best["predictions"], split.y_test)
        if previous is None or previous.shape != latest.shape:
            continue  # the file is gone or changed: try the next best
        result = bootstrap(
            {task.primary_metric: metric},
            split.y_test,
            {"latest": latest, "previous": previous},
            n_resamples=n_resamples,
            seed=seed,
            groups=split.groups,
        )
        delta, ci = result.delta(task.primary_metric, "latest", "previous")
        return {
            "run": best["run"],
            "run_number": run_numbers[best["run"]],
            "id": best["id"],
            "system": best["system"],
            "metric": task.primary_metric,
            "previous": _num(result.point["previous"][task.primary_metric]),
            "candidate": _num(result.point["latest"][task.primary_metric]),
            "delta": _num(delta),
            "ci95": [_num(ci[0]), _num(ci[1])],
            "improved": improved(ci, task.greater_is_better),
            "regressed": regressed(ci, task.greater_is_better),
            "environment_differs": bool(environment.differences(best.get("environment"), env)),
        }
    return None


def _seed_spread(
    task: Task, split: Split, make: Callable[[int], System], seeds: list[int], first: Any, metric: Metric
) -> list[float]:
    """Primary metric on test for each seed (the first seed's predictions are reused)."""
    ones = np.ones((1, len(split.y_test)))
    values = [float(metric(split.y_test, first, ones)[0])]
    for s in seeds[1:]:
        system = make(s)
        tuning.fit(system, split)
        values.append(
            float(metric(split.y_test, np.asarray(task.predict(system.model, split.X_test)), ones)[0])
        )
    return values


def _spread_entry(metric: str, values: list[float] | None) -> dict[str, Any] | None:
    if not values or len(values) < 2:
        return None
    arr = np.asarray(values, dtype=float)
    return {
        "metric": metric,
        "values": [_num(v) for v in values],
        "mean": _num(float(np.nanmean(arr))),
        "min": _num(float(np.nanmin(arr))),
        "max": _num(float(np.nanmax(arr))),
        "std": _num(float(np.nanstd(arr, ddof=1))),
    }


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


def _draw_figures(
    task: Task, split: Split, systems: dict[str, System], preds: dict[str, np.ndarray], root: Path
) -> list[tuple[str, str]]:
    """Task.figures for this run (nothing without it): [(title, file name in impact/)]."""
    if not task.figures:
        return []
    directory = (root / settings.FIGURES).parent  # impact/, beside IMPACT.md
    directory.mkdir(parents=True, exist_ok=True)
    return [(str(title), str(file)) for title, file in task.figures(split, systems, preds, directory)]


def metrics_file(records: list[dict[str, Any]]) -> dict[str, Any]:
    """The DVC-style flat metrics of a run: the candidate's metrics, the comparison, the costs."""
    cand = records[-1]
    flat: dict[str, Any] = {"run": cand["run"], "candidate": cand["system"]}
    for name, m in cand["metrics"].items():
        flat[name] = m["value"]
        flat[f"{name}_ci95_low"], flat[f"{name}_ci95_high"] = m["ci95"]
    c = cand.get("comparison") or {}
    if c:
        flat["strongest_baseline"] = c["baseline_system"]
        flat[f"strongest_baseline_{c['metric']}"] = c["baseline"]
        flat["delta_vs_strongest"] = c["delta"]
        flat["delta_vs_strongest_ci95_low"], flat["delta_vs_strongest_ci95_high"] = c["ci95"]
    p = cand.get("previous_best") or {}
    if p:
        flat["delta_vs_previous_best"] = p["delta"]
    k = cand.get("costs") or {}
    for key in ("fit_seconds", "predict_seconds", "throughput_per_s", "model_bytes"):
        flat[key] = k.get(key)
    lat = k.get("latency_ms") or {}
    flat["latency_ms_p50"], flat["latency_ms_p95"] = lat.get("p50"), lat.get("p95")
    flat["test_evaluations"] = cand["test_evaluations"]
    return flat


def evaluate(
    task: Task,
    root: Path,
    *,
    seed: int = settings.SEED,
    bootstrap_seed: int = settings.BOOTSTRAP_SEED,
    seeds: int = 1,
    n_resamples: int = settings.BOOTSTRAP_RESAMPLES,
    overrides: dict[str, Any] | None = None,
    log_path: Path | None = None,
    out: Callable[[str], object] = print,
) -> list[dict[str, Any]]:
    """Evaluate the ladder and the candidate, append their records to the log, return them.

    `seeds`: model seeds for seed-dependent systems (the `evaluate` command passes settings.SEEDS;
    called from code, one seed unless asked)."""
    if n_resamples < 100:
        raise ImpactError(f"--resamples {n_resamples} is too few for a 95% interval: use 1000 or more")
    if seeds < 1:
        raise ImpactError(f"--seeds {seeds}: fit with at least 1 seed")
    log_path = log_path or root / settings.LOG
    pkg = __package__.rsplit(".", 1)[0]
    manifest = fingerprint.load_manifest(
        root, root / settings.MANIFEST, make_data=f"python -m {pkg}.pipeline"
    )
    rows = manifest["outputs"]
    if "test" not in rows:
        raise ImpactError("the data manifest has no 'test' split: the pipeline must write one")
    out(
        f"evaluate: {task.name}: "
        + " / ".join(f"{e['rows']} {n}" for n, e in rows.items())
        + f" rows, data {manifest['fingerprint'][:19]}"
    )
    params, params_source = tuning.resolve(task, root, manifest, seed, overrides or {}, out)
    split = task.load_split(root / settings.PROCESSED_DIR, include_test=True)
    metrics = task.metrics(split)
    if task.primary_metric not in metrics:
        raise ImpactError(
            f"primary metric {task.primary_metric!r} is not among the task's metrics ({', '.join(metrics)})"
        )
    ladder = task.baselines(seed)
    if len(ladder) < 2:
        raise ImpactError(
            f"the task has {len(ladder)} baseline(s): list at least two in models.baselines() "
            "(a trivial one, then the strong simple one a reviewer would try first)"
        )
    candidate = task.candidate(seed, params)
    names = [s.name for s in ladder] + [candidate.name]
    if len(set(names)) != len(names):
        raise ImpactError(f"systems share a name ({', '.join(names)}): give each its own name in models.py")
    model_seeds = [seed + k for k in range(seeds)]
    primary = metrics[task.primary_metric]
    fitted: list[_Fitted] = []
    with threadpool_limits(limits=settings.BLAS_THREADS):
        for index, system in enumerate([*ladder, candidate]):
            role = "candidate" if system is candidate else "baseline"
            predicted, cost = _fit_and_score(task, split, system, root)
            used = model_seeds if system.seed_dependent else [seed]
            spread = None
            if len(used) > 1:

                def make(s: int, i: int = index, is_candidate: bool = role == "candidate") -> System:
                    return task.candidate(s, params) if is_candidate else task.baselines(s)[i]

                spread = _seed_spread(task, split, make, used, predicted, primary)
            fitted.append(_Fitted(system, role, predicted, cost, used, spread))
            lat = cost["latency_ms"]
            out(
                f"  {role:<9} {system.name}: fit {cost['fit_seconds']:.2f} s, "
                f"predict {cost['predict_seconds']:.3f} s"
                + (f", latency p50 {lat['p50']:.2f} ms" if lat else "")
                + (f", {len(used)} seeds" if len(used) > 1 else "")
            )
        preds = {f.system.name: f.predictions for f in fitted}
        result = bootstrap(
            metrics, split.y_test, preds, n_resamples=n_resamples, seed=bootstrap_seed, groups=split.groups
        )
    unit = "test rows" if split.groups is None else "groups"
    out(
        f"  bootstrap: {n_resamples} seeded resamples (bootstrap seed {bootstrap_seed}) of {result.n_units} "
        f"{unit}, paired across systems"
    )
    git = gitinfo.info(root)
    data = data_entry(root, manifest)
    test_fp = data["test_fingerprint"]
    env = environment.info(pkg)
    run = log.new_id()[:12]
    stamp = datetime.now(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")
    base_values = {f.system.name: result.point[f.system.name][task.primary_metric] for f in fitted[:-1]}
    best_base = strongest(base_values, task.greater_is_better)
    system_params = {f.system.name: tuning.jsonable(f.system.params, f.system.name) for f in fitted}
    config = config_fingerprint(
        fingerprint.code_fingerprint(root), system_params, data["fingerprint"], model_seeds
    )
    pred_path = predictions.path_for(root, test_fp, run)
    arrays: dict[str, Any] = {}
    for f in fitted:
        array = predictions.storable(f.predictions)
        if array is not None:
            arrays[f.system.name] = array
    stored_truth = predictions.storable(split.y_test)
    with log.locked(log_path) as impact_log:
        earlier = impact_log.records()
        configs = {
            r.get("config") or r["run"]
            for r in earlier
            if r.get("data", {}).get("test_fingerprint") == test_fp
        }
        test_evaluations = len(configs | {config})
        previous = _previous_best(
            task,
            root,
            earlier,
            test_fp,
            split,
            fitted[-1].predictions,
            primary,
            n_resamples,
            bootstrap_seed,
            env,
        )
        sha = None
        if stored_truth is not None and arrays:
            if split.groups is not None and predictions.storable(split.groups) is not None:
                arrays["unit_ids"] = np.asarray(split.groups)
            sha = predictions.save(pred_path, {**arrays, "y_true": stored_truth})
        common = {
            "run": run,
            "timestamp": stamp,
            "task": task.name,
            "git": git,
            "data": data,
            "seed": seed,
            "primary_metric": task.primary_metric,
            "greater_is_better": task.greater_is_better,
            "test_evaluations": test_evaluations,
            "config": config,
            "environment": env,
            "bootstrap": {
                "resamples": result.n_resamples,
                "units": result.n_units,
                "method": "percentile",
                "paired": True,
            },
        }
        records: list[dict[str, Any]] = []
        for f in fitted:
            name = f.system.name
            rec: dict[str, Any] = {
                "schema": log.SCHEMA,
                "id": log.new_id(),
                **common,
                "role": f.role,
                "system": name,
                "params": system_params[name],
                "metrics": {
                    m: {"value": _num(v), "ci95": [_num(c) for c in result.ci(name, m)]}
                    for m, v in result.point[name].items()
                },
                "comparison": None,
                "comparisons": None,
                "previous_best": None,
                "seed_dependent": f.system.seed_dependent,
                "seeds": {
                    "model": seed,
                    "bootstrap": bootstrap_seed,
                    "evaluated": f.seeds,
                    "spread": _spread_entry(task.primary_metric, f.spread),
                },
                "costs": f.costs,
                "predictions": (
                    {"file": cli.rel(pred_path, root), "sha256": sha, "key": name}
                    if sha and name in arrays
                    else None
                ),
                "params_source": (
                    params_source
                    if f.role == "candidate"
                    else {"split": "defaults", "file": None, "tried": None}
                ),
            }
            if f.system.checkpoint is not None:
                rec["checkpoint"] = f.system.checkpoint
            if f.role == "candidate":
                ids = {r["system"]: r["id"] for r in records}
                rec["comparisons"] = [
                    _comparison(result, task.primary_metric, name, b, ids[b], task.greater_is_better)
                    for b in base_values
                ]
                rec["comparison"] = {
                    **next(c for c in rec["comparisons"] if c["baseline_system"] == best_base),
                    "strongest": True,
                }
                rec["previous_best"] = previous
            records.append(rec)
        drawn = _draw_figures(
            task,
            split,
            {"baseline": fitted[names.index(best_base)].system, "candidate": candidate},
            {"baseline": preds[best_base], "candidate": preds[candidate.name]},
            root,
        )
        impact_log.extend(records)  # one write: a crash never leaves half a run
    metrics_path = root / settings.METRICS
    metrics_path.write_text(json.dumps(metrics_file(records), indent=2) + "\n", encoding="utf-8")
    if task.figures:
        report.write_figures(root / settings.FIGURES, run, drawn)
    if drawn:
        out(f"  drew {', '.join(f for _, f in drawn)} in {settings.FIGURES.parent.as_posix()}/")
    out("")
    for line in _table(task, result, names):
        out(line)
    for f in fitted:
        entry = _spread_entry(task.primary_metric, f.spread)
        if entry:
            out(
                f"  seed spread of {f.system.name} over {len(f.seeds)} seeds: mean {entry['mean']:.3f}, "
                f"min {entry['min']:.3f}, max {entry['max']:.3f}"
            )
    out("")
    out("  " + headline(records[-1], task.label(task.primary_metric), task.test_units))
    if previous is not None:
        out("  " + report.previous_sentence(records[-1]))
    size = pred_path.stat().st_size if sha else 0
    out(
        f"  logged {len(records)} records ({len(ladder)} baselines, candidate) to {cli.rel(log_path, root)}"
        + (f", predictions to {cli.rel(pred_path, root)} ({size / 1024:.1f} KiB)" if sha else "")
        + f"; {test_evaluations} distinct configuration{'s' if test_evaluations != 1 else ''} "
        "scored on this test split"
    )
    return records
