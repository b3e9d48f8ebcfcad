"""The report's figure for binary classification: ROC curves of the candidate and the strongest baseline.

harness.Task.figures calls task.py's `task_figures`, which calls `draw()` after each
evaluation; the figure (PNG and SVG, drawn with matplotlib through impact.chart) goes
beside IMPACT.md and the report shows it under the latest run. With three or more
labels there is no single positive label, so no figure.
"""

from pathlib import Path

import numpy as np

from .impact import chart
from .impact.harness import Split, System
from .scores import binary_roc_auc

STEM = "roc_curve"  # roc_curve.png and roc_curve.svg
FILE = STEM + ".png"


def roc_points(score: np.ndarray, positive: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(false positive rates, true positive rates) from the strictest threshold to the loosest;
    tied scores make one step."""
    order = np.argsort(-score, kind="stable")
    ordered, pos = score[order], positive[order]
    last_of_tie = np.r_[ordered[1:] != ordered[:-1], True]
    tp, fp = np.cumsum(pos)[last_of_tie], np.cumsum(~pos)[last_of_tie]
    return (np.r_[0.0, fp / max(fp[-1], 1)], np.r_[0.0, tp / max(tp[-1], 1)])


def draw(split: Split, systems: dict[str, System], predictions: dict[str, np.ndarray], directory: Path,
         *, labels: list[str], positive: str | None) -> list[tuple[str, str]]:
    """roc_curve.png/.svg for binary data (probability columns in `labels` order); nothing otherwise.
    `systems` and `predictions` are keyed by role: "candidate" and "baseline" (the strongest one)."""
    if positive is None:
        return []
    column = labels.index(positive)
    is_positive = np.asarray(split.y_test) == positive
    title = f"ROC curves on {len(is_positive)} test rows"
    fig, ax = chart.figure(title, f"positive label: {positive}; each step is one threshold on the "
                                  "predicted probability", height_px=700)
    ax.plot([0, 1], [0, 1], color=chart.BASELINE, linestyle=":", linewidth=1.5, label="chance (0.5)")
    for role, color, style in (("baseline", chart.BASELINE, "--"), ("candidate", chart.CANDIDATE, "-")):
        score = np.asarray(predictions[role], dtype=float)[:, column]
        auc = float(binary_roc_auc(score, is_positive, np.ones((1, len(score))))[0])
        fpr, tpr = roc_points(score, is_positive)
        ax.plot(fpr, tpr, color=color, linestyle=style, drawstyle="default",
                label=f"{systems[role].name} (ROC-AUC {auc:.3f})")
    ax.set_xlim(-0.01, 1.01)
    ax.set_ylim(-0.01, 1.01)
    ax.set_aspect("equal")
    ax.set_xlabel(f"false positive rate (others flagged {positive})")
    ax.set_ylabel(f"true positive rate ({positive} found)")
    ax.legend(loc="center left", bbox_to_anchor=(1.04, 0.5), frameon=False, fontsize=15)
    fig.subplots_adjust(left=0.02, right=0.62, top=0.86, bottom=0.11)
    chart.save(fig, directory / STEM)
    return [(title, FILE)]
