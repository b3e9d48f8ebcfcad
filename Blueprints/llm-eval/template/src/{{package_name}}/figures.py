"""A figure for IMPACT.md beside the log's numbers: token-F1 per document of the knowledge base.

The harness calls f1_by_document (Task.figures) after each evaluation with the test
predictions; the report links the SVG it writes under the tables of the latest run.
"""

from pathlib import Path

import numpy as np

from . import scoring
from .impact import chart
from .impact.harness import Split, System


def f1_by_document(split: Split, systems: dict[str, System], predictions: dict[str, np.ndarray],
                   directory: Path) -> list[tuple[str, str]]:
    """A bar chart of each system's token-F1 on the test questions of each document: where it fails."""
    docs = split.X_test.docs
    if not docs or not all(docs):
        return []  # the questions do not say which document answers them
    names = sorted(set(docs))
    rows = []
    for doc in names:
        at = [i for i, d in enumerate(docs) if d == doc]
        scores = {role: float(np.mean([scoring.token_f1(predictions[role][i], split.y_test[i]) for i in at]))
                  for role in ("baseline", "candidate")}
        rows.append((doc, len(at), scores))
    label_width, bar, row_height, top = 190, 420, 34, 78
    height = top + row_height * len(rows) + 40
    colours = {"baseline": chart.BASELINE, "candidate": chart.CANDIDATE}
    out = chart.begin(label_width + bar + 90, height, "Token-F1 by document",
                      f"test questions per document; {systems['candidate'].name} (blue) vs "
                      f"{systems['baseline'].name} (grey)", left=24)
    for tick in (0, 0.25, 0.5, 0.75, 1):
        x = label_width + tick * bar
        out.append(f'<line x1="{x:.1f}" y1="{top - 8}" x2="{x:.1f}" y2="{height - 34}" '
                   f'stroke="{chart.GRID}"/>')
        out.append(chart.text(x, height - 18, f"{tick:g}", 11, "middle", chart.BASELINE))
    for n, (doc, count, scores) in enumerate(rows):
        y = top + n * row_height
        out.append(chart.text(label_width - 10, y + 15, f"{doc} ({count})", 12, "end"))
        for k, role in enumerate(("baseline", "candidate")):
            width = max(scores[role] * bar, 1)
            out.append(f'<rect x="{label_width}" y="{y + k * 12:.1f}" width="{width:.1f}" height="11" '
                       f'fill="{colours[role]}"/>')
            out.append(chart.text(label_width + width + 5, y + k * 12 + 10, f"{scores[role]:.2f}", 10,
                                  fill=colours[role]))
    out.append("</svg>")
    (directory / "f1_by_document.svg").write_text("\n".join(out) + "\n", encoding="utf-8")
    return [("Token-F1 by document (the number of test questions in brackets)", "f1_by_document.svg")]
