"""Data pipeline: data/raw/*.csv -> data/processed/{train,validation,test}.csv + manifest.json.

    python -m PACKAGE.pipeline [--seed N] [--test-percent P] [--validation-percent P]
                               [--allow-leakage] [--root DIR]

Input: one or more UTF-8 CSV files in data/raw/ whose header names at least a
`text` and a `label` column (an `id` column is kept if present, other columns
are ignored). Checks: every row has as many fields as the header, text and
label are not empty, ids are unique, each label has at least two rows. The
first problem stops the pipeline with `FILE:LINE: problem` and exit code 1.
Cleaning: Unicode NFC, runs of whitespace collapsed to one space, exact
duplicate (text, label) rows dropped. Leakage: texts whose normalised text is
equal (exact) or whose word 5-gram shingles overlap with Jaccard >= 0.5 (near,
impact/leakage.py) form one group, and a group is never split across train,
validation and test; the counts go to the manifest and the output
(--allow-leakage splits row by row instead and records that). Split: seeded and
stratified by label, so the same input always gives the same bytes.
"""

import argparse
import csv
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import settings
from .impact import ImpactError, cli, fingerprint, leakage, rawcsv

TEST_PERCENT = {{test_percent}}
VALIDATION_PERCENT = 20  # of all rows: the split `tune` chooses parameters on
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
    table = rawcsv.read(
        path,
        name,
        required=("text", "label"),
        expected=EXPECTED,
        fields_hint="quote text that contains commas",
    )
    at = {c: table.index(c) for c in COLUMNS if c in table.header}
    rows = []
    for line, fields in table.rows:
        values = {c: normalise(fields[i]) for c, i in at.items()}
        for column in ("text", "label"):
            if not values[column]:
                raise table.error(line, f"empty '{column}'")
        if "id" in at and not values["id"]:
            raise table.error(line, "empty 'id'")
        rows.append(
            Row(values.get("id") or f"{path.stem}:{line}", values["text"], values["label"], f"{name}:{line}")
        )
    return rows


def read_raw(root: Path) -> tuple[list[Row], dict[Path, int]]:
    """All rows of data/raw/*.csv (sorted by file name) and the row count of each file."""
    rows: list[Row] = []
    counts: dict[Path, int] = {}
    first_at: dict[str, str] = {}
    for path in rawcsv.raw_files(root, expected="a header with text,label, one example per row"):
        file_rows = read_file(path, cli.rel(path, root))
        rawcsv.check_unique_ids(((row.id, row.where) for row in file_rows), first_at)
        rows += file_rows
        counts[path] = len(file_rows)
    return rows, counts


def deduplicate(rows: list[Row]) -> list[Row]:
    """Drop rows whose (text, label) already occurred, keeping the first."""
    seen: set[tuple[str, str]] = set()
    kept: list[Row] = []
    for row in rows:
        if (row.text, row.label) not in seen:
            seen.add((row.text, row.label))
            kept.append(row)
    return kept


def split(
    rows: list[Row],
    *,
    seed: int,
    test_fraction: float,
    validation_fraction: float,
    groups: list[int] | None = None,
) -> dict[str, list[Row]]:
    """Seeded split into train / validation / test, stratified by label, keeping each group
    (default: each row) on one side; every part keeps the input order."""
    counts = Counter(row.label for row in rows)
    for label, n in sorted(counts.items()):
        if n < 2:
            where = next(r.where for r in rows if r.label == label)
            raise ImpactError(
                f"{where}: label '{label}' has a single row; the "
                "stratified split needs at least 2 per label: add rows or drop the label"
            )
    parts = leakage.group_split(
        groups if groups is not None else list(range(len(rows))),
        [r.label for r in rows],
        {
            "train": 1 - test_fraction - validation_fraction,
            "validation": validation_fraction,
            "test": test_fraction,
        },
        seed=seed,
    )
    return {name: [rows[i] for i in idx] for name, idx in parts.items()}


def write_rows(path: Path, rows: list[Row]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(COLUMNS)
        w.writerows((r.id, r.text, r.label) for r in rows)


def read_processed(path: Path) -> list[Row]:
    with open(path, encoding="utf-8", newline="") as f:
        return [Row(r["id"], r["text"], r["label"]) for r in csv.DictReader(f)]


def run(
    root: Path,
    *,
    seed: int = settings.SEED,
    test_percent: int = TEST_PERCENT,
    validation_percent: int = VALIDATION_PERCENT,
    allow_leakage: bool = False,
    out: Callable[[str], object] = print,
) -> dict[str, Any]:
    """Read, check, clean, check for leakage, split and write; return the manifest."""
    cli.check_test_percent(test_percent)
    if not 0 < validation_percent < 100 - test_percent:
        raise ImpactError(
            f"--validation-percent must be between 1 and {99 - test_percent} "
            f"(with --test-percent {test_percent}), not {validation_percent}"
        )
    rows, counts = read_raw(root)
    out(
        f"pipeline: read {len(rows)} rows from {len(counts)} file{'s' if len(counts) > 1 else ''} "
        f"in {settings.RAW_DIR}/ ({', '.join(p.name for p in counts)})"
    )
    kept = deduplicate(rows)
    out(f"  checked columns and rows; cleaned whitespace; dropped {len(rows) - len(kept)} duplicate rows")
    texts = [r.text for r in kept]
    found = leakage.duplicate_groups([leakage.key(t) for t in texts], texts)
    parts = split(
        kept,
        seed=seed,
        test_fraction=test_percent / 100,
        validation_fraction=validation_percent / 100,
        groups=None if allow_leakage else found.groups,
    )
    remaining = leakage.across({name: [r.text for r in part] for name, part in parts.items()})
    entry = leakage.decide(found, remaining, grouped=not allow_leakage, allow=allow_leakage)
    out("  " + leakage.describe(entry))
    tr, va, te = (Counter(r.label for r in parts[n]) for n in ("train", "validation", "test"))
    out(
        f"  split {len(parts['train'])} train / {len(parts['validation'])} validation / "
        f"{len(parts['test'])} test, "
        f"stratified by label (seed {seed}, validation {validation_percent}%, test {test_percent}%): "
        + ", ".join(f"{k} {tr[k]}/{va[k]}/{te[k]}" for k in sorted(tr | va | te))
    )
    return fingerprint.write_splits(
        root,
        parts,
        write_rows,
        inputs=counts,
        out=out,
        leakage=entry,
        params={
            "seed": seed,
            "test_fraction": test_percent / 100,
            "validation_fraction": validation_percent / 100,
            "stratify": "label",
            "group_duplicates": not allow_leakage,
            "columns": list(COLUMNS),
        },
    )


def _options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--validation-percent",
        type=int,
        default=VALIDATION_PERCENT,
        help=f"share of rows in the validation split (default {VALIDATION_PERCENT})",
    )
    cli.leakage_option(p)


def main(argv: list[str] | None = None) -> int:
    return cli.pipeline_main(
        argv,
        "Check, clean and split data/raw/*.csv into data/processed/.",
        run,
        test_percent=TEST_PERCENT,
        options=_options,
    )


if __name__ == "__main__":
    sys.exit(main())
