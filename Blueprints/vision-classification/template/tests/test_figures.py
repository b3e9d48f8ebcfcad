"""The report's figures: the confusion matrix and the misclassified images."""

import xml.etree.ElementTree as ET

import numpy as np

from {{package_name}} import figures, pipeline, report, settings
from {{package_name}}.impact.harness import Split, System

SVG = "{http://www.w3.org/2000/svg}"


def test_labels_sort_as_numbers_when_they_are_numbers():
    assert pipeline.ordered(["10", "2", "1"]) == ["1", "2", "10"]
    assert pipeline.ordered(["cat", "ant", "bee"]) == ["ant", "bee", "cat"]


def test_confusion_counts_each_test_image_once_in_its_true_row_and_predicted_column():
    counts = figures.confusion(["a", "a", "b", "c", "c"], ["a", "b", "b", "c", "a"], ["a", "b", "c"])
    assert counts.tolist() == [[1, 1, 0], [0, 1, 0], [1, 0, 1]]


def test_draw_writes_both_figures_and_names_them(tmp_path):
    X = np.arange(4 * 9, dtype=float).reshape(4, 9)
    split = Split(X_train=X, y_train=["1", "2", "1", "2"], X_test=X, y_test=["1", "2", "1", "2"])
    systems = {"baseline": System("majority-class", None), "candidate": System("svm", None)}
    drawn = figures.draw(split, systems, {"baseline": np.array(["1"] * 4),
                                          "candidate": np.array(["1", "2", "2", "1"])}, tmp_path)
    assert drawn == [("Confusion matrix of svm", "confusion_matrix.svg"),
                     ("Test images svm got wrong", "mistakes.svg")]
    matrix = ET.parse(tmp_path / "confusion_matrix.svg").getroot()
    cells = [r for r in matrix.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None]
    assert [c.find(f"{SVG}title").text for c in cells] == [
        "true 1, predicted 1: 1", "true 1, predicted 2: 1",
        "true 2, predicted 1: 1", "true 2, predicted 2: 1"]
    assert "2 of 4 test images right" in ET.tostring(matrix, encoding="unicode")
    gallery = ET.tostring(ET.parse(tmp_path / "mistakes.svg").getroot(), encoding="unicode")
    assert "1 → 2" in gallery and "2 → 1" in gallery
    perfect = figures.draw(split, systems, {"baseline": np.array(["1"] * 4),
                                            "candidate": np.array(split.y_test)}, tmp_path)
    assert [f for _, f in perfect] == ["confusion_matrix.svg"]
    assert not (tmp_path / "mistakes.svg").exists()


def test_the_report_shows_the_figures_of_the_latest_run(evaluated):
    assert report.main(["--root", str(evaluated.root)]) == 0
    md = (evaluated.root / settings.REPORT).read_text(encoding="utf-8")
    name = evaluated.records[-1]["system"]
    assert f"![Confusion matrix of {name}](confusion_matrix.svg)" in md
    matrix = ET.parse(evaluated.root / settings.IMPACT_DIR / "confusion_matrix.svg").getroot()
    counts = [int(t.text.rsplit(": ", 1)[1]) for t in matrix.iter(f"{SVG}title") if "predicted" in t.text]
    assert sum(counts) == evaluated.records[-1]["data"]["rows"]["test"]
