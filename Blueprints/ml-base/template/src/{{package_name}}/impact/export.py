"""Replay the impact log into other tools' stores.

    python -m PACKAGE.impact.export mlflow [--tracking-uri sqlite:///mlflow.db] [--experiment NAME]

MLflow (install the extra: pip install -e '.[mlflow]'): one MLflow run per log
record, named "SYSTEM (run N)", with the record's params, every metric's value
and its 95% interval bounds (METRIC_ci95_low / METRIC_ci95_high), the paired
delta against the strongest baseline for candidates, the cost metrics, and tags
for the commit, the data fingerprints, the role and the record id. Exporting
twice creates no duplicates: a record whose id is already in the experiment (tag
scaffold.record_id) is skipped. The default store is a SQLite file, mlflow.db
at the project root (git-ignored); MLflow's plain-file store is deprecated.
"""

import json
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from .. import settings
from . import ImpactError, cli, log

DEFAULT_URI = "sqlite:///mlflow.db"


def _flat(prefix: str, value: Any) -> Iterator[tuple[str, Any]]:
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from _flat(f"{prefix}.{key}" if prefix else str(key), inner)
    else:
        yield prefix, value


def mlflow_key(name: str) -> str:
    """A metric or param name MLflow accepts (letters, digits, _ - . space : /): `f1[billing]`
    becomes `f1/billing`, `ndcg@10` becomes `ndcg_at_10`, anything else outside the set `_`."""
    name = name.replace("[", "/").replace("]", "").replace("@", "_at_")
    return re.sub(r"[^\w.\- :/]", "_", name)


def params_of(record: dict[str, Any]) -> dict[str, str]:
    """The record's params as MLflow params (flattened, values as JSON text, at most 6000 characters)."""
    out = {
        key: (v if isinstance(v, str) else json.dumps(v))[:6000]
        for key, v in _flat("", record.get("params", {}))
    }
    out["seed"] = str(record.get("seed"))
    return out


def metrics_of(record: dict[str, Any]) -> dict[str, float]:
    """Numbers MLflow can log: each metric with its interval, the comparison, seeds spread and costs."""
    out: dict[str, float] = {}

    def put(name: str, value: Any) -> None:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return
        out[mlflow_key(name)] = float(value)

    for name, estimate in record.get("metrics", {}).items():
        put(name, estimate.get("value"))
        low, high = estimate.get("ci95", [None, None])
        put(f"{name}_ci95_low", low)
        put(f"{name}_ci95_high", high)
    comparison = record.get("comparison")
    if comparison:
        put("delta_vs_strongest_baseline", comparison.get("delta"))
        low, high = comparison.get("ci95", [None, None])
        put("delta_vs_strongest_baseline_ci95_low", low)
        put("delta_vs_strongest_baseline_ci95_high", high)
    spread = (record.get("seeds") or {}).get("spread")
    if spread:
        for key in ("mean", "min", "max", "std"):
            put(f"seed_spread_{key}", spread.get(key))
    for key, value in _flat("", record.get("costs") or {}):
        put(f"cost.{key}", value)
    return out


def tags_of(record: dict[str, Any], run_number: int) -> dict[str, str]:
    git = record.get("git", {})
    data = record.get("data", {})
    tags = {
        "scaffold.record_id": record["id"],
        "scaffold.run": record["run"],
        "scaffold.run_number": str(run_number),
        "scaffold.role": record["role"],
        "scaffold.system": record["system"],
        "scaffold.task": record["task"],
        "scaffold.schema": record["schema"],
        "scaffold.primary_metric": record["primary_metric"],
        "scaffold.data_fingerprint": data.get("fingerprint", ""),
        "scaffold.test_fingerprint": data.get("test_fingerprint", ""),
        "mlflow.runName": f"{record['system']} (run {run_number})",
    }
    if git.get("commit"):
        tags["mlflow.source.git.commit"] = git["commit"]
        tags["scaffold.git_dirty"] = str(bool(git.get("dirty"))).lower()
    return tags


def run_numbers(records: Sequence[dict[str, Any]]) -> dict[str, int]:
    numbers: dict[str, int] = {}
    for r in records:
        numbers.setdefault(r["run"], len(numbers) + 1)
    return numbers


def to_mlflow(
    records: Sequence[dict[str, Any]],
    *,
    tracking_uri: str,
    experiment: str,
    out: Callable[[str], object] = print,
) -> tuple[int, int]:
    """Log every record not yet in `experiment`; return (exported, skipped)."""
    try:
        import mlflow
        from mlflow.tracking import MlflowClient
    except ImportError:
        raise ImpactError("mlflow is not installed: pip install -e '.[mlflow]'") from None
    from datetime import datetime

    client = MlflowClient(tracking_uri=tracking_uri)
    found = client.get_experiment_by_name(experiment)
    experiment_id = found.experiment_id if found else client.create_experiment(experiment)
    seen = {
        run.data.tags.get("scaffold.record_id")
        for run in client.search_runs([experiment_id], max_results=50000)
    }
    numbers = run_numbers(records)
    exported = skipped = 0
    for record in records:
        if record["id"] in seen:
            skipped += 1
            continue
        stamp = int(datetime.fromisoformat(record["timestamp"].replace("Z", "+00:00")).timestamp() * 1000)
        run = client.create_run(
            experiment_id, start_time=stamp, tags=tags_of(record, numbers[record["run"]])
        )
        run_id = run.info.run_id
        metrics = [
            mlflow.entities.Metric(key, value, stamp, 0) for key, value in metrics_of(record).items()
        ]
        params = [mlflow.entities.Param(key, value) for key, value in params_of(record).items()]
        client.log_batch(run_id, metrics=metrics, params=params)
        client.set_terminated(run_id, status="FINISHED", end_time=stamp)
        exported += 1
    out(
        f"export: {exported} record{'s' if exported != 1 else ''} to MLflow experiment {experiment!r} at "
        f"{tracking_uri} ({skipped} already there)"
    )
    return exported, skipped


def main(argv: list[str] | None = None) -> int:
    p = cli.parser(f"python -m {__package__}.export", "Replay the impact log into another tool's store.")
    p.add_argument("target", choices=["mlflow"], help="where to export")
    p.add_argument(
        "--tracking-uri", default=DEFAULT_URI, help=f"MLflow tracking URI (default {DEFAULT_URI})"
    )
    p.add_argument("--experiment", default=None, help="MLflow experiment (default: the task's name)")
    args = p.parse_args(argv)
    root = cli.root_of(args)

    def command() -> None:
        records = log.read(root / settings.LOG)
        if not records:
            raise ImpactError(f"{settings.LOG} has no records yet: run the evaluation first (make eval)")
        uri = args.tracking_uri
        if uri.startswith("sqlite:///") and not uri.startswith("sqlite:////"):
            uri = "sqlite:///" + str(root / uri[len("sqlite:///") :])  # relative to the project root
        to_mlflow(records, tracking_uri=uri, experiment=args.experiment or records[-1]["task"])

    return cli.run(command)


if __name__ == "__main__":
    sys.exit(main())
