"""Data pipeline: data/raw/*.csv -> data/processed/{train,test}.csv + manifest.json.

    python -m PACKAGE.pipeline [--seed N] [--test-percent P] [--root DIR]

Input: one or more UTF-8 CSV files in data/raw/, each with a header row (names
are read in lower case). The `label` column holds the class of each row, an
optional `id` column names the rows, and every other column is a numeric
feature: the same columns in every file, in any order. A cell is a number
(`3.5`, `-2e-3`) or missing (empty, `NA`, `NaN`, `null`, `?`); the candidate
model imputes missing cells.

The first problem stops the pipeline with `FILE:LINE: problem` and exit code 1:
a row with the wrong number of fields, a cell that is not a number, an empty
label, a repeated id, a feature column without a single value, fewer than two
labels, a label with a single row. Cleaning: exact duplicate rows (same features,
same label) are dropped. Split: stratified by label and seeded, so the same input
always gives the same bytes.
"""

import csv
import math
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from . import settings
from .impact import ImpactError, cli, fingerprint, rawcsv

TEST_PERCENT = {{test_percent}}
MISSING = frozenset({"", "na", "n/a", "nan", "null", "none", "?"})
EXPECTED = "a header with a 'label' column and numeric feature columns, one row per example"


@dataclass
class Table:
    """Rows of a feature table: X is (rows, features) floats with NaN for missing cells."""

    features: list[str]
    ids: list[str]
    X: np.ndarray
    labels: list[str]
    where: list[str]  # FILE:LINE of each row ("" once processed)

    def __len__(self) -> int:
        return len(self.labels)

    def take(self, rows) -> "Table":
        rows = list(rows)
        return Table(self.features, [self.ids[i] for i in rows], self.X[rows],
                     [self.labels[i] for i in rows], [self.where[i] for i in rows])


def parse_cell(cell: str, column: str, where: str) -> float:
    cell = cell.strip()
    if cell.lower() in MISSING:
        return math.nan
    try:
        value = float(cell)
    except ValueError:
        raise ImpactError(f"{where}: column '{column}': {cell!r} is not a number (features must be "
                          "numeric: encode categories as numbers, leave missing cells empty)") from None
    if not math.isfinite(value):
        raise ImpactError(f"{where}: column '{column}': {cell!r} is not a finite number")
    return value


def read_file(path: Path, name: str, features: list[str] | None = None) -> Table:
    """One raw CSV. `features`: the feature columns every file must have (those of the first file)."""
    raw = rawcsv.read(path, name, required=["label"], expected=EXPECTED)
    header = raw.header
    if "" in header:
        raise raw.error(1, f"column {header.index('') + 1} of the header has no name")
    label_at = raw.index("label")
    id_at = raw.index("id") if "id" in header else None
    columns = {h: i for i, h in enumerate(header) if i not in (label_at, id_at)}
    if not columns:
        raise raw.error(1, f"no feature columns: the header has only {','.join(header)}")
    if features is not None and set(columns) != set(features):
        problems = [f"{what} {', '.join(sorted(names))}" for what, names in
                    (("missing", set(features) - set(columns)), ("extra", set(columns) - set(features)))
                    if names]
        raise raw.error(1, f"the feature columns differ from the first file's ({'; '.join(problems)})")
    order = features or list(columns)
    ids, X, labels, where = [], [], [], []
    for line, fields in raw.rows:
        here = f"{name}:{line}"
        label = " ".join(fields[label_at].split())
        if not label:
            raise raw.error(line, "empty 'label'")
        row_id = fields[id_at].strip() if id_at is not None else f"{path.stem}:{line}"
        if not row_id:
            raise raw.error(line, "empty 'id'")
        X.append([parse_cell(fields[columns[c]], c, here) for c in order])
        ids.append(row_id)
        labels.append(label)
        where.append(here)
    return Table(order, ids, np.array(X, dtype=float), labels, where)


def read_raw(root: Path) -> tuple[Table, dict[Path, int]]:
    """All rows of data/raw/*.csv (files in name order) and the row count of each file."""
    files = rawcsv.raw_files(root, expected=EXPECTED)
    tables = []
    for path in files:
        tables.append(read_file(path, cli.rel(path, root), tables[0].features if tables else None))
    table = Table(tables[0].features, [i for t in tables for i in t.ids],
                  np.vstack([t.X for t in tables]), [lab for t in tables for lab in t.labels],
                  [w for t in tables for w in t.where])
    rawcsv.check_unique_ids(zip(table.ids, table.where, strict=True))
    empty = [f for j, f in enumerate(table.features) if np.isnan(table.X[:, j]).all()]
    if empty:
        raise ImpactError(f"{table.where[0].rsplit(':', 1)[0]}:1: column '{empty[0]}' has no value in "
                          "any row: drop it")
    return table, {path: len(t) for path, t in zip(files, tables, strict=True)}


def deduplicate(table: Table) -> Table:
    """Drop rows whose features and label repeat an earlier row's, keeping the first."""
    seen, keep = set(), []
    for i, (x, label) in enumerate(zip(table.X, table.labels, strict=True)):
        key = (x.tobytes(), label)  # NaN cells compare equal byte-wise
        if key not in seen:
            seen.add(key)
            keep.append(i)
    return table.take(keep)


def split(table: Table, *, seed: int, test_fraction: float) -> tuple[Table, Table]:
    """Seeded split stratified by label; both parts keep the input order."""
    counts = Counter(table.labels)
    if len(counts) < 2:
        raise ImpactError(f"{table.where[0]}: every row has the label '{table.labels[0]}': "
                          "a classifier needs at least two labels")
    for label, n in sorted(counts.items()):
        if n < 2:
            raise ImpactError(f"{table.where[table.labels.index(label)]}: label '{label}' has a single "
                              "row; the stratified split needs at least 2 per label: add rows or drop it")
    # one seeded shuffle of all rows; each label sends its first k shuffled rows to the test split
    shuffled = np.random.default_rng(seed).permutation(len(table))
    quota = {label: min(max(round(n * test_fraction), 1), n - 1) for label, n in counts.items()}
    test: set[int] = set()
    for i in shuffled.tolist():
        label = table.labels[i]
        if quota[label]:
            quota[label] -= 1
            test.add(i)
    train = [i for i in range(len(table)) if i not in test]
    return table.take(train), table.take(sorted(test))


def _cell(v: float) -> str:
    return "" if math.isnan(v) else repr(float(v))


def write_table(path: Path, table: Table) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", *table.features, "label"])
        for row_id, x, label in zip(table.ids, table.X, table.labels, strict=True):
            w.writerow([row_id, *map(_cell, x), label])


def read_processed(path: Path) -> Table:
    with open(path, encoding="utf-8", newline="") as f:
        header, *rows = list(csv.reader(f))
    X = np.array([[float(c) if c else math.nan for c in r[1:-1]] for r in rows], dtype=float)
    return Table(header[1:-1], [r[0] for r in rows], X.reshape(len(rows), len(header) - 2),
                 [r[-1] for r in rows], [""] * len(rows))


def balance(labels: list[str]) -> str:
    counts = Counter(labels)
    return ", ".join(f"{k} {n} ({n / len(labels):.0%})" for k, n in sorted(counts.items()))


def run(root: Path, *, seed: int = settings.SEED, test_percent: int = TEST_PERCENT,
        out=print) -> dict:
    """data/raw/*.csv -> checked, deduplicated, stratified train.csv and test.csv; the manifest."""
    cli.check_test_percent(test_percent)
    table, counts = read_raw(root)
    out(f"pipeline: {len(table)} rows x {len(table.features)} numeric features + label from "
        f"{settings.RAW_DIR}/ ({', '.join(p.name for p in counts)})")
    kept = deduplicate(table)
    missing = int(np.isnan(kept.X).sum())
    out(f"  every cell a finite number or missing ({missing} missing, left to the model), every label "
        f"set; dropped {len(table) - len(kept)} duplicate rows")
    out(f"  labels: {balance(kept.labels)}")
    train, test = split(kept, seed=seed, test_fraction=test_percent / 100)
    out(f"  split {len(train)} train / {len(test)} test, stratified by label (seed {seed}, "
        f"test {test_percent}%); test: {balance(test.labels)}")
    return fingerprint.write_splits(
        root, {"train": train, "test": test}, write_table, inputs=counts, out=out,
        params={"seed": seed, "test_fraction": test_percent / 100, "stratify": "label",
                "features": kept.features, "labels": sorted(set(kept.labels))})


def main(argv: list[str] | None = None) -> int:
    return cli.pipeline_main(
        argv, "Check, clean and split data/raw/*.csv (numeric features + label) into data/processed/.", run,
        test_percent=TEST_PERCENT)


if __name__ == "__main__":
    sys.exit(main())
