"""Data pipeline: data/raw/*.csv -> data/processed/{train,test}.csv + manifest.json.

    python -m PACKAGE.pipeline [--root DIR]

Input: one or more UTF-8 CSV files in data/raw/, one interaction per row (a
user played, bought, clicked or rated an item) with the columns `user`, `item`
and `timestamp`: Unix seconds, or ISO 8601 such as 2024-05-01 or
2024-05-01T12:30:00Z (UTC when no zone is given). Other columns, a rating say,
are ignored. With no .csv file in data/raw/, the pipeline first writes the
synthetic example data/raw/interactions.csv (see synthetic.py).

Checks: every row has as many fields as the header, user and item are not
empty, timestamps parse. The first problem stops the pipeline with
`FILE:LINE: problem` and exit code 1. Cleaning: a user's repeated interactions
with an item keep the first. Split, leave-last-out: each user's latest
interaction (on equal timestamps, the later row) is that user's test item and
all the others are training data; users with fewer than MIN_ITEMS items have
nothing to hold out and only train. No randomness: the same input always gives
the same bytes.
"""

import csv
import math
import sys
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from . import settings, synthetic
from .impact import ImpactError, cli, fingerprint, rawcsv

MIN_ITEMS = 2  # a user needs this many distinct items to hold the latest one out
COLUMNS = ("user", "item", "timestamp")
EXAMPLE = "interactions.csv"
EXPECTED = "a header with user,item,timestamp"


@dataclass(frozen=True)
class Interaction:
    user: str
    item: str
    time: float  # Unix seconds
    where: str = ""  # FILE:LINE it came from


def parse_time(text: str) -> float | None:
    """Unix seconds of a timestamp in Unix seconds or ISO 8601 (UTC without a zone); None if neither."""
    text = text.strip()
    try:
        seconds = float(text)
        return seconds if math.isfinite(seconds) else None
    except ValueError:
        pass
    if text.endswith(("Z", "z")):  # Python 3.10 does not read a Z zone
        text = text[:-1] + "+00:00"
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        return None
    return (when if when.tzinfo else when.replace(tzinfo=timezone.utc)).timestamp()


def read_file(path: Path, name: str) -> list[Interaction]:
    """Interactions of one raw CSV; `name` is how errors refer to the file."""
    table = rawcsv.read(path, name, required=COLUMNS, expected=EXPECTED)
    at = [table.index(c) for c in COLUMNS]
    rows = []
    for line, fields in table.rows:
        user, item, stamp = (fields[i].strip() for i in at)
        for column, value in (("user", user), ("item", item), ("timestamp", stamp)):
            if not value:
                raise table.error(line, f"empty '{column}'")
        time = parse_time(stamp)
        if time is None:
            raise table.error(line, f"timestamp {stamp!r} is neither Unix seconds nor ISO 8601 "
                                    "(e.g. 1714566600 or 2024-05-01T12:30:00Z)")
        rows.append(Interaction(user, item, time, f"{name}:{line}"))
    return rows


def read_raw(root: Path, out=print) -> tuple[list[Interaction], dict[Path, int]]:
    """All interactions of data/raw/*.csv (sorted by file name) and the row count of each file."""
    example = (EXAMPLE, synthetic.write)
    rows, counts = [], {}
    for path in rawcsv.raw_files(root, example=example, expected=EXPECTED, out=out):
        file_rows = read_file(path, cli.rel(path, root))
        rows += file_rows
        counts[path] = len(file_rows)
    return rows, counts


def histories(rows: list[Interaction]) -> tuple[dict[str, list[Interaction]], int]:
    """Each user's interactions, oldest first (equal times: file order), a repeated item keeping its
    first interaction; and how many repeats were dropped."""
    by_user: dict[str, list[Interaction]] = {}
    for row in rows:
        by_user.setdefault(row.user, []).append(row)
    dropped = 0
    for user, history in by_user.items():
        seen: set[str] = set()
        firsts = []
        for row in sorted(history, key=lambda r: r.time):
            if row.item not in seen:
                seen.add(row.item)
                firsts.append(row)
        dropped += len(history) - len(firsts)
        by_user[user] = firsts
    return by_user, dropped


def split(by_user: dict[str, list[Interaction]]) -> tuple[list[Interaction], list[Interaction]]:
    """Leave-last-out: (train, test), both sorted by user; test holds each user's latest item."""
    train, test = [], []
    for user in sorted(by_user):
        history = by_user[user]
        if len(history) >= MIN_ITEMS:
            train += history[:-1]
            test.append(history[-1])
        else:
            train += history
    if not test:
        raise ImpactError(f"no user has {MIN_ITEMS} or more distinct items, so there is nothing to hold "
                          "out: the test split needs users with a history")
    return train, test


def _seconds(t: float) -> str:
    return str(int(t)) if float(t).is_integer() else repr(t)


def write_rows(path: Path, rows: list[Interaction]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(COLUMNS)
        w.writerows((r.user, r.item, _seconds(r.time)) for r in rows)


def read_processed(path: Path) -> list[Interaction]:
    with open(path, encoding="utf-8", newline="") as f:
        return [Interaction(r["user"], r["item"], float(r["timestamp"])) for r in csv.DictReader(f)]


def run(root: Path, *, out=print) -> dict:
    """Read, check, clean, split and write; return the manifest."""
    rows, counts = read_raw(root, out=out)
    by_user, dropped = histories(rows)
    items = {r.item for r in rows}
    out(f"pipeline: read {len(rows)} interactions of {len(by_user)} users with {len(items)} items "
        f"from {len(counts)} file{'s' if len(counts) > 1 else ''} in {settings.RAW_DIR}/ "
        f"({', '.join(p.name for p in counts)})")
    out(f"  checked users, items and timestamps; dropped {dropped} repeated interactions "
        "(a user's first one with an item counts)")
    train, test = split(by_user)
    known = {r.item for r in train}
    cold = sum(r.item not in known for r in test)
    out(f"  split leave-last-out: {len(test)} test users (each one's latest item), {len(train)} train "
        f"interactions; {len(by_user) - len(test)} users with fewer than {MIN_ITEMS} items train only; "
        f"{cold} test items never occur in training (no model can recommend them)")
    return fingerprint.write_splits(root, {"train": train, "test": test}, write_rows, inputs=counts,
                                    params={"split": "leave-last-out per user", "min_items": MIN_ITEMS,
                                            "repeats": "first kept", "columns": list(COLUMNS)}, out=out)


def main(argv: list[str] | None = None) -> int:
    return cli.pipeline_main(argv, "Check, clean and split the interactions of data/raw/*.csv into "
                             "data/processed/ (each user's latest interaction is the test item).", run)


if __name__ == "__main__":
    sys.exit(main())
