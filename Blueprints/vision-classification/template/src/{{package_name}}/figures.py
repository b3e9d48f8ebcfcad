"""The report's figures for image classification: a confusion matrix and the misclassified images.

harness.Task.figures calls `draw()` after each evaluation with the candidate and the strongest
baseline; it draws the candidate's figures with matplotlib through impact.chart (PNG 1200 px wide
and SVG beside it, in impact/), and the report shows them under the latest run.
"""

import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import matplotlib.pyplot as plt
import numpy as np

from .impact import chart
from .impact.harness import Split, System
from .pipeline import ordered

CONFUSION = "confusion_matrix"
MISTAKES = "mistakes"
MAX_MISTAKES = 24


def confusion(y_true: Sequence[Any], y_pred: Sequence[Any], labels: list[str]) -> np.ndarray:
    """counts[i, j]: images of labels[i] predicted as labels[j]."""
    index = {label: i for i, label in enumerate(labels)}
    counts = np.zeros((len(labels), len(labels)), dtype=int)
    for t, p in zip(y_true, y_pred, strict=True):
        counts[index[str(t)], index[str(p)]] += 1
    return counts


def confusion_chart(counts: np.ndarray, labels: list[str], stem: Path, *, title: str,
                    subtitle: str) -> list[str]:
    """Rows are true labels, columns predicted ones; a cell's shade is its share of the row, the
    count is written in every non-empty cell. Returns the file names (PNG, SVG)."""
    n = len(labels)
    fig, ax = chart.figure(title, subtitle, height_px=max(600, 160 + 44 * n))
    with plt.rc_context(chart.STYLE):
        rows = counts.sum(axis=1, keepdims=True)
        share = np.divide(counts, rows, out=np.zeros(counts.shape), where=rows > 0)
        ax.imshow(share, cmap="Blues", vmin=0.0, vmax=1.0)
        ax.grid(False)
        ax.set_xticks(range(n), [label[:8] for label in labels])
        ax.set_yticks(range(n), [label[:12] for label in labels])
        ax.set_xlabel("predicted label")
        ax.set_ylabel("true label")
        if n <= 30:
            for i in range(n):
                for j in range(n):
                    if counts[i, j]:
                        ax.text(j, i, str(counts[i, j]), ha="center", va="center", fontsize=12,
                                color="white" if share[i, j] > 0.6 else (chart.NOTE if i != j else "black"))
        fig.subplots_adjust(top=0.84)
    return chart.save(fig, stem)


def mistakes_chart(images: np.ndarray, y_true: Sequence[str], y_pred: Sequence[str], stem: Path, *,
                   title: str, subtitle: str) -> list[str]:
    """The given images (rows of side * side pixels, more ink = darker), captioned true -> predicted."""
    side = math.isqrt(images.shape[1])
    columns = 8
    rows = max(1, math.ceil(len(images) / columns))
    height = max(600, 200 + 180 * rows)
    fig, ax = chart.figure(title, subtitle, height_px=height)
    ax.remove()
    with plt.rc_context(chart.STYLE):
        grid = fig.subplots(rows, columns, squeeze=False)
        top = float(images.max()) or 1.0
        for k, cell in enumerate(grid.flat):
            cell.axis("off")
            if k < len(images):
                cell.imshow(images[k].reshape(side, side), cmap="gray_r", vmin=0.0, vmax=top)
                cell.set_title(f"{y_true[k][:6]} → {y_pred[k][:6]}", fontsize=15, color=chart.NOTE)
        fig.subplots_adjust(top=1 - 150 / height, bottom=max(0.04, 1 - (150 + 180 * rows) / height),
                            hspace=0.45)
    return chart.save(fig, stem)


def draw(split: Split, systems: dict[str, System], predictions: dict[str, np.ndarray],
         directory: Path) -> list[tuple[str, str]]:
    """Task.figures: the candidate's confusion matrix and its misclassified test images."""
    name = systems["candidate"].name
    y_true = [str(t) for t in split.y_test]
    y_pred = [str(p) for p in predictions["candidate"]]
    labels = ordered(y_true + y_pred)
    counts = confusion(y_true, y_pred, labels)
    right, total = int(np.trace(counts)), len(y_true)
    title = f"Confusion matrix of {name}"
    files = confusion_chart(counts, labels, directory / CONFUSION, title=title,
                            subtitle=f"{right} of {total} test images right; a row per true label, "
                                     "shaded by its share")
    drawn = [(title, files[0])]
    wrong = [i for i, (t, p) in enumerate(zip(y_true, y_pred, strict=True)) if t != p]
    for suffix in (".png", ".svg"):
        (directory / MISTAKES).with_suffix(suffix).unlink(missing_ok=True)
    if wrong:
        shown = wrong[:MAX_MISTAKES]
        title = f"Test images {name} got wrong"
        more = f", the first {len(shown)} shown" if len(shown) < len(wrong) else ""
        files = mistakes_chart(np.asarray(split.X_test)[shown], [y_true[i] for i in shown],
                               [y_pred[i] for i in shown], directory / MISTAKES, title=title,
                               subtitle=f"{len(wrong)} of {total}{more}; caption: true label → predicted")
        drawn.append((title, files[0]))
    return drawn
