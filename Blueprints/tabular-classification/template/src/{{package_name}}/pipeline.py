"""Data pipeline: data/raw/*.csv -> data/processed/{train,validation,test}.csv + manifest.json.

    python -m PACKAGE.pipeline [--seed N] [--test-percent P] [--validation-percent P]
                               [--allow-leakage] [--root DIR]

Input: one or more UTF-8 CSV files in data/raw/, each with a header row (names
are read in lower case). The `label` column holds the class of each row, an
optional `id` column names the rows, and every other column is a numeric
feature: the same columns in every file, in any order. A cell is a number
(`3.5`, `-2e-3`) or missing (empty, `NA`, `NaN`, `null`, `?`); the candidate
model imputes missing cells.

The first problem stops the pipeline with `FILE:LINE: problem` and exit code 1:
a row with the wrong number of fields, a cell that is not a number, an empty
label, a repeated id, a feature column without a single value, fewer than two
labels, a label with fewer than three rows (one per split).

Leakage check: rows with identical feature values are duplicates: "exact" when
their labels agree too, "near" when they do not. A test row identical to a
training row would let a model be scored on what it memorised, so each group of
identical rows goes to one side of the split as a whole (the manifest's `leakage`
entry records the counts). `--allow-leakage` splits row by row instead and
records the duplicates left across the splits.
Split: train / validation / test, stratified by label and seeded, so the same
input always gives the same bytes. `make tune` chooses the candidate's
parameters on validation; only `make eval` reads test.
"""

import argparse
import csv
import math
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import numpy as np

from . import settings
from .impact import ImpactError, cli, fingerprint, leakage, rawcsv

TEST_PERCENT = {{test_percent}}
VALIDATION_PERCENT = {{validation_percent}}
MEASURE = ("identical feature rows (every numeric cell equal, missing equal to missing); exact: the "
           "label agrees too, near: another label")
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

    def take(self, rows: Iterable[int]) -> "Table":
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
    tables: list[Table] = []
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


def feature_key(x: np.ndarray) -> str:
    """Rows with identical feature values (NaN equal to NaN) share this key."""
    return leakage.row_key(float(v) + 0.0 for v in x)  # + 0.0: -0.0 and 0.0 are one value


def duplicates(table: Table) -> tuple[list[int], int, int]:
    """Group rows with identical feature values: (group id per row, exact, near).

    exact: rows repeating an earlier row's features and label; near: rows repeating an earlier
    row's features with another label. Either would let a model score a test row it saw in training.
    """
    keys = [feature_key(x) for x in table.X]
    groups = leakage.duplicate_groups(keys).groups
    seen: set[tuple[str, str]] = set()
    first: set[str] = set()
    exact = near = 0
    for k, label in zip(keys, table.labels, strict=True):
        if (k, label) in seen:
            exact += 1
        elif k in first:
            near += 1
        seen.add((k, label))
        first.add(k)
    return groups, exact, near


def split(table: Table, *, seed: int, validation_fraction: float, test_fraction: float,
          allow_leakage: bool = False) -> tuple[dict[str, Table], dict[str, Any]]:
    """Seeded split into train / validation / test, stratified by label, rows with identical
    features kept on one side; each part keeps the input order. Returns the parts and the
    manifest's leakage entry."""
    counts = Counter(table.labels)
    if len(counts) < 2:
        raise ImpactError(f"{table.where[0]}: every row has the label '{table.labels[0]}': "
                          "a classifier needs at least two labels")
    for label, n in sorted(counts.items()):
        if n < 3:
            raise ImpactError(f"{table.where[table.labels.index(label)]}: label '{label}' has {n} "
                              "row(s); the stratified train / validation / test split needs at least 3 "
                              "per label: add rows or drop it")
    groups, exact, near = duplicates(table)
    fractions = {"train": 1 - validation_fraction - test_fraction, "validation": validation_fraction,
                 "test": test_fraction}
    # --allow-leakage: split row by row (every row its own group), and record what remains
    parts = leakage.group_split(list(range(len(table))) if allow_leakage else groups, table.labels, fractions,
                                seed=seed)
    tables = {name: table.take(rows) for name, rows in parts.items()}
    remaining = leakage.across({name: [feature_key(x) for x in t.X] for name, t in tables.items()},
                               keyer=str, near=False)
    entry = leakage.decide(leakage.Found(exact, near, groups), remaining, grouped=not allow_leakage,
                           allow=allow_leakage, measure=MEASURE)
    return tables, entry


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
        validation_percent: int = VALIDATION_PERCENT, allow_leakage: bool = False,
        out: Callable[[str], object] = print) -> dict[str, Any]:
    """data/raw/*.csv -> checked, stratified train.csv, validation.csv and test.csv; the manifest."""
    cli.check_test_percent(test_percent)
    if not 0 < validation_percent < 100 - test_percent:
        raise ImpactError(f"--validation-percent must be between 1 and {99 - test_percent} with "
                          f"--test-percent {test_percent}, not {validation_percent}")
    table, counts = read_raw(root)
    out(f"pipeline: {len(table)} rows x {len(table.features)} numeric features + label from "
        f"{settings.RAW_DIR}/ ({', '.join(p.name for p in counts)})")
    missing = int(np.isnan(table.X).sum())
    out(f"  every cell a finite number or missing ({missing} missing, left to the model), every label set")
    out(f"  labels: {balance(table.labels)}")
    parts, found = split(table, seed=seed, validation_fraction=validation_percent / 100,
                         test_fraction=test_percent / 100, allow_leakage=allow_leakage)
    out("  " + leakage.describe(found))
    out(f"  split {' / '.join(f'{len(t)} {name}' for name, t in parts.items())}, stratified by label "
        f"(seed {seed}, validation {validation_percent}%, test {test_percent}%); "
        f"test: {balance(parts['test'].labels)}")
    return fingerprint.write_splits(
        root, cast(dict[str, Sequence[Any]], parts), write_table, inputs=counts, out=out, leakage=found,
        params={"seed": seed, "validation_fraction": validation_percent / 100,
                "test_fraction": test_percent / 100, "stratify": "label", "features": table.features,
                "labels": sorted(set(table.labels))})


def options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--validation-percent", type=int, default=VALIDATION_PERCENT,
                   help=f"share of rows in the validation split, for `make tune` "
                        f"(default {VALIDATION_PERCENT})")
    cli.leakage_option(p)


def main(argv: list[str] | None = None) -> int:
    return cli.pipeline_main(
        argv, "Check and split data/raw/*.csv (numeric features + label) into data/processed/.", run,
        test_percent=TEST_PERCENT, options=options)


if __name__ == "__main__":
    sys.exit(main())
