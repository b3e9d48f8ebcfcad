"""The image classifiers: the ladder of baselines and the candidate, whatever models.py makes it."""

{{^candidate=cnn}}
import subprocess
import sys

{{/candidate=cnn}}
import numpy as np

from {{package_name}} import models, settings
from {{package_name}}.impact import tuning
from {{package_name}}.task import TASK


def test_the_trivial_baseline_always_predicts_the_most_frequent_training_label():
    system = models.baselines(settings.SEED)[0]
    system.model.fit(np.zeros((4, 4)), ["7", "1", "7", "3"])
    assert list(system.model.predict(np.ones((2, 4)))) == ["7", "7"]


def test_nearest_neighbour_copies_the_label_of_the_closest_training_image():
    system = next(s for s in models.baselines(settings.SEED) if s.name == "1-nearest-neighbour")
    X = np.array([[0, 0, 0, 9], [9, 0, 0, 0], [0, 9, 9, 0]], dtype=float)
    system.model.fit(X, ["corner", "other", "bar"])
    assert list(system.model.predict(np.array([[1, 0, 0, 8], [0, 8, 7, 1]], dtype=float))) == [
        "corner", "bar"]


def test_every_system_learns_from_the_training_split(prepared):
    """Each system of the ladder and the candidate, fitted on train, scores the validation split;
    the candidate beats the trivial baseline (sanity of the wiring, not a target)."""
    split = TASK.load_split(prepared / settings.PROCESSED_DIR, include_test=False)
    assert len(split.y_test) == 0 and len(split.X_val) == len(split.y_val) > 0
    metric = TASK.metrics(split)[TASK.primary_metric]
    scores = []
    for system in [*models.baselines(settings.SEED), models.candidate(settings.SEED, models.DEFAULT_PARAMS)]:
        scores.append(tuning.score_on_validation(TASK, split, system, metric))
        assert len(system.model.predict(split.X_val)) == len(split.y_val)
    assert scores[-1] > scores[0]


def test_systems_have_distinct_names_and_the_search_space_fits_the_candidate():
    names = [s.name for s in models.baselines(0)] + [models.candidate(0, models.DEFAULT_PARAMS).name]
    assert len(set(names)) == len(names) >= 4
    assert set(models.SEARCH_SPACE) <= set(models.DEFAULT_PARAMS)
    for point in tuning.grid(TASK):
        assert models.candidate(0, point).params == point
{{^candidate=cnn}}


def test_the_project_does_not_import_torch():
    """The default install is light: no deep-learning library is imported (the CNN variant,
    `scaffold new --set candidate=cnn`, is the one that needs PyTorch)."""
    code = f"import sys, {TASK.__module__}; print('torch' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"
{{/candidate=cnn}}
