"""The harness end to end on the shipped data: the ladder, records, schema, append-only log,
comparisons, the previous best, seeds, costs and the environment."""

import dataclasses
import json
from pathlib import Path

import numpy as np
import pytest

from {{package_name}} import settings
from {{package_name}}.impact import ImpactError, harness, log
from {{package_name}}.task import TASK

ROOT = Path(__file__).resolve().parents[1]


def test_each_run_logs_the_ladder_then_the_candidate(evaluated):
    ladder = [s.name for s in TASK.baselines(settings.SEED)]
    assert len(ladder) >= 2
    for run in evaluated.runs:
        assert [r["role"] for r in run] == ["baseline"] * len(ladder) + ["candidate"]
        assert [r["system"] for r in run[:-1]] == ladder
        assert len({r["run"] for r in run}) == 1
        assert all(r["schema"] == log.SCHEMA == "impact-log/2" for r in run)
    assert len({r["id"] for r in evaluated.records}) == len(evaluated.records)


def test_every_record_matches_the_schema(evaluated, validator):
    for record in evaluated.records:
        validator.validate(record)


def test_the_schema_still_accepts_impact_log_1_records(evaluated, validator):
    record = dict(evaluated.records[-1])
    for key in ("comparisons", "previous_best", "predictions", "seed_dependent", "seeds", "params_source",
                "config", "environment", "costs"):
        record.pop(key)
    record["schema"] = "impact-log/1"
    record["data"] = {k: record["data"][k] for k in ("fingerprint", "test_fingerprint", "rows")}
    record["comparison"] = {k: v for k, v in record["comparison"].items() if k != "strongest"}
    validator.validate(record)
    record["schema"] = "impact-log/2"
    with pytest.raises(Exception, match="required"):
        validator.validate(record)


def test_a_second_run_appends_without_changing_earlier_bytes(evaluated):
    n = len(evaluated.runs[0])
    assert evaluated.after_second.startswith(evaluated.after_first)
    assert len(evaluated.after_first.splitlines()) == n
    assert len(evaluated.after_second.splitlines()) == 2 * n


def test_the_headline_comparison_is_against_the_strongest_baseline(evaluated):
    *baselines, cand = evaluated.runs[-1]
    values = {b["system"]: b["metrics"][TASK.primary_metric]["value"] for b in baselines}
    best = (max if TASK.greater_is_better else min)(values.values())
    c = cand["comparison"]
    assert c["strongest"] is True and values[c["baseline_system"]] == best
    assert [x["baseline_system"] for x in cand["comparisons"]] == list(values)
    assert {x["baseline_id"] for x in cand["comparisons"]} == {b["id"] for b in baselines}
    assert all(r["comparison"] is None and r["comparisons"] is None for r in baselines)


def test_the_candidate_beats_the_trivial_baseline_on_the_shipped_data(evaluated):
    """On the example data the shipped candidate beats the trivial baseline; on your data that is a
    property of your model, not of the code, so only the intervals' consistency is checked."""
    first = evaluated.records[-1]["comparisons"][0]
    low, high = first["ci95"]
    if evaluated.records[-1]["data"]["example"]:
        assert first["improved"] and ((low > 0) if TASK.greater_is_better else (high < 0))
    assert low is None or high is None or low <= high
    for record in evaluated.records:
        for m in record["metrics"].values():
            if m["value"] is not None and None not in m["ci95"]:
                assert m["ci95"][0] - 1e-9 <= m["value"] <= m["ci95"][1] + 1e-9


def test_an_unchanged_configuration_is_not_another_look_at_the_test_set(evaluated):
    first, second = evaluated.runs
    assert first[-1]["config"] == second[-1]["config"]
    assert [r["test_evaluations"] for r in first + second] == [1] * (len(first) + len(second))


def test_the_second_run_is_compared_with_the_previous_best_from_stored_predictions(evaluated):
    first, second = evaluated.runs
    assert first[-1]["previous_best"] is None
    p = second[-1]["previous_best"]
    assert p["id"] == first[-1]["id"] and p["run_number"] == 1 and p["system"] == first[-1]["system"]
    assert p["delta"] == 0 and p["ci95"] == [0, 0] and not p["improved"] and not p["regressed"]
    stored = np.load(evaluated.root / first[-1]["predictions"]["file"])
    assert set(stored.files) >= {"y_true", *(r["system"] for r in first)}
    assert first[-1]["predictions"]["file"].startswith(
        "impact/predictions/" + first[-1]["data"]["test_fingerprint"][7:19] + "/")


def test_records_carry_costs_environment_seeds_and_the_data_entry(evaluated):
    for r in evaluated.runs[-1]:
        k = r["costs"]
        assert k["fit_seconds"] >= 0 and k["predict_seconds"] >= 0
        assert k["model_bytes"] is None or k["model_bytes"] > 0
        if k["latency_ms"] is not None:
            assert 0 <= k["latency_ms"]["p50"] <= k["latency_ms"]["p95"]
        assert r["environment"]["python"].count(".") == 2 and "numpy" in r["environment"]["packages"]
        assert r["seeds"]["model"] == settings.SEED and r["seeds"]["bootstrap"] == settings.BOOTSTRAP_SEED
        assert r["seeds"]["evaluated"] == [settings.SEED] and r["seeds"]["spread"] is None
    data = evaluated.records[-1]["data"]
    assert data["raw_fingerprint"].startswith("sha256:") and isinstance(data["example"], bool)
    shipped = evaluated.root / settings.EXAMPLE_FINGERPRINT
    manifest = json.loads((evaluated.root / settings.MANIFEST).read_text())
    expected = shipped.is_file() and shipped.read_text().strip() == manifest["input_fingerprint"]
    assert data["example"] is expected


def test_seeds_refit_seed_dependent_systems_and_record_the_spread(prepared, quiet):
    def candidate(seed, params):
        system = TASK.candidate(seed, params)
        return dataclasses.replace(system, seed_dependent=True)

    task = dataclasses.replace(TASK, candidate=candidate)
    records = harness.evaluate(task, prepared, seeds=3, n_resamples=200, out=quiet)
    cand = records[-1]
    assert cand["seeds"]["evaluated"] == [settings.SEED, settings.SEED + 1, settings.SEED + 2]
    spread = cand["seeds"]["spread"]
    assert len(spread["values"]) == 3 and spread["min"] <= spread["mean"] <= spread["max"]
    for r in records[:-1]:
        if not r["seed_dependent"]:
            assert r["seeds"]["evaluated"] == [settings.SEED] and r["seeds"]["spread"] is None


def test_param_overrides_are_logged_and_make_a_new_configuration(prepared, quiet):
    if not TASK.default_params:
        pytest.skip("the candidate has no parameters")
    first = harness.evaluate(TASK, prepared, n_resamples=200, out=quiet)
    name, value = next(iter(TASK.search_space.items()), next(iter(TASK.default_params.items())))
    default = TASK.default_params.get(name)
    changed = next((v for v in (value if isinstance(value, list) else []) if v != default), default)
    second = harness.evaluate(TASK, prepared, n_resamples=200, overrides={name: changed}, out=quiet)
    assert second[-1]["params"][name] == json.loads(json.dumps(changed))
    assert second[-1]["params_source"]["overrides"] == {name: json.loads(json.dumps(changed))}
    assert second[-1]["config"] != first[-1]["config"] and second[-1]["test_evaluations"] == 2
    assert second[-1]["previous_best"]["ci95"][0] <= second[-1]["previous_best"]["delta"]
    with pytest.raises(ImpactError, match="not a parameter of the candidate"):
        harness.evaluate(TASK, prepared, n_resamples=200, overrides={"no_such_param": 1}, out=quiet)


def test_a_ladder_of_one_baseline_is_refused(prepared):
    task = dataclasses.replace(TASK, baselines=lambda seed: TASK.baselines(seed)[:1])
    with pytest.raises(ImpactError, match="at least two"):
        harness.evaluate(task, prepared, out=lambda line: None)


def test_changed_data_after_the_pipeline_is_refused(prepared):
    manifest = json.loads((prepared / settings.MANIFEST).read_text())
    test_file = prepared / manifest["outputs"]["test"]["path"]
    test_file.write_bytes(test_file.read_bytes() + b"\n")
    with pytest.raises(ImpactError, match="changed since the data pipeline ran"):
        harness.evaluate(TASK, prepared, out=lambda line: None)
    assert not (prepared / settings.LOG).exists()


def test_metrics_json_holds_the_latest_run_flat(evaluated):
    flat = json.loads((evaluated.root / settings.METRICS).read_text())
    last = evaluated.records[-1]
    assert flat["run"] == last["run"] and flat["candidate"] == last["system"]
    assert flat[TASK.primary_metric] == last["metrics"][TASK.primary_metric]["value"]
    assert all(not isinstance(v, (dict, list)) for v in flat.values())


def test_scaffold_contract_matches_the_code():
    contract_file = ROOT / "scaffold.json"
    if not contract_file.exists():
        pytest.skip("no scaffold.json (project not generated by scaffold)")
    contract = json.loads(contract_file.read_text())["impact"]
    assert contract["primary_metric"] == TASK.primary_metric
    assert contract["greater_is_better"] == TASK.greater_is_better
    assert contract["baseline"] in [s.name for s in TASK.baselines(settings.SEED)]
    assert contract["log"] == settings.LOG.as_posix()
