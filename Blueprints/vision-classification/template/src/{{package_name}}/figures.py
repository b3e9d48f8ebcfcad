"""The report's figures for image classification: a confusion matrix and the misclassified images.

harness.Task.figures calls `draw()` after each evaluation; it writes the SVG
files beside IMPACT.md, and the report shows them under the latest run.
"""

import math
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from .impact.chart import BASELINE, CANDIDATE, GRID, INK, NOTE, begin, text
from .impact.harness import Split, System
from .pipeline import ordered

CONFUSION = "confusion_matrix.svg"
MISTAKES = "mistakes.svg"
MAX_MISTAKES = 24


def confusion(y_true: Sequence, y_pred: Sequence, labels: list[str]) -> np.ndarray:
    """counts[i, j]: images of labels[i] predicted as labels[j]."""
    index = {label: i for i, label in enumerate(labels)}
    counts = np.zeros((len(labels), len(labels)), dtype=int)
    for t, p in zip(y_true, y_pred, strict=True):
        counts[index[str(t)], index[str(p)]] += 1
    return counts


def confusion_svg(counts: np.ndarray, labels: list[str], *, title: str, subtitle: str) -> str:
    """A confusion matrix: rows are true labels, columns predicted ones; a cell's shade is its share
    of the row, blue on the diagonal (right), amber off it (wrong)."""
    n = len(labels)
    cell = max(8, min(40, 400 // n))
    left, top = 110, 104
    width, height = max(left + n * cell + 40, 620), top + n * cell + 40
    out = begin(width, height, title, subtitle)
    out.append(text(left + n * cell / 2, top - 30, "predicted label →", 12, "middle", BASELINE))
    out.append(text(left - 8, top - 30, "true label ↓", 12, "end", BASELINE))
    size = max(8, min(12, cell // 2))
    rows = counts.sum(axis=1)
    for i, label in enumerate(labels):
        out.append(text(left - 8, top + i * cell + cell / 2 + size / 3, label[:12], size, "end"))
        out.append(text(left + i * cell + cell / 2, top - 8, label[:4], size, "middle"))
        for j in range(n):
            x, y, count = left + j * cell, top + i * cell, int(counts[i, j])
            share = count / rows[i] if rows[i] else 0.0
            color = CANDIDATE if i == j else NOTE
            opacity = 0.0 if not count else max(0.15 if i == j else 0.4, share)
            out.append(f'<rect x="{x}" y="{y}" width="{cell}" height="{cell}" fill="{color}" '
                       f'fill-opacity="{opacity:.2f}" stroke="{GRID}"><title>true {labels[i]}, predicted '
                       f'{labels[j]}: {count}</title></rect>')
            if count and cell >= 18:
                out.append(text(x + cell / 2, y + cell / 2 + size / 3, str(count), size, "middle",
                                "#ffffff" if opacity > 0.6 else INK))
    out.append("</svg>")
    return "\n".join(out) + "\n"


def mistakes_svg(images: np.ndarray, y_true: Sequence, y_pred: Sequence, *, title: str,
                 subtitle: str) -> str:
    """The given images (rows of side * side pixels, more ink = darker), captioned true → predicted."""
    side = math.isqrt(images.shape[1])
    px = 56 / side
    columns, box = min(8, max(len(images), 1)), 80
    rows = max(1, math.ceil(len(images) / columns))
    width, height = max(64 + columns * box + 16, 480), 72 + rows * (box + 12)
    out = begin(width, height, title, subtitle)
    top = images.max() or 1.0
    for k, (pixels, t, p) in enumerate(zip(images, y_true, y_pred, strict=True)):
        x0, y0 = 64 + (k % columns) * box, 72 + (k // columns) * (box + 12)
        out.append(f'<rect x="{x0}" y="{y0}" width="56" height="56" fill="#ffffff" stroke="{GRID}"/>')
        for q in np.flatnonzero(pixels > 0):
            gray = round(255 * (1 - min(pixels[q] / top, 1.0)))
            out.append(f'<rect x="{x0 + (q % side) * px:.1f}" y="{y0 + (q // side) * px:.1f}" '
                       f'width="{px:.2f}" height="{px:.2f}" fill="rgb({gray},{gray},{gray})"/>')
        out.append(text(x0 + 28, y0 + 72, f"{str(t)[:6]} → {str(p)[:6]}", 12, "middle", NOTE))
    out.append("</svg>")
    return "\n".join(out) + "\n"


def draw(split: Split, systems: dict[str, System], predictions: dict,
         directory: Path) -> list[tuple[str, str]]:
    """Task.figures: write the candidate's confusion matrix and its misclassified test images."""
    name = systems["candidate"].name
    y_true = [str(t) for t in split.y_test]
    y_pred = [str(p) for p in predictions["candidate"]]
    labels = ordered(y_true + y_pred)
    counts = confusion(y_true, y_pred, labels)
    right, total = int(np.trace(counts)), len(y_true)
    title = f"Confusion matrix of {name}"
    (directory / CONFUSION).write_text(confusion_svg(
        counts, labels, title=title,
        subtitle=f"{right} of {total} test images right; a row per true label, shaded by share"),
        encoding="utf-8")
    drawn = [(title, CONFUSION)]
    wrong = [i for i, (t, p) in enumerate(zip(y_true, y_pred, strict=True)) if t != p]
    (directory / MISTAKES).unlink(missing_ok=True)
    if wrong:
        shown = wrong[:MAX_MISTAKES]
        title = f"Test images {name} got wrong"
        more = f", the first {len(shown)} shown" if len(shown) < len(wrong) else ""
        (directory / MISTAKES).write_text(mistakes_svg(
            np.asarray(split.X_test)[shown], [y_true[i] for i in shown], [y_pred[i] for i in shown],
            title=title, subtitle=f"{len(wrong)} of {total}{more}; caption: true label → predicted"),
            encoding="utf-8")
        drawn.append((title, MISTAKES))
    return drawn
