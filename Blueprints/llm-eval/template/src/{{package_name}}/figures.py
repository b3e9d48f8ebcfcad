"""A figure for IMPACT.md beside the log's numbers: token-F1 per document of the knowledge base.

The harness calls f1_by_document (Task.figures) after each evaluation with the test predictions
of the candidate and the strongest baseline; the report shows the PNG under the tables of the
latest run (an SVG is written beside it).
"""

from pathlib import Path
from typing import Any

import numpy as np

from . import scoring
from .impact import chart
from .impact.harness import Split, System


def f1_by_document(split: Split, systems: dict[str, System], predictions: dict[str, np.ndarray],
                   directory: Path) -> list[tuple[str, str]]:
    """Horizontal bars of each system's token-F1 on the test questions of each document."""
    docs: list[str] = list(split.X_test.docs)
    if not docs or not all(docs):
        return []  # the questions do not say which document answers them
    names = sorted(set(docs))
    roles = [r for r in ("baseline", "candidate") if r in systems]
    scores: dict[str, list[float]] = {r: [] for r in roles}
    counts = []
    for doc in names:
        at = [i for i, d in enumerate(docs) if d == doc]
        counts.append(len(at))
        for r in roles:
            scores[r].append(float(np.mean([scoring.token_f1(str(predictions[r][i]),
                                                             scoring.answers_of(split.y_test[i]))
                                            for i in at])))
    colours = {"baseline": chart.BASELINE, "candidate": chart.CANDIDATE}
    height = 160 + 52 * len(names)
    fig, ax = chart.figure("Token-F1 by document",
                           f"test questions per document: {systems['candidate'].name} vs "
                           f"{systems['baseline'].name} (strongest baseline)", height_px=height)
    y = np.arange(len(names))
    bar = 0.38
    for k, r in enumerate(roles):
        offset = (k - (len(roles) - 1) / 2) * bar
        ax.barh(y + offset, scores[r], height=bar, color=colours[r], label=systems[r].name)
        for yi, v in zip(y + offset, scores[r], strict=True):
            ax.text(v + 0.01, yi, f"{v:.2f}", va="center", fontsize=12, color=colours[r])
    ax.set_yticks(y, [f"{doc} ({n})" for doc, n in zip(names, counts, strict=True)])
    ax.invert_yaxis()
    ax.set_xlim(0, 1.12)
    ax.set_xlabel("token-F1 (mean over the document's test questions)")
    ax.legend(loc="lower right")
    fig.subplots_adjust(left=0.24, right=0.97, top=1 - 110 / height, bottom=70 / height)
    files: list[Any] = chart.save(fig, directory / "f1_by_document")
    return [("Token-F1 by document (the number of test questions in brackets)", str(files[0]))]
