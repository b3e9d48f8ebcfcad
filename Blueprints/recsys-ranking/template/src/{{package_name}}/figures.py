"""The report's figure: NDCG@K by how much history a test user has, candidate and strongest baseline.

harness.Task.figures calls `draw()` after each evaluation; the PNG (and SVG) go beside
IMPACT.md and the report shows them under the latest run. Collaborative filtering
needs history, popularity does not: the figure shows where the candidate gains or
loses, users with a short history on the left.
"""

from pathlib import Path

import numpy as np

from . import task
from .impact import chart
from .impact.harness import Split, System

STEM = "ndcg_by_history"
BUCKETS = ((1, 2), (3, 5), (6, 10), (11, 20), (21, 50), (51, None))  # distinct items before the cutoff


def history_sizes(split: Split) -> np.ndarray:
    """Distinct items each test user had before the test cutoff."""
    items: dict[str, set[str]] = {}
    for (user, _), item in zip(split.X_train, split.y_train, strict=True):
        items.setdefault(user, set()).add(item)
    return np.array([len(items.get(user, ())) for user in split.X_test], dtype=int)


def by_bucket(sizes: np.ndarray, scores: np.ndarray) -> list[tuple[str, int, float]]:
    """(label, users, mean score) of each non-empty history bucket."""
    out = []
    for low, high in BUCKETS:
        inside = (sizes >= low) & (sizes <= (high if high is not None else sizes.max(initial=low)))
        if inside.any():
            label = f"{low}+" if high is None else (f"{low}" if low == high else f"{low}-{high}")
            out.append((label, int(inside.sum()), float(scores[inside].mean())))
    return out


def draw(split: Split, systems: dict[str, System], predictions: dict[str, np.ndarray],
         directory: Path) -> list[tuple[str, str]]:
    """Grouped bars of NDCG@K per history bucket; returns [(title, PNG file name)]."""
    sizes = history_sizes(split)
    title = f"NDCG@{task.K} by the user's history"
    fig, ax = chart.figure(title, f"{len(sizes)} {task.TEST_UNITS}; distinct items each had before "
                                  "the test cutoff")
    width = 0.4
    labels: list[str] = []
    for n, (role, color) in enumerate((("baseline", chart.BASELINE), ("candidate", chart.CANDIDATE))):
        scores = task.ndcg_per_user(np.asarray(split.y_test), predictions[role])
        rows = by_bucket(sizes, scores)
        labels = [f"{label}\n({users} users)" for label, users, _ in rows]
        x = np.arange(len(rows)) + (n - 0.5) * width
        ax.bar(x, [s for _, _, s in rows], width, color=color, label=systems[role].name)
    ax.set_xticks(np.arange(len(labels)), labels)
    ax.set_xlabel("distinct items in the user's history")
    ax.set_ylabel(f"mean NDCG@{task.K}")
    ax.set_axisbelow(True)
    ax.legend(loc="lower left", bbox_to_anchor=(0.0, 1.0), ncol=2, frameon=False)
    fig.subplots_adjust(left=0.09, right=0.98, top=0.76, bottom=0.22)
    files = chart.save(fig, directory / STEM)
    return [(title, next(f for f in files if f.endswith(".png")))]
