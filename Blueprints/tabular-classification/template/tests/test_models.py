"""The ladder, the candidate, the positive label, and a multiclass table end to end."""

import csv
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from sklearn.datasets import load_wine

from _tables import prepared_table, table_csv
from {{package_name}} import models, pipeline, settings, task
from {{package_name}}.impact import ImpactError, harness, tuning
from {{package_name}}.task import TASK


def test_class_prior_predicts_the_training_label_frequencies_for_every_row() -> None:
    system = models.baselines(settings.SEED)[0]
    system.model.fit(np.zeros((4, 2)), ["b", "a", "b", "b"])
    assert TASK.predict(system.model, np.ones((2, 2))).tolist() == [[0.25, 0.75], [0.25, 0.75]]


def test_best_single_feature_picks_the_column_that_ranks_the_training_labels_best() -> None:
    rng = np.random.default_rng(1)
    y = np.array(["a", "b"] * 100)
    X = rng.normal(size=(200, 4))
    X[:, 2] -= 2.0 * (y == "b")  # informative, and lower for "b": the direction does not matter
    X[::9, 2] = np.nan  # missing cells are skipped when choosing and imputed when fitting
    model = models.BestSingleFeature().fit(X, y)
    assert model.column_ == 2 and model.power_ > 0.8
    proba = TASK.predict(model, X)
    assert proba.shape == (200, 2) and np.allclose(proba.sum(axis=1), 1)
    # one column decides: changing any other column changes nothing
    other = X.copy()
    other[:, [0, 1, 3]] = rng.normal(size=(200, 3))
    assert np.array_equal(TASK.predict(model, other), proba)


def test_best_single_feature_is_chosen_on_the_rows_it_is_fitted_on_only() -> None:
    rng = np.random.default_rng(2)
    y = np.array(["a", "b"] * 50)
    train, later = rng.normal(size=(100, 3)), rng.normal(size=(100, 3))
    train[:, 0] += 3 * (y == "b")
    later[:, 1] += 3 * (y == "b")  # another column informs on other rows: never seen by fit
    assert models.BestSingleFeature().fit(train, y).column_ == 0


def test_ranking_power_is_direction_free_and_one_half_for_a_constant_column() -> None:
    y = np.array(["a", "a", "b", "b"])
    assert models.ranking_power(np.array([1.0, 2, 3, 4]), y) == 1.0
    assert models.ranking_power(np.array([4.0, 3, 2, 1]), y) == 1.0
    assert models.ranking_power(np.array([5.0, 5, 5, 5]), y) == 0.5


def test_candidate_handles_missing_cells_with_its_default_parameters(tmp_path: Path,
                                                                     write_raw: Callable[..., Path]) -> None:
    root = prepared_table(tmp_path, write_raw)
    split = TASK.load_split(root / settings.PROCESSED_DIR)
    X = split.X_train.copy()
    X[::7, 0] = np.nan  # holes in a feature column
    system = models.candidate(settings.SEED, dict(models.DEFAULT_PARAMS))
    system.model.fit(X, split.y_train)
    proba = TASK.predict(system.model, split.X_test)
    auc = TASK.metrics(split)["roc_auc"](split.y_test, proba, np.ones((1, len(split.y_test))))[0]
    assert auc > 0.8  # the generated table has a strong signal: any sensible model ranks well
    assert {k: system.params[k] for k in models.DEFAULT_PARAMS} == models.DEFAULT_PARAMS


def test_every_point_of_the_search_space_makes_a_candidate_that_fits() -> None:
    assert set(models.SEARCH_SPACE) <= set(models.DEFAULT_PARAMS)
    X, y = np.random.default_rng(3).normal(size=(40, 3)), np.array(["a", "b"] * 20)
    for point in tuning.grid(TASK):
        system = models.candidate(0, point)
        system.model.fit(X, y)
        assert {k: system.params[k] for k in point} == point


def test_positive_label_is_configured_or_the_rarer_one() -> None:
    assert task.positive_label(["x", "y", "y"], wanted="y") == "y"
    assert task.positive_label(["x", "y", "y"], wanted="") == "x"
    assert task.positive_label(["x", "y", "z"], wanted="y") is None  # multiclass: macro averages
    with pytest.raises(ImpactError, match="POSITIVE_LABEL 'q'.*not a label of the data"):
        task.positive_label(["x", "y"], wanted="q")


def test_the_ladder_has_distinct_names_weakest_first() -> None:
    ladder = models.baselines(0)
    names = [s.name for s in ladder] + [models.candidate(0, models.DEFAULT_PARAMS).name]
    assert len(ladder) >= 2 and len(set(names)) == len(names)
    assert names[:2] == ["class-prior", "best-single-feature"]


def test_another_multiclass_table_works_end_to_end(tmp_path: Path) -> None:
    """Swap in another table (scikit-learn's bundled wine data, three labels): no code change."""
    wine = load_wine()
    raw = tmp_path / settings.RAW_DIR
    raw.mkdir(parents=True)
    with open(raw / "wine.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow([*wine.feature_names, "label"])
        w.writerows([*x, wine.target_names[t]] for x, t in zip(wine.data, wine.target, strict=True))
    pipeline.run(tmp_path, out=lambda line: None)
    *ladder, cand = harness.evaluate(TASK, tmp_path, n_resamples=500, out=lambda line: None)
    assert ladder[0]["metrics"]["roc_auc"]["value"] == 0.5
    assert ladder[1]["metrics"]["roc_auc"]["value"] > 0.75  # one column of the wine data already ranks well
    assert cand["metrics"]["roc_auc"]["value"] > 0.95
    assert cand["comparison"]["baseline_system"] == "best-single-feature"


def test_a_generated_three_label_table_runs_too(tmp_path: Path, write_raw: Callable[..., Path]) -> None:
    root = prepared_table(tmp_path, write_raw, table_csv(labels=("low", "mid", "high")))
    records = harness.evaluate(TASK, root, n_resamples=200, out=lambda line: None)
    assert [r["role"] for r in records] == ["baseline", "baseline", "candidate"]
