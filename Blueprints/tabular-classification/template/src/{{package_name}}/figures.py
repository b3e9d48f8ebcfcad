"""The report's figure for binary classification: ROC curves of both systems on the test split.

harness.Task.figures calls task.py's `task_figures`, which calls `draw()` after each
evaluation; the SVG goes beside IMPACT.md and the report shows it under the latest
run. With three or more labels there is no single positive label, so no figure.
"""

from pathlib import Path
from xml.sax.saxutils import escape

import numpy as np

from .impact import chart
from .impact.harness import Split, System
from .scores import binary_roc_auc

FILE = "roc_curve.svg"
SIZE = 260  # side of the square plot, in px


def roc_points(score: np.ndarray, positive: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(false positive rates, true positive rates) from the strictest threshold to the loosest;
    tied scores make one step."""
    order = np.argsort(-score, kind="stable")
    ordered, pos = score[order], positive[order]
    last_of_tie = np.r_[ordered[1:] != ordered[:-1], True]
    tp, fp = np.cumsum(pos)[last_of_tie], np.cumsum(~pos)[last_of_tie]
    return (np.r_[0.0, fp / max(fp[-1], 1)], np.r_[0.0, tp / max(tp[-1], 1)])


def roc_svg(curves: list[tuple[str, np.ndarray, np.ndarray, float]], *, title: str, subtitle: str,
            positive: str) -> str:
    """curves = [(system name, fpr, tpr, ROC-AUC)]: the first in blue, the others grey and dashed."""
    left, top = 84, 72

    def at(fpr: float, tpr: float) -> str:
        return f"{left + fpr * SIZE:.1f},{top + (1 - tpr) * SIZE:.1f}"

    out = chart.begin(left + SIZE + 220, top + SIZE + 64, title, subtitle)
    for t in (0.0, 0.25, 0.5, 0.75, 1.0):
        out.append(f'<line x1="{left}" y1="{top + (1 - t) * SIZE:.1f}" x2="{left + SIZE}" '
                   f'y2="{top + (1 - t) * SIZE:.1f}" stroke="{chart.GRID}"/>')
        out.append(f'<line x1="{left + t * SIZE:.1f}" y1="{top}" x2="{left + t * SIZE:.1f}" '
                   f'y2="{top + SIZE}" stroke="{chart.GRID}"/>')
        out.append(chart.text(left - 8, top + (1 - t) * SIZE + 4, f"{t:g}", 11, "end", chart.BASELINE))
        out.append(chart.text(left + t * SIZE, top + SIZE + 18, f"{t:g}", 11, "middle", chart.BASELINE))
    out.append(f'<polyline points="{at(0, 0)} {at(1, 1)}" fill="none" stroke="{chart.BASELINE}" '
               'stroke-dasharray="1 3"/>')
    x_label = f"false positive rate (others flagged {positive})"
    out.append(chart.text(left + SIZE / 2, top + SIZE + 40, x_label, 12, "middle", chart.BASELINE))
    x, y = left - 44, top + SIZE / 2
    out.append(f'<text transform="rotate(-90 {x} {y})" x="{x}" y="{y}" font-size="12" text-anchor="middle" '
               f'fill="{chart.BASELINE}">{escape(f"true positive rate (share of {positive} found)")}</text>')
    for n, (name, fpr, tpr, auc) in reversed(list(enumerate(curves))):
        color, dash = (chart.CANDIDATE, "") if n == 0 else (chart.BASELINE, ' stroke-dasharray="6 4"')
        points = " ".join(at(f, t) for f, t in zip(fpr, tpr, strict=True))
        out.append(f'<polyline points="{points}" fill="none" stroke="{color}" stroke-width="2"{dash}/>')
        y = top + 10 + 34 * n
        out.append(f'<line x1="{left + SIZE + 32}" y1="{y}" x2="{left + SIZE + 56}" y2="{y}" '
                   f'stroke="{color}" stroke-width="2"{dash}/>')
        out.append(chart.text(left + SIZE + 64, y + 4, name[:24], 12))
        out.append(chart.text(left + SIZE + 64, y + 19, f"ROC-AUC {auc:.3f}", 11, fill=chart.BASELINE))
    out.append("</svg>")
    return "\n".join(out) + "\n"


def draw(split: Split, systems: dict[str, System], predictions: dict[str, np.ndarray], directory: Path,
         *, labels: list[str], positive: str | None) -> list[tuple[str, str]]:
    """roc_curve.svg for binary data (columns of the probabilities in `labels` order); nothing otherwise."""
    if positive is None:
        return []
    column = labels.index(positive)
    is_positive = np.asarray(split.y_test) == positive
    curves = []
    for role in ("candidate", "baseline"):
        score = np.asarray(predictions[role], dtype=float)[:, column]
        auc = float(binary_roc_auc(score, is_positive, np.ones((1, len(score))))[0])
        curves.append((systems[role].name, *roc_points(score, is_positive), auc))
    title = f"ROC curves on {len(score)} test rows"
    svg = roc_svg(curves, title=title, positive=positive,
                  subtitle=f"positive label: {positive}; each point is one threshold on its probability")
    (directory / FILE).write_text(svg, encoding="utf-8")
    return [(title, FILE)]
