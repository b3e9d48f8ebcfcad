"""Replaying the log into MLflow: one run per record, intervals as metrics, idempotent."""

from pathlib import Path
from typing import Any

import pytest

from {{package_name}}.impact import export

from test_modelcard import LADDER, record


def test_metrics_params_and_tags_of_a_record() -> None:
    candidate = LADDER[-1] | {"costs": {"fit_seconds": 0.5, "latency_ms": {"p50": 1.0, "p95": None}}}
    metrics = export.metrics_of(candidate)
    assert metrics["score"] == 0.8
    assert metrics["score_ci95_low"] == pytest.approx(0.7)
    assert metrics["delta_vs_strongest_baseline_ci95_high"] == 0.2
    assert metrics["cost.latency_ms.p50"] == 1.0
    assert "cost.latency_ms.p95" not in metrics and "other" not in metrics  # undefined values are left out
    assert export.params_of(candidate) == {"C": "1.0", "seed": "1"}
    odd = candidate | {"metrics": {"f1[billing]": {"value": 0.5, "ci95": [0.4, 0.6]},
                                   "ndcg@10": {"value": 0.2, "ci95": [0.1, 0.3]}}}
    assert {"f1/billing", "f1/billing_ci95_low", "ndcg_at_10"} <= set(export.metrics_of(odd))
    tags = export.tags_of(candidate, 3)
    assert tags["mlflow.runName"] == "model (run 3)"
    assert tags["scaffold.role"] == "candidate" and tags["mlflow.source.git.commit"] == "c" * 40


def test_export_to_mlflow_is_idempotent(tmp_path: Path) -> None:
    pytest.importorskip("mlflow")
    from mlflow.tracking import MlflowClient

    uri = f"sqlite:///{tmp_path / 'mlflow.db'}"
    second_run: list[dict[str, Any]] = [record("baseline", "strong", 0.7, run="r2") | {"id": "f" * 32},
                                        record("candidate", "model", 0.85, run="r2") | {"id": "0" * 32}]
    # A metric name MLflow would refuse (brackets) is logged under a name it accepts.
    second_run[1]["metrics"] = second_run[1]["metrics"] | {"f1[a b]": {"value": 0.5, "ci95": [0.4, 0.6]}}
    assert export.to_mlflow(LADDER, tracking_uri=uri, experiment="e", out=lambda _: None) == (3, 0)
    exported = export.to_mlflow(LADDER + second_run, tracking_uri=uri, experiment="e", out=lambda _: None)
    assert exported == (2, 3)
    client = MlflowClient(tracking_uri=uri)
    experiment = client.get_experiment_by_name("e")
    assert experiment is not None
    runs = client.search_runs([experiment.experiment_id])
    assert len(runs) == 5
    by_name = {r.info.run_name: r for r in runs}
    assert by_name["model (run 2)"].data.metrics["score"] == 0.85
    assert by_name["model (run 2)"].data.metrics["f1/a b"] == 0.5
    assert by_name["model (run 1)"].data.tags["scaffold.record_id"] == "m" * 32
    assert by_name["trivial (run 1)"].data.tags["scaffold.role"] == "baseline"
