"""Choosing the candidate's parameters on validation data only, and reading that choice back.

`tune(task, root)` fits the candidate for every point of `Task.search_space` (a grid, each point
laid over `Task.default_params`) on the training split, scores the primary metric on the
validation split (or with `Task.tune_score` for a task that tunes by cross-validation inside the
training data), prints the table and writes impact/params.json. It never opens the test file: it
checks only the train and validation entries of the data manifest and loads the split with
`include_test=False`.

`resolve(...)` gives evaluate the parameters: params.json when it was made for this candidate on
this training and validation data, else the defaults; `--param KEY=VALUE` overrides either.
"""

import itertools
import json
import math
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from .. import settings
from . import ImpactError, cli, fingerprint

if TYPE_CHECKING:
    from .harness import Task

PARAMS_SCHEMA = "params/1"


def grid(task: "Task") -> list[dict[str, Any]]:
    """Every point of the search space over the defaults, in declaration order."""
    space = task.search_space
    if not space:
        return [dict(task.default_params)]
    keys = list(space)
    for k in keys:
        if not isinstance(space[k], list) or not space[k]:
            raise ImpactError(f"search space entry {k!r} must be a non-empty list of values (models.py)")
    return [
        {**task.default_params, **dict(zip(keys, values, strict=True))}
        for values in itertools.product(*(space[k] for k in keys))
    ]


def tuning_fingerprint(manifest: dict[str, Any]) -> str:
    """sha256 over the processed files tuning reads: every output but the test split."""
    return fingerprint.combine(
        {name: e["sha256"] for name, e in manifest["outputs"].items() if name != "test"}
    )


def jsonable(params: dict[str, Any], system: str) -> dict[str, Any]:
    try:
        value: dict[str, Any] = json.loads(json.dumps(params))
    except (TypeError, ValueError) as exc:
        raise ImpactError(f"params of system {system!r} cannot be logged as JSON: {exc}") from None
    return value


def parse_overrides(pairs: list[str]) -> dict[str, Any]:
    """--param KEY=VALUE items: VALUE parsed as JSON, else kept as a string."""
    out: dict[str, Any] = {}
    for pair in pairs:
        name, sep, text = pair.partition("=")
        if not sep or not name.strip():
            raise ImpactError(f"--param {pair!r}: expected KEY=VALUE, e.g. --param C=0.5")
        try:
            out[name.strip()] = json.loads(text)
        except ValueError:
            out[name.strip()] = text
    return out


def fit(system: Any, split: Any) -> None:
    """Fit on train; a model with `fit_with_validation = True` also gets the validation split
    (early stopping)."""
    if getattr(system.model, "fit_with_validation", False):
        system.model.fit(split.X_train, split.y_train, X_val=split.X_val, y_val=split.y_val)
    else:
        system.model.fit(split.X_train, split.y_train)


def score_on_validation(task: "Task", split: Any, system: Any, metric: Callable[..., Any]) -> float:
    fit(system, split)
    predicted = np.asarray(task.predict(system.model, split.X_val))
    return float(metric(split.y_val, predicted, np.ones((1, len(split.y_val))))[0])


def tune(
    task: "Task", root: Path, *, seed: int = settings.SEED, out: Callable[[str], object] = print
) -> dict[str, Any]:
    """Search the grid, print the table, write impact/params.json and return its content."""
    pkg = __package__.rsplit(".", 1)[0]
    names = ("train", "validation") if task.tune_split == "validation" else ("train",)
    manifest = fingerprint.load_manifest(
        root, root / settings.MANIFEST, make_data=f"python -m {pkg}.pipeline", only=names
    )
    for name in names:
        if name not in manifest["outputs"]:
            raise ImpactError(
                f"the data manifest has no {name!r} split: tuning on "
                f"{task.tune_split} needs one (re-run `python -m {pkg}.pipeline`)"
            )
    split = task.load_split(root / settings.PROCESSED_DIR, include_test=False)
    metrics = task.metrics(split)
    metric = metrics[task.primary_metric]
    points = grid(task)
    label = task.label(task.primary_metric)
    where = "validation split" if task.tune_split == "validation" else "cross-validation inside train"
    out(f"tune: {len(points)} settings of the candidate, {label} on the {where} (test split not read)")
    table: list[dict[str, Any]] = []
    for point in points:
        system = task.candidate(seed, point)
        started = time.perf_counter()
        if task.tune_score is not None:
            value = float(task.tune_score(split, system))
        else:
            value = score_on_validation(task, split, system, metric)
        shown = {k: point[k] for k in task.search_space} if task.search_space else point
        out(
            f"  {json.dumps(shown, sort_keys=True):<60} {label} {value:.4f}   "
            f"({time.perf_counter() - started:.2f} s)"
        )
        table.append(
            {"params": jsonable(shown, system.name), "score": None if math.isnan(value) else round(value, 6)}
        )
    scored = [(i, row["score"]) for i, row in enumerate(table) if row["score"] is not None]
    if not scored:
        raise ImpactError(f"no setting of the search space gave a {label} on validation: check the data")
    sign = 1.0 if task.greater_is_better else -1.0
    best_i = max(scored, key=lambda item: (sign * item[1], -item[0]))[0]  # ties: the earlier setting
    best = points[best_i]
    chosen = task.candidate(seed, best)
    result = {
        "schema": PARAMS_SCHEMA,
        "system": chosen.name,
        "params": jsonable(best, chosen.name),
        "split": task.tune_split,
        "metric": task.primary_metric,
        "greater_is_better": task.greater_is_better,
        "score": table[best_i]["score"],
        "tried": len(points),
        "seed": seed,
        "data_fingerprint": tuning_fingerprint(manifest),
        "table": table,
    }
    path = root / settings.PARAMS
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    out(
        f"  best: {json.dumps(table[best_i]['params'], sort_keys=True)} ({label} "
        f"{table[best_i]['score']}); wrote {cli.rel(path, root)}"
    )
    return result


def resolve(
    task: "Task",
    root: Path,
    manifest: dict[str, Any],
    seed: int,
    overrides: dict[str, Any],
    out: Callable[[str], object] = print,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The candidate's params for evaluate and the record's `params_source`."""
    path = root / settings.PARAMS
    default_name = task.candidate(seed, dict(task.default_params)).name
    params = dict(task.default_params)
    source: dict[str, Any] = {"split": "defaults", "file": None, "tried": None}
    why = f"no {settings.PARAMS.as_posix()} (run `make tune`)"
    if path.is_file():
        try:
            saved = json.loads(path.read_text(encoding="utf-8"))
        except ValueError:
            saved = None
        if not isinstance(saved, dict) or saved.get("schema") != PARAMS_SCHEMA:
            why = f"{settings.PARAMS.as_posix()} is not a {PARAMS_SCHEMA} file: re-run `make tune`"
        elif saved.get("system") != default_name:
            why = (
                f"{settings.PARAMS.as_posix()} is for {saved.get('system')!r}, not the candidate "
                f"{default_name!r}: re-run `make tune`"
            )
        elif saved.get("data_fingerprint") != tuning_fingerprint(manifest):
            why = f"{settings.PARAMS.as_posix()} was tuned on other data: re-run `make tune`"
        elif not set(saved.get("params", {})) <= set(task.default_params) | set(task.search_space):
            why = (
                f"{settings.PARAMS.as_posix()} names parameters the candidate no longer has: "
                "re-run `make tune`"
            )
        else:
            params = {**params, **saved["params"]}
            source = {
                "split": str(saved.get("split", "validation")),
                "file": settings.PARAMS.as_posix(),
                "tried": int(saved.get("tried", 0)) or None,
            }
            why = ""
    if why:
        out(f"  params: the candidate's defaults from models.py ({why})")
    else:
        out(f"  params: tuned on {source['split']} ({source['tried']} settings tried), from {source['file']}")
    if overrides:
        unknown = set(overrides) - set(task.default_params) - set(task.search_space)
        if unknown:
            raise ImpactError(
                f"--param {', '.join(sorted(unknown))}: not a parameter of the candidate "
                f"(it has {', '.join(sorted(task.default_params)) or 'none'})"
            )
        params.update(overrides)
        source["overrides"] = overrides
        out(f"  params: overridden by --param {json.dumps(overrides, sort_keys=True)}")
    return params, source
