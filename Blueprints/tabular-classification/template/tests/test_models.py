"""The two systems, the positive label, and a multiclass table end to end."""

import csv

import numpy as np
import pytest
from sklearn.datasets import load_wine

from {{package_name}} import models, pipeline, settings, task
from {{package_name}}.impact import ImpactError, harness
from {{package_name}}.task import TASK


def test_baseline_predicts_the_training_label_frequencies_for_every_row():
    system = models.baseline(settings.SEED)
    system.model.fit(np.zeros((4, 2)), ["b", "a", "b", "b"])
    assert TASK.predict(system.model, np.ones((2, 2))).tolist() == [[0.25, 0.75], [0.25, 0.75]]


def test_candidate_handles_missing_cells_and_weighs_rare_labels_up(prepared):
    split = TASK.load_split(prepared / settings.PROCESSED_DIR)
    X = split.X_train.copy()
    X[::7, 3] = np.nan  # holes in a feature column
    system = models.candidate(settings.SEED)
    system.model.fit(X, split.y_train)
    proba = TASK.predict(system.model, split.X_test)
    auc = TASK.metrics(split)["roc_auc"](split.y_test, proba, np.ones((1, len(split.y_test))))[0]
    assert auc > 0.95
    assert system.params["class_weight"] == "balanced"


def test_positive_label_is_configured_or_the_rarer_one():
    assert task.positive_label(["x", "y", "y"], wanted="y") == "y"
    assert task.positive_label(["x", "y", "y"], wanted="") == "x"
    assert task.positive_label(["x", "y", "z"], wanted="y") is None  # multiclass: macro averages
    with pytest.raises(ImpactError, match="POSITIVE_LABEL 'q'.*not a label of the data"):
        task.positive_label(["x", "y"], wanted="q")


def test_systems_have_distinct_names_and_loggable_params():
    base, cand = models.baseline(0), models.candidate(0)
    assert base.name == "class-prior" != cand.name
    assert set(cand.params) >= {"C", "class_weight"}


def test_your_own_multiclass_table_works_end_to_end(tmp_path):
    """Swap in another table (here scikit-learn's bundled wine data, three labels): no code change."""
    wine = load_wine()
    raw = tmp_path / settings.RAW_DIR
    raw.mkdir(parents=True)
    with open(raw / "wine.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow([*wine.feature_names, "label"])
        w.writerows([*x, wine.target_names[t]] for x, t in zip(wine.data, wine.target, strict=True))
    pipeline.run(tmp_path, out=lambda line: None)
    base, cand = harness.evaluate(TASK, tmp_path, n_resamples=500, out=lambda line: None)
    assert base["metrics"]["roc_auc"]["value"] == 0.5
    assert cand["metrics"]["roc_auc"]["value"] > 0.95 and cand["comparison"]["improved"]
