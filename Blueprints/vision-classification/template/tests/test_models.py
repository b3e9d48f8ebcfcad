"""The two image classifiers: the majority-class baseline and the RBF-kernel SVM."""

import numpy as np

from {{package_name}} import models, pipeline, settings
from {{package_name}}.task import TASK


def test_baseline_always_predicts_the_most_frequent_training_label():
    system = models.baseline(settings.SEED)
    system.model.fit(np.zeros((4, 4)), ["7", "1", "7", "3"])
    assert list(system.model.predict(np.ones((2, 4)))) == ["7", "7"]


def test_candidate_reads_the_digits(tmp_path):
    pipeline.run(tmp_path, out=lambda line: None)  # an empty data/raw/: the bundled digits
    split = TASK.load_split(tmp_path / settings.PROCESSED_DIR)
    system = models.candidate(settings.SEED)
    system.model.fit(split.X_train, split.y_train)
    accuracy = np.mean(np.asarray(system.model.predict(split.X_test)) == np.asarray(split.y_test))
    assert accuracy > 0.95


def test_candidate_does_not_depend_on_the_intensity_scale(tmp_path):
    pipeline.run(tmp_path, out=lambda line: None)
    split = TASK.load_split(tmp_path / settings.PROCESSED_DIR)
    predictions = []
    for scale in (1.0, 255 / 16):
        system = models.candidate(settings.SEED)
        system.model.fit(split.X_train * scale, split.y_train)
        predictions.append(list(system.model.predict(split.X_test * scale)))
    assert predictions[0] == predictions[1]


def test_systems_have_distinct_names_and_loggable_params():
    base, cand = models.baseline(0), models.candidate(0)
    assert base.name != cand.name
    assert base.name == "majority-class"
    assert set(cand.params) >= {"kernel", "C", "gamma"}
