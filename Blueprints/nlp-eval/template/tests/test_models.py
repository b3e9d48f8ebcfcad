"""The classifiers: the ladder (majority class, naive Bayes) and the candidate (TF-IDF + logistic
regression)."""

from {{package_name}} import models, settings
from {{package_name}}.impact import tuning
from {{package_name}}.task import TASK


def test_the_trivial_baseline_always_predicts_the_most_frequent_training_label():
    system = models.baselines(settings.SEED)[0]
    system.model.fit(["a", "b", "c", "d"], ["billing", "shipping", "billing", "account"])
    assert list(system.model.predict(["anything", "else"])) == ["billing", "billing"]


def test_naive_bayes_learns_words_of_each_label():
    system = models.baselines(settings.SEED)[1]
    system.model.fit(["red apple", "green apple", "blue sky", "grey sky"], ["fruit", "fruit", "sky", "sky"])
    assert list(system.model.predict(["apple pie", "cloudy sky"])) == ["fruit", "sky"]


def test_every_system_learns_from_the_shipped_training_split(prepared):
    """Each system of the ladder, fitted on train, scores validation better than chance would
    allow for the trivial one (sanity of the wiring, not a target)."""
    split = TASK.load_split(prepared / settings.PROCESSED_DIR, include_test=False)
    assert split.X_test == [] and len(split.X_val) == len(split.y_val) > 0
    metric = TASK.metrics(split)[TASK.primary_metric]
    scores = []
    for system in [*models.baselines(settings.SEED), models.candidate(settings.SEED, models.DEFAULT_PARAMS)]:
        scores.append(tuning.score_on_validation(TASK, split, system, metric))  # fits on train
        assert len(system.model.predict(split.X_val)) == len(split.y_val)
    assert scores[-1] > scores[0]


def test_systems_have_distinct_names_and_the_search_space_fits_the_candidate():
    names = [s.name for s in models.baselines(0)] + [models.candidate(0, models.DEFAULT_PARAMS).name]
    assert len(set(names)) == len(names) >= 3
    assert set(models.SEARCH_SPACE) <= set(models.DEFAULT_PARAMS)
    for point in tuning.grid(TASK):
        assert models.candidate(0, point).params == point
