"""The ROC-curve figure the report shows for binary data."""

import xml.etree.ElementTree as ET

import numpy as np
from sklearn.metrics import roc_curve

from {{package_name}} import figures, models, settings
from {{package_name}}.task import TASK

SVG = "{http://www.w3.org/2000/svg}"


def test_roc_points_match_scikit_learn_with_ties():
    rng = np.random.default_rng(0)
    positive = rng.random(80) < 0.4
    score = np.round(np.clip(0.3 * positive + rng.random(80) * 0.7, 0, 1), 1)  # many ties
    fpr, tpr = figures.roc_points(score, positive)
    want_fpr, want_tpr, _ = roc_curve(positive, score, drop_intermediate=False)
    assert np.allclose(fpr, want_fpr) and np.allclose(tpr, want_tpr)


def test_draw_writes_both_curves_for_binary_data_and_nothing_for_more_labels(prepared, tmp_path):
    split = TASK.load_split(prepared / settings.PROCESSED_DIR)
    systems = {"baseline": models.baseline(0), "candidate": models.candidate(0)}
    predictions = {}
    for role, system in systems.items():
        system.model.fit(split.X_train, split.y_train)
        predictions[role] = TASK.predict(system.model, split.X_test)
    drawn = TASK.figures(split, systems, predictions, tmp_path)
    assert drawn == [(f"ROC curves on {len(split.y_test)} test rows", figures.FILE)]
    svg = ET.parse(tmp_path / figures.FILE).getroot()
    assert len(svg.findall(f".//{SVG}polyline")) == 3  # the diagonal and one curve per system
    assert "scaled-logreg" in ET.tostring(svg, encoding="unicode")
    assert figures.draw(split, systems, predictions, tmp_path, labels=["a", "b", "c"], positive=None) == []
