"""Data pipeline: data/raw/*.csv -> data/processed/{train,validation,test}.csv + manifest.json.

    python -m PACKAGE.pipeline [--root DIR]

Input: one or more UTF-8 CSV files in data/raw/, one interaction per row (a
user played, bought, clicked or rated an item) with the columns `user`, `item`
and `timestamp`: Unix seconds, or ISO 8601 such as 2024-05-01 or
2024-05-01T12:30:00Z (UTC when no zone is given). Other columns, a rating say,
are ignored. data/README.md describes the shipped example.

Checks: every row has as many fields as the header, user and item are not
empty, timestamps parse. The first problem stops the pipeline with
`FILE:LINE: problem` and exit code 1.

Duplicate events: rows with the same user, item and timestamp are one event
logged twice; the first is kept and the rest are counted and removed.

Split, global and temporal (no user's future trains a model that is tested on
their past): two cutoffs in time divide the events. The latest TEST_SHARE of
the events (every event at or after the test cutoff) are the test period, the
VALIDATION_SHARE before them the validation period, and everything strictly
before the validation cutoff trains. Events at a cutoff's exact second all go to
the later period. No randomness: the same input always gives the same bytes.

What is evaluated in a period (see `targets`): each user who has history
before the period's cutoff, with the items they chose in the period that they
had not chosen before it. A user without history before the cutoff (cold start)
is excluded and counted; an item the user had before the cutoff (a repeat) is
not a target, because recommenders never show a user's own history back.
"""

import bisect
import csv
import math
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from . import settings
from .impact import ImpactError, cli, fingerprint, leakage, rawcsv

COLUMNS = ("user", "item", "timestamp")
EXPECTED = "a header with user,item,timestamp"
TEST_SHARE = 0.1  # the latest 10% of the events are the test period
VALIDATION_SHARE = 0.1  # the 10% before them the validation period
MEASURE = ("exact: the same (user, item, timestamp) event logged more than once (removed); near: a "
           "(user, item) pair of a validation or test period that the user already had before its "
           "cutoff (a repeat, removed from the targets)")

Out = Callable[[str], object]


@dataclass(frozen=True)
class Interaction:
    user: str
    item: str
    time: float  # Unix seconds
    where: str = ""  # FILE:LINE it came from


@dataclass
class Targets:
    """What is evaluated in one period: per user with history before it, the new items they chose."""

    items: dict[str, list[str]]  # user -> new items in the period, in order of first choice
    cold_users: int  # users active in the period with no history before it (excluded)
    repeats: int  # events of the period whose item the user had before the cutoff (not targets)
    unknown_items: int  # target items no event before the cutoff has (no model can recommend them)


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


def iso(seconds: float) -> str:
    return datetime.fromtimestamp(seconds, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


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


def read_raw(root: Path, out: Out = print) -> tuple[list[Interaction], dict[Path, int]]:
    """All interactions of data/raw/*.csv (sorted by file name) and the row count of each file."""
    rows: list[Interaction] = []
    counts: dict[Path, int] = {}
    for path in rawcsv.raw_files(root, expected=EXPECTED, out=out):
        file_rows = read_file(path, cli.rel(path, root))
        rows += file_rows
        counts[path] = len(file_rows)
    return rows, counts


def distinct_events(rows: Sequence[Interaction]) -> tuple[list[Interaction], int]:
    """The events in time order (equal times: input order), each (user, item, timestamp) once; and
    how many duplicate events were removed."""
    seen: set[tuple[str, str, float]] = set()
    kept = []
    for row in sorted(rows, key=lambda r: r.time):
        key = (row.user, row.item, row.time)
        if key not in seen:
            seen.add(key)
            kept.append(row)
    return kept, len(rows) - len(kept)


def cutoffs(events: Sequence[Interaction]) -> tuple[float, float]:
    """(validation cutoff, test cutoff) for events in time order. The test cutoff is the time of the
    first of the latest TEST_SHARE of the events; the validation cutoff that of the first of the
    VALIDATION_SHARE (of all events) before the test cutoff's second. Refuses when a period would
    be empty or training would have nothing before it."""
    n = len(events)
    share = max(1, math.ceil(n * TEST_SHARE))
    if n < 3:
        raise ImpactError(f"only {n} distinct interactions: the temporal split needs at least 3 "
                          "(training, validation and test periods)")
    t_test = events[n - share].time
    before = bisect.bisect_left([r.time for r in events], t_test)  # events strictly before t_test
    val_at = before - max(1, math.ceil(n * VALIDATION_SHARE))
    if val_at < 1 or events[val_at].time == events[0].time:
        raise ImpactError(f"the interactions span too few distinct timestamps ({iso(events[0].time)} to "
                          f"{iso(events[-1].time)}) for training, validation and test periods: "
                          "every period needs its own moments in time")
    return events[val_at].time, t_test


def targets(history: Sequence[Interaction], period: Sequence[Interaction]) -> Targets:
    """What is evaluated in `period` given everything before its cutoff (`history`)."""
    had: dict[str, set[str]] = {}
    for row in history:
        had.setdefault(row.user, set()).add(row.item)
    known_items = {row.item for row in history}
    items: dict[str, list[str]] = {}
    cold: set[str] = set()
    repeats = 0
    for row in period:
        if row.user not in had:
            cold.add(row.user)
        elif row.item in had[row.user]:
            repeats += 1
        elif row.item not in items.setdefault(row.user, []):
            items[row.user].append(row.item)
    unknown = sum(item not in known_items for chosen in items.values() for item in chosen)
    return Targets(dict(sorted(items.items())), len(cold), repeats, unknown)


def split(events: Sequence[Interaction]) -> dict[str, list[Interaction]]:
    """The global temporal split of time-ordered events: {"train", "validation", "test"}."""
    t_val, t_test = cutoffs(events)
    return {"train": [r for r in events if r.time < t_val],
            "validation": [r for r in events if t_val <= r.time < t_test],
            "test": [r for r in events if r.time >= t_test]}


def _seconds(t: float) -> str:
    return str(int(t)) if float(t).is_integer() else repr(t)


def write_rows(path: Path, rows: Sequence[Interaction]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(COLUMNS)
        w.writerows((r.user, r.item, _seconds(r.time)) for r in rows)


def read_processed(path: Path) -> list[Interaction]:
    with open(path, encoding="utf-8", newline="") as f:
        return [Interaction(r["user"], r["item"], float(r["timestamp"])) for r in csv.DictReader(f)]


def _describe(name: str, t: Targets) -> str:
    n = sum(len(v) for v in t.items.values())
    return (f"  {name}: {len(t.items)} returning users evaluated on {n} items new to them "
            f"({t.unknown_items} of those items appear for the first time in the period: no model can "
            f"recommend them); {t.cold_users} cold-start users without history excluded; {t.repeats} "
            "repeats of an item the user had before are not targets")


def run(root: Path, *, out: Out = print) -> dict[str, Any]:
    """Read, check, deduplicate, split and write; return the manifest."""
    rows, counts = read_raw(root, out=out)
    events, duplicates = distinct_events(rows)
    users, items = {r.user for r in events}, {r.item for r in events}
    out(f"pipeline: read {len(rows)} interactions of {len(users)} users with {len(items)} items "
        f"from {len(counts)} file{'s' if len(counts) > 1 else ''} in {settings.RAW_DIR.as_posix()}/ "
        f"({', '.join(p.name for p in counts)}); removed {duplicates} duplicate events "
        "(same user, item and timestamp)")
    parts = split(events)
    train, validation, test = parts["train"], parts["validation"], parts["test"]
    out(f"  split in time: train {len(train)} events before {iso(validation[0].time)}, validation "
        f"{len(validation)} until {iso(test[0].time)}, test {len(test)} from then on "
        f"(to {iso(test[-1].time)}); no training event is later than any evaluated one")
    val_targets = targets(train, validation)
    test_targets = targets([*train, *validation], test)
    out(_describe("validation", val_targets))
    out(_describe("test", test_targets))
    for name, t in (("validation", val_targets), ("test", test_targets)):
        if not t.items:
            raise ImpactError(f"no user of the {name} period has history before it and a new item in "
                              "it, so there is nothing to evaluate: the data needs returning users")
    # A duplicate event is one moment, so it can never straddle a cutoff: they are removed above.
    # What can cross the cutoff is a repeat, which `targets` leaves out; nothing remains across.
    remaining = {"exact": 0, "near": 0}
    found = leakage.Found(exact=duplicates, near=val_targets.repeats + test_targets.repeats, groups=[])
    entry = leakage.decide(found, remaining, grouped=False, allow=False, measure=MEASURE)
    out("  " + leakage.describe(entry))
    params = {"split": "global temporal", "test_share": TEST_SHARE, "validation_share": VALIDATION_SHARE,
              "validation_cutoff": iso(validation[0].time), "test_cutoff": iso(test[0].time),
              "duplicate_events": "first kept", "cold_start_users": "excluded (counted)",
              "repeats": "not targets", "columns": list(COLUMNS),
              "evaluated_users": {"validation": len(val_targets.items), "test": len(test_targets.items)},
              "cold_start_excluded": {"validation": val_targets.cold_users, "test": test_targets.cold_users}}
    return fingerprint.write_splits(root, parts, write_rows, inputs=counts, params=params, out=out,
                                    leakage=entry)


def main(argv: list[str] | None = None) -> int:
    return cli.pipeline_main(argv, "Check, deduplicate and split the interactions of data/raw/*.csv in "
                             "time into data/processed/ (train, then validation, then test).", run)


if __name__ == "__main__":
    sys.exit(main())
