"""tune: the grid on the validation split only, impact/params.json, and evaluate reading it back."""

import json

import pytest

from {{package_name}} import settings, tune
from {{package_name}}.impact import ImpactError, harness, tuning
from {{package_name}}.task import TASK


def test_tune_runs_without_the_test_file_and_evaluate_uses_its_choice(prepared, quiet, capsys):
    manifest = json.loads((prepared / settings.MANIFEST).read_text())
    test_file = prepared / manifest["outputs"]["test"]["path"]
    hidden = test_file.with_name("hidden-while-tuning")
    test_file.rename(hidden)
    try:
        assert tune.main(["--root", str(prepared)]) == 0
    finally:
        hidden.rename(test_file)
    saved = json.loads((prepared / settings.PARAMS).read_text())
    assert saved["tried"] == len(tuning.grid(TASK)) == len(saved["table"])
    assert saved["split"] == TASK.tune_split and saved["metric"] == TASK.primary_metric
    scores = [row["score"] for row in saved["table"] if row["score"] is not None]
    assert saved["score"] == (max if TASK.greater_is_better else min)(scores)
    assert "best:" in capsys.readouterr().out
    records = harness.evaluate(TASK, prepared, n_resamples=200, out=quiet)
    cand = records[-1]
    assert cand["params_source"] == {"split": TASK.tune_split, "file": settings.PARAMS.as_posix(),
                                     "tried": saved["tried"]}
    assert {k: cand["params"][k] for k in saved["params"]} == saved["params"]


def test_params_for_other_data_are_ignored_with_a_reason(prepared, quiet):
    tuning.tune(TASK, prepared, out=quiet)
    path = prepared / settings.PARAMS
    saved = json.loads(path.read_text())
    saved["data_fingerprint"] = "sha256:" + "0" * 64
    path.write_text(json.dumps(saved))
    said: list[str] = []
    records = harness.evaluate(TASK, prepared, n_resamples=200, out=said.append)
    assert records[-1]["params_source"]["split"] == "defaults"
    assert any("tuned on other data" in line for line in said)


def test_grid_lays_each_point_over_the_defaults():
    points = tuning.grid(TASK)
    assert points and all(set(p) >= set(TASK.default_params) for p in points)
    n = 1
    for values in TASK.search_space.values():
        n *= len(values)
    assert len(points) == n


def test_overrides_parse_json_values_and_refuse_bad_items():
    assert tuning.parse_overrides(["C=0.5", "ngram_range=[1, 3]", "name=word"]) == {
        "C": 0.5, "ngram_range": [1, 3], "name": "word"}
    with pytest.raises(ImpactError, match="expected KEY=VALUE"):
        tuning.parse_overrides(["C"])
