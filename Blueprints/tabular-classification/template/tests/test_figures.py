"""The ROC-curve figure the report shows for binary data (drawn on a generated table)."""

import struct
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from sklearn.metrics import roc_curve

from _tables import prepared_table
from {{package_name}} import figures, models, settings
from {{package_name}}.task import TASK


@pytest.fixture
def binary_table(tmp_path: Path, write_raw: Callable[..., Path]) -> Path:
    return prepared_table(tmp_path, write_raw)


def test_roc_points_match_scikit_learn_with_ties() -> None:
    rng = np.random.default_rng(0)
    positive = rng.random(80) < 0.4
    score = np.round(np.clip(0.3 * positive + rng.random(80) * 0.7, 0, 1), 1)  # many ties
    fpr, tpr = figures.roc_points(score, positive)
    want_fpr, want_tpr, _ = roc_curve(positive, score, drop_intermediate=False)
    assert np.allclose(fpr, want_fpr) and np.allclose(tpr, want_tpr)


def test_draw_writes_png_and_svg_for_binary_data_and_nothing_for_more_labels(binary_table: Path,
                                                                              tmp_path: Path) -> None:
    split = TASK.load_split(binary_table / settings.PROCESSED_DIR)
    systems = {"baseline": models.baselines(0)[-1], "candidate": models.candidate(0, models.DEFAULT_PARAMS)}
    predictions = {}
    for role, system in systems.items():
        system.model.fit(split.X_train, split.y_train)
        predictions[role] = TASK.predict(system.model, split.X_test)
    assert TASK.figures is not None
    out = tmp_path / "figures"
    drawn = TASK.figures(split, systems, predictions, out)
    assert drawn == [(f"ROC curves on {len(split.y_test)} test rows", figures.FILE)]
    png = (out / figures.FILE).read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">I", png[16:20])[0] == 1200  # width in px
    assert (out / f"{figures.STEM}.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")
    assert figures.draw(split, systems, predictions, out, labels=["a", "b", "c"], positive=None) == []
