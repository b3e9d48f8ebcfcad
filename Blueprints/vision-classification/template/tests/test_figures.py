"""The report's figures: the confusion matrix and the misclassified images."""

import numpy as np

from {{package_name}} import figures, pipeline, report, settings
from {{package_name}}.impact.harness import Split, System


def test_labels_sort_as_numbers_when_they_are_numbers():
    assert pipeline.ordered(["10", "2", "1"]) == ["1", "2", "10"]
    assert pipeline.ordered(["cat", "ant", "bee"]) == ["ant", "bee", "cat"]


def test_confusion_counts_each_test_image_once_in_its_true_row_and_predicted_column():
    counts = figures.confusion(["a", "a", "b", "c", "c"], ["a", "b", "b", "c", "a"], ["a", "b", "c"])
    assert counts.tolist() == [[1, 1, 0], [0, 1, 0], [1, 0, 1]]


def test_draw_writes_both_figures_and_names_them(tmp_path):
    X = np.arange(4 * 9, dtype=float).reshape(4, 9)
    labels = ["1", "2", "1", "2"]
    split = Split(X_train=X, y_train=labels, X_val=X, y_val=labels, X_test=X, y_test=labels)
    systems = {"baseline": System("majority-class", None), "candidate": System("svm", None)}
    drawn = figures.draw(split, systems, {"baseline": np.array(["1"] * 4),
                                          "candidate": np.array(["1", "2", "2", "1"])}, tmp_path)
    assert drawn == [("Confusion matrix of svm", "confusion_matrix.png"),
                     ("Test images svm got wrong", "mistakes.png")]
    for name in ("confusion_matrix", "mistakes"):
        assert (tmp_path / f"{name}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert b"<svg" in (tmp_path / f"{name}.svg").read_bytes()[:400]
    perfect = figures.draw(split, systems, {"baseline": np.array(["1"] * 4),
                                            "candidate": np.array(labels)}, tmp_path)
    assert [f for _, f in perfect] == ["confusion_matrix.png"]
    assert not (tmp_path / "mistakes.png").exists() and not (tmp_path / "mistakes.svg").exists()


def test_the_report_shows_the_figures_of_the_latest_run(evaluated):
    assert report.main(["--root", str(evaluated.root)]) == 0
    md = (evaluated.root / settings.REPORT).read_text(encoding="utf-8")
    name = evaluated.records[-1]["system"]
    assert f"![Confusion matrix of {name}](confusion_matrix.png)" in md
    assert (evaluated.root / settings.IMPACT_DIR / "confusion_matrix.svg").is_file()
