"""Data pipeline: data/raw/*.csv -> data/processed/{train,test,calendar}.csv + manifest.json.

    python -m PACKAGE.pipeline [--horizon DAYS] [--origins N] [--root DIR]

Input: UTF-8 CSV files in data/raw/ whose header names a `date` column
(YYYY-MM-DD) and a `value` column (a number); other columns are ignored.
Together the files make one daily series: one row per day, no day missing or
repeated. Rows may come in any order and be spread over several files (e.g. one
per year). The first problem stops the pipeline with `FILE:LINE: problem` and
exit code 1.

Optional: data/raw/calendar.csv (CALENDAR), the days you know in advance, with
a header `date,holiday`: one row per holiday and date, e.g. `2024-12-25,christmas_day`
(a day may have several). It may reach beyond the series (future holidays are
known). The candidate uses only these; without the file it uses none.

Output: the split of a rolling-origin backtest. The last N windows of DAYS days
are forecast windows, one per origin (the window's first day): test.csv has
origin,step,date,value for each forecast day. Everything before the first origin
is train.csv (date,value); calendar.csv is the checked calendar (date,holiday).
There is no validation file: `make tune` scores rolling origins inside train.csv.
Leakage: no day is in both train and test (each day is one row, and the test
days all come after the last training day); the manifest records that check.
The same input always gives the same bytes.
"""

import argparse
import csv
import datetime as dt
import math
import sys
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np

from . import settings
from .backtest import MIN_HISTORY, SEASON
from .impact import ImpactError, cli, fingerprint, leakage, rawcsv

HORIZON = {{horizon}}
ORIGINS = {{origins}}
CALENDAR = "calendar.csv"  # in data/raw/: the declared holidays, not a part of the series
COLUMNS = ("date", "value")
EXPECTED = "a header with date,value and one row per day"
SPLIT_COLUMNS = {"train": ("date", "value"), "test": ("origin", "step", "date", "value"),
                 "calendar": ("date", "holiday")}
LEAKAGE_MEASURE = ("the same date in train and test (each day is one unit; test days all follow the last "
                   "train day)")


@dataclass(frozen=True)
class Day:
    date: dt.date
    value: float
    where: str  # FILE:LINE


def parse_day(fields: list[str], at: dict[str, int], where: str) -> Day:
    text = fields[at["date"]].strip()
    try:
        date = dt.date.fromisoformat(text)
    except ValueError:
        raise ImpactError(f"{where}: date {text!r} is not a day written YYYY-MM-DD") from None
    cell = fields[at["value"]].strip()
    if not cell:
        raise ImpactError(f"{where}: empty 'value' for {date}: fill it in (e.g. 0 for a day with no demand)")
    try:
        value = float(cell)
    except ValueError:
        raise ImpactError(f"{where}: value {cell!r} is not a number") from None
    if not math.isfinite(value):
        raise ImpactError(f"{where}: value {cell!r} is not a finite number")
    return Day(date, value, where)


def read_file(path: Path, name: str) -> list[Day]:
    table = rawcsv.read(path, name, required=COLUMNS, expected=EXPECTED)
    at = {c: table.index(c) for c in COLUMNS}
    return [parse_day(fields, at, f"{name}:{line}") for line, fields in table.rows]


def read_calendar(root: Path) -> tuple[list[tuple[str, str]], dict[Path, int]]:
    """data/raw/calendar.csv as sorted (date, holiday) rows, and {its path: rows} ({} without it)."""
    path = root / settings.RAW_DIR / CALENDAR
    if not path.is_file():
        return [], {}
    name = cli.rel(path, root)
    table = rawcsv.read(path, name, required=("date", "holiday"),
                        expected="a header with date,holiday and one row per holiday and date")
    at = {c: table.index(c) for c in ("date", "holiday")}
    seen: dict[tuple[str, str], int] = {}
    for line, fields in table.rows:
        text, holiday = fields[at["date"]].strip(), "_".join(fields[at["holiday"]].strip().lower().split())
        try:
            date = dt.date.fromisoformat(text)
        except ValueError:
            raise table.error(line, f"date {text!r} is not a day written YYYY-MM-DD") from None
        if not holiday:
            raise table.error(line, f"empty 'holiday' for {date}: name it (e.g. christmas_day) or drop "
                                    "the row")
        if (str(date), holiday) in seen:
            raise table.error(line, f"{holiday} on {date} is listed twice (first at line "
                                    f"{seen[str(date), holiday]})")
        seen[str(date), holiday] = line
    return sorted(seen), {path: len(seen)}


def read_raw(root: Path) -> tuple[list[Day], dict[Path, int]]:
    """The daily series from data/raw/*.csv (but calendar.csv), sorted by date, checked for
    repeated and missing days."""
    files = [f for f in rawcsv.raw_files(root, expected=EXPECTED) if f.name != CALENDAR]
    if not files:
        raise ImpactError(f"no .csv file with the series in {settings.RAW_DIR}/ (only {CALENDAR}): "
                          f"put your data there ({EXPECTED})")
    per_file = {path: read_file(path, cli.rel(path, root)) for path in files}
    series = sorted((d for days in per_file.values() for d in days), key=lambda d: d.date)
    for before, day in pairwise(series):
        gap = (day.date - before.date).days
        if gap == 0:
            raise ImpactError(f"{day.where}: {day.date} appears twice (first at {before.where})")
        if gap > 1:
            first, last = before.date + dt.timedelta(1), day.date - dt.timedelta(1)
            missing = f"{first}" if gap == 2 else f"{gap - 1} days, {first} to {last}"
            raise ImpactError(f"{day.where}: {day.date} follows {before.date} ({before.where}): missing "
                              f"{missing}; the series needs one row per day (fill gaps, e.g. with 0)")
    return series, {path: len(days) for path, days in per_file.items()}


def window_starts(n_days: int, horizon: int, origins: int) -> list[int]:
    """Index of each origin: back-to-back windows of `horizon` days ending with the series."""
    return [n_days - (origins - k) * horizon for k in range(origins)]


def _number(v: float) -> str:
    return str(int(v)) if v.is_integer() and abs(v) < 2**53 else repr(v)


def write_split(path: Path, rows: list[tuple[Any, ...]]) -> None:
    """train.csv: date,value; test.csv: origin,step,date,value (one row per forecast day);
    calendar.csv: date,holiday."""
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(SPLIT_COLUMNS[path.stem])
        w.writerows(rows)


def read_processed(path: Path) -> dict[str, np.ndarray]:
    """Columns of a processed file: dates as datetime64[D], values as float, step as int."""
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        rows = list(reader)
        columns = list(reader.fieldnames or [])
    kinds: dict[str, Any] = {"date": "datetime64[D]", "origin": "datetime64[D]", "value": float, "step": int,
                             "holiday": str}
    return {c: np.array([r[c] for r in rows], dtype=kinds[c]) for c in columns}


def read_calendar_file(path: Path) -> dict[str, np.ndarray]:
    """The processed calendar.csv as {holiday: its dates (datetime64[D])}."""
    columns = read_processed(path)
    names = columns.get("holiday", np.array([], dtype=str))
    return {str(name): columns["date"][names == name] for name in sorted(set(names.tolist()))}


def run(root: Path, *, horizon: int = HORIZON, origins: int = ORIGINS,
        out: Callable[[str], object] = print) -> dict[str, Any]:
    """Read, check, split for the backtest and write; return the manifest."""
    if horizon < 1 or origins < 2:
        raise ImpactError(f"--horizon must be at least 1 and --origins at least 2 (got {horizon}, {origins})")
    series, counts = read_raw(root)
    holidays, calendar_counts = read_calendar(root)
    n = len(series)
    out(f"pipeline: read {n} days, {series[0].date} to {series[-1].date}, from {len(counts)} "
        f"file{'s' if len(counts) > 1 else ''} in {settings.RAW_DIR}/ ({', '.join(p.name for p in counts)})")
    out("  checked dates (one row per day, none missing or repeated) and values (finite numbers)")
    starts = window_starts(n, horizon, origins)
    if starts[0] < MIN_HISTORY:
        raise ImpactError(f"the series has {n} days: {origins} origins x {horizon} days of forecasts need "
                          f"{origins * horizon + MIN_HISTORY} (at least {MIN_HISTORY} days of history before "
                          "the first origin); lower --origins or --horizon, or add data")
    history = np.array([d.value for d in series[:starts[0]]])
    if not np.any(history[SEASON:] != history[:-SEASON]):
        raise ImpactError(f"the {starts[0]} days before the first origin ({series[starts[0]].date}) repeat "
                          f"every {SEASON} days exactly: MASE, which divides by the error of that "
                          "repetition, is undefined")
    out(f"  backtest: {origins} origins {horizon} days apart, each forecasting {horizon} days; "
        f"history before the first origin {series[0].date} to {series[starts[0] - 1].date} "
        f"({starts[0]} days), forecast windows {series[starts[0]].date} to {series[-1].date}")
    if holidays:
        names = sorted({h for _, h in holidays})
        inside = sum(series[0].date.isoformat() <= d <= series[-1].date.isoformat() for d, _ in holidays)
        out(f"  calendar: {len(holidays)} declared holiday dates ({inside} within the series) of "
            f"{len(names)} holidays from {settings.RAW_DIR}/{CALENDAR}; the candidate knows only these")
    else:
        out(f"  calendar: no {settings.RAW_DIR}/{CALENDAR}, so no holidays are known to the candidate")
    history_rows = [(d.date.isoformat(), _number(d.value)) for d in series[:starts[0]]]
    window_rows = [(series[o].date.isoformat(), step + 1, d.date.isoformat(), _number(d.value))
                   for o in starts for step, d in enumerate(series[o:o + horizon])]
    shared = {r[0] for r in history_rows} & {r[2] for r in window_rows}
    out(f"  leakage check: 0 days in both train and test; the first test day {series[starts[0]].date} "
        f"follows the last train day {series[starts[0] - 1].date}")
    return fingerprint.write_splits(
        root, {"train": history_rows, "test": window_rows, "calendar": holidays}, write_split,
        inputs={**counts, **calendar_counts}, out=out,
        leakage=leakage.decide(None, {"exact": len(shared), "near": 0}, grouped=True, allow=False,
                               measure=LEAKAGE_MEASURE),
        params={"horizon": horizon, "origins": origins, "origin_dates": [str(series[o].date) for o in starts],
                "season": SEASON, "holidays": sorted({h for _, h in holidays})})


def backtest_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--horizon", type=int, default=HORIZON,
                   help=f"days forecast from each origin (default {HORIZON})")
    p.add_argument("--origins", type=int, default=ORIGINS,
                   help=f"number of forecast origins (default {ORIGINS})")


def main(argv: list[str] | None = None) -> int:
    return cli.pipeline_main(
        argv, "Check the daily series in data/raw/*.csv and split it for a rolling-origin backtest.", run,
        options=backtest_options)


if __name__ == "__main__":
    sys.exit(main())
