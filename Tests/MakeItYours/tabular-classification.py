#!/usr/bin/env python3
"""Make a tabular-classification project yours, as its README says, touching only the files it lists.

    Tests/MakeItYours/tabular-classification.py PROJECT_DIR

"Use your own data": deletes data/raw/breast_cancer.csv and writes a differently shaped, generated
table: wine-cellar lots in two files, no id column, the label column first, 9 feature columns with
other names (some cells missing as `NA` or empty), three labels (`keep`, `sell`, `blend`) instead of
two; rewrites data/README.md (its Source: line). "Use your own model": replaces the end of
models.py, from the comment `# The candidate's parameters` on, with the README's own example
(gradient-boosted trees), taken from the project's README. Prints the files it touched, the task's
new wording (ANSWERS, which the Swift driver sets with `scaffold update --set`, as the README says:
no hand edit of task.py, README.md, pyproject.toml or __init__.py) and the shipped example's words
that must then be gone (STALE). Then `make all` must pass (the Swift driver runs it). Standard
library only.
"""

import random
import sys
from pathlib import Path

import readme_model

FEATURES = ("acidity", "sugar_g_l", "alcohol_pct", "tannin", "ph", "age_years", "oak_months", "sulfites",
            "score_panel")
LABELS = ("keep", "sell", "blend")

ANSWERS = {
    "task_name": "what to do with a wine-cellar lot (keep, sell or blend)",
    "unit": "lot",
    "units": "lots",
    "description": "Keep, sell or blend a wine-cellar lot, against the class prior and the best single feature",
}
# The shipped example's words (Wisconsin breast-cancer biopsies, malignant vs benign): word starts.
STALE = ["breast", "cancer", "malignan", "benign", "patient", "biops", "diagnos", "tumo", "nucle",
         "Wisconsin", "Wolberg", "clinic", "perimeter", "aspirat"]


def lots(rng: random.Random, n: int) -> list[tuple[str, list[str]]]:
    """(label, feature cells) rows: each label shifts a few features; some cells are missing."""
    rows = []
    for _ in range(n):
        k = rng.randrange(len(LABELS))
        values = [rng.gauss(0, 1) for _ in FEATURES]
        values[2] += 0.9 * k  # alcohol
        values[5] += 1.2 * (k == 0)  # old lots are kept
        values[8] -= 0.8 * (k == 2)  # low panel scores go to the blend
        values[3] += 0.6 * values[2] * (k == 1)  # an interaction
        cells = [f"{10 + 3 * v:.3f}" for v in values]
        for j in range(len(cells)):
            if rng.random() < 0.03:
                cells[j] = rng.choice(["NA", ""])
        rows.append((LABELS[k], cells))
    return rows


def write_data(root: Path, rng: random.Random) -> list[Path]:
    raw = root / "data" / "raw"
    (raw / "breast_cancer.csv").unlink()
    rows = lots(rng, 420)
    touched = [raw / "breast_cancer.csv"]  # deleted
    order = list(FEATURES)
    rng.shuffle(order)  # the second file lists the columns in another order
    files = (("lots-2023.csv", rows[:250], list(FEATURES)), ("lots-2024.csv", rows[250:], order))
    for name, part, columns in files:
        at = [FEATURES.index(c) for c in columns]
        lines = [",".join(["label", *columns]) + "\n"]
        lines += [",".join([label, *(cells[j] for j in at)]) + "\n" for label, cells in part]
        path = raw / name
        path.write_text("".join(lines), encoding="utf-8")
        touched.append(path)
    counts = {label: sum(r[0] == label for r in rows) for label in LABELS}
    missing = sum(c in ("NA", "") for _, cells in rows for c in cells)
    card = root / "data" / "README.md"
    card.write_text(
        "# Data card: wine-cellar lots\n\n"
        "Source: generated wine-cellar lots (Tests/MakeItYours/tabular-classification.py in the scaffold "
        "repository)\n\n"
        f"Synthetic: {len(rows)} lots in two files, {len(FEATURES)} numeric measurements each "
        f"({missing} cells missing), labelled "
        + ", ".join(f"{label} {n}" for label, n in counts.items())
        + ". Made to test the project on another table; says nothing about wine.\n", encoding="utf-8")
    touched.append(card)
    return touched


def main(argv: list[str]) -> int:
    return readme_model.main(argv, __doc__.splitlines()[2].strip(), 11, lambda root, rng: [
        *write_data(root, rng), readme_model.swap_model(root, "# The candidate's parameters")], ANSWERS, STALE)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
