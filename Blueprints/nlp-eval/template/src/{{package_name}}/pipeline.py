"""Data pipeline: data/raw/*.csv -> data/processed/{train,test}.csv + manifest.json.

    python -m PACKAGE.pipeline [--seed N] [--test-percent P] [--root DIR]

Input: one or more UTF-8 CSV files in data/raw/ whose header names at least a
`text` and a `label` column (an `id` column is kept if present, other columns
are ignored). Checks: every row has as many fields as the header, text and
label are not empty, ids are unique, each label has at least two rows. The
first problem stops the pipeline with `FILE:LINE: problem` and exit code 1.
Cleaning: Unicode NFC, runs of whitespace collapsed to one space, exact
duplicate (text, label) rows dropped. Split: stratified by label and seeded, so
the same input always gives the same bytes.
"""

import csv
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from . import settings
from .impact import ImpactError, cli, fingerprint, rawcsv

TEST_PERCENT = {{test_percent}}
COLUMNS = ("id", "text", "label")
EXPECTED = "at least text,label (id optional)"


@dataclass(frozen=True)
class Row:
    id: str
    text: str
    label: str
    where: str = ""  # FILE:LINE it came from


def normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def read_file(path: Path, name: str) -> list[Row]:
    """Rows of one raw CSV; `name` is how errors refer to the file."""
    table = rawcsv.read(path, name, required=("text", "label"), expected=EXPECTED,
                        fields_hint="quote text that contains commas")
    at = {c: table.index(c) for c in COLUMNS if c in table.header}
    rows = []
    for line, fields in table.rows:
        values = {c: normalise(fields[i]) for c, i in at.items()}
        for column in ("text", "label"):
            if not values[column]:
                raise table.error(line, f"empty '{column}'")
        if "id" in at and not values["id"]:
            raise table.error(line, "empty 'id'")
        rows.append(Row(values.get("id") or f"{path.stem}:{line}", values["text"], values["label"],
                        f"{name}:{line}"))
    return rows


def read_raw(root: Path) -> tuple[list[Row], dict[Path, int]]:
    """All rows of data/raw/*.csv (sorted by file name) and the row count of each file."""
    rows, counts, first_at = [], {}, {}
    for path in rawcsv.raw_files(root, expected="a header with text,label, one example per row"):
        file_rows = read_file(path, cli.rel(path, root))
        rawcsv.check_unique_ids(((row.id, row.where) for row in file_rows), first_at)
        rows += file_rows
        counts[path] = len(file_rows)
    return rows, counts


def deduplicate(rows: list[Row]) -> list[Row]:
    """Drop rows whose (text, label) already occurred, keeping the first."""
    seen, kept = set(), []
    for row in rows:
        if (row.text, row.label) not in seen:
            seen.add((row.text, row.label))
            kept.append(row)
    return kept


def split(rows: list[Row], *, seed: int, test_fraction: float) -> tuple[list[Row], list[Row]]:
    """Seeded split stratified by label; both parts keep the input order."""
    by_label: dict[str, list[int]] = {}
    for i, row in enumerate(rows):
        by_label.setdefault(row.label, []).append(i)
    rng = np.random.default_rng(seed)
    test: set[int] = set()
    for label in sorted(by_label):
        members = by_label[label]
        if len(members) < 2:
            raise ImpactError(f"{rows[members[0]].where}: label '{label}' has a single row; the "
                              "stratified split needs at least 2 per label: add rows or drop the label")
        k = min(max(1, int(len(members) * test_fraction + 0.5)), len(members) - 1)
        test.update(int(i) for i in rng.permutation(members)[:k])
    return ([r for i, r in enumerate(rows) if i not in test],
            [r for i, r in enumerate(rows) if i in test])


def write_rows(path: Path, rows: list[Row]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(COLUMNS)
        w.writerows((r.id, r.text, r.label) for r in rows)


def read_processed(path: Path) -> list[Row]:
    with open(path, encoding="utf-8", newline="") as f:
        return [Row(r["id"], r["text"], r["label"]) for r in csv.DictReader(f)]


def run(root: Path, *, seed: int = settings.SEED, test_percent: int = TEST_PERCENT,
        out=print) -> dict:
    """Read, check, clean, split and write; return the manifest."""
    cli.check_test_percent(test_percent)
    rows, counts = read_raw(root)
    out(f"pipeline: read {len(rows)} rows from {len(counts)} file{'s' if len(counts) > 1 else ''} "
        f"in {settings.RAW_DIR}/ ({', '.join(p.name for p in counts)})")
    kept = deduplicate(rows)
    out(f"  checked columns and rows; cleaned whitespace; dropped {len(rows) - len(kept)} duplicate rows")
    train, test = split(kept, seed=seed, test_fraction=test_percent / 100)
    tr, te = Counter(r.label for r in train), Counter(r.label for r in test)
    out(f"  split {len(train)} train / {len(test)} test, stratified by label (seed {seed}, "
        f"test {test_percent}%): " + ", ".join(f"{k} {tr[k]}/{te[k]}" for k in sorted(tr)))
    return fingerprint.write_splits(
        root, {"train": train, "test": test}, write_rows, inputs=counts, out=out,
        params={"seed": seed, "test_fraction": test_percent / 100, "stratify": "label",
                "columns": list(COLUMNS)})


def main(argv: list[str] | None = None) -> int:
    return cli.pipeline_main(argv, "Check, clean and split data/raw/*.csv into data/processed/.", run,
                             test_percent=TEST_PERCENT)


if __name__ == "__main__":
    sys.exit(main())
