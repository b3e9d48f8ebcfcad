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
import io
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from . import settings
from .impact import ImpactError, cli, fingerprint

TEST_PERCENT = {{test_percent}}
COLUMNS = ("id", "text", "label")


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
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ImpactError(f"{name}:{line}: not UTF-8 (byte 0x{data[exc.start]:02x}): "
                          "save the file as UTF-8") from None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        raise ImpactError(f"{name}:1: empty file: expected a header row with text,label") from None
    except csv.Error as exc:
        raise ImpactError(f"{name}:1: malformed CSV header ({exc})") from None
    for column in ("text", "label"):
        if column not in header:
            raise ImpactError(f"{name}:1: no '{column}' column in the header ({','.join(header)}); "
                              "expected at least text,label (id optional)")
    if len(set(header)) != len(header):
        raise ImpactError(f"{name}:1: repeated column names in the header ({','.join(header)})")
    at = {c: header.index(c) for c in COLUMNS if c in header}
    rows = []
    while True:
        line = reader.line_num + 1
        try:
            fields = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise ImpactError(f"{name}:{line}: malformed CSV ({exc})") from None
        if not fields:
            continue  # blank line
        if len(fields) != len(header):
            raise ImpactError(f"{name}:{line}: {len(fields)} fields, but the header has {len(header)} "
                              "(quote text that contains commas)")
        values = {c: normalise(fields[i]) for c, i in at.items()}
        for column in ("text", "label"):
            if not values[column]:
                raise ImpactError(f"{name}:{line}: empty '{column}'")
        if "id" in at and not values["id"]:
            raise ImpactError(f"{name}:{line}: empty 'id'")
        rows.append(Row(values.get("id") or f"{path.stem}:{line}", values["text"], values["label"],
                        f"{name}:{line}"))
    if not rows:
        raise ImpactError(f"{name}: no data rows below the header")
    return rows


def read_raw(root: Path) -> tuple[list[Row], dict[Path, int]]:
    """All rows of data/raw/*.csv (sorted by file name) and the row count of each file."""
    raw = root / settings.RAW_DIR
    files = sorted(raw.glob("*.csv"))
    if not files:
        raise ImpactError(f"no .csv files in {settings.RAW_DIR}/: put your data there "
                          "(a header with text,label, one example per row)")
    rows, counts, first_seen = [], {}, {}
    for path in files:
        file_rows = read_file(path, cli.rel(path, root))
        for row in file_rows:
            if row.id in first_seen:
                raise ImpactError(f"{row.where}: duplicate id '{row.id}' (first at {first_seen[row.id]})")
            first_seen[row.id] = row.where
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
    path.parent.mkdir(parents=True, exist_ok=True)
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
    if not 0 < test_percent < 100:
        raise ImpactError(f"--test-percent must be between 1 and 99, not {test_percent}")
    rows, counts = read_raw(root)
    out(f"pipeline: read {len(rows)} rows from {len(counts)} file{'s' if len(counts) > 1 else ''} "
        f"in {settings.RAW_DIR}/ ({', '.join(p.name for p in counts)})")
    kept = deduplicate(rows)
    out(f"  checked columns and rows; cleaned whitespace; dropped {len(rows) - len(kept)} duplicate rows")
    train, test = split(kept, seed=seed, test_fraction=test_percent / 100)
    processed = root / settings.PROCESSED_DIR
    outputs = {"train": processed / "train.csv", "test": processed / "test.csv"}
    write_rows(outputs["train"], train)
    write_rows(outputs["test"], test)
    manifest = fingerprint.write_manifest(
        root, root / settings.MANIFEST, inputs=counts,
        outputs={"train": (outputs["train"], len(train)), "test": (outputs["test"], len(test))},
        params={"seed": seed, "test_fraction": test_percent / 100, "stratify": "label",
                "columns": list(COLUMNS)})
    tr, te = Counter(r.label for r in train), Counter(r.label for r in test)
    out(f"  split {len(train)} train / {len(test)} test, stratified by label (seed {seed}, "
        f"test {test_percent}%): " + ", ".join(f"{k} {tr[k]}/{te[k]}" for k in sorted(tr)))
    out(f"  wrote {settings.PROCESSED_DIR}/train.csv, test.csv and manifest.json "
        f"(data {manifest['fingerprint'][:19]})")
    return manifest


def main(argv: list[str] | None = None) -> int:
    p = cli.parser(f"python -m {__package__}.pipeline",
                   "Check, clean and split data/raw/*.csv into data/processed/.")
    p.add_argument("--seed", type=int, default=settings.SEED, help=f"split seed (default {settings.SEED})")
    p.add_argument("--test-percent", type=int, default=TEST_PERCENT,
                   help=f"share of rows in the test split (default {TEST_PERCENT})")
    args = p.parse_args(argv)
    root = cli.root_of(args)
    return cli.run(lambda: run(root, seed=args.seed, test_percent=args.test_percent))


if __name__ == "__main__":
    sys.exit(main())
