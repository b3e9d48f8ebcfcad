"""The series pipeline: checks naming file and line, one row per day, the backtest split."""

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from {{package_name}} import pipeline, settings

HEADER = "date,value\n"
CALENDAR = "date,holiday\n2023-01-01,new_year\n2023-04-09,easter\n2030-12-25,christmas\n"


def days(start: str, n: int,
         value: Callable[[int], float] = lambda i: 100 + i % 7 * 10 + i // 30) -> str:
    dates = np.arange(np.datetime64(start), np.datetime64(start) + n)
    return "".join(f"{d},{value(i)}\n" for i, d in enumerate(dates))


GOOD = days("2023-01-01", 120)  # lines 2-121: 2023-01-01 .. 2023-04-30


def test_the_split_is_history_then_back_to_back_windows(project: Path,
                                                         quiet: Callable[[str], None]) -> None:
    manifest = pipeline.run(project, out=quiet)
    assert pipeline.run(project, out=quiet) == manifest  # the same bytes again
    processed = project / settings.PROCESSED_DIR
    train, test = (pipeline.read_processed(processed / f) for f in ("train.csv", "test.csv"))
    raw, _ = pipeline.read_raw(project)
    h, k = pipeline.HORIZON, pipeline.ORIGINS
    assert len(test["date"]) == h * k and len(train["date"]) + h * k == len(raw)
    assert train["date"][-1] + 1 == test["origin"][0] == test["date"][0]
    assert np.array_equal(np.concatenate([train["value"], test["value"]]), [d.value for d in raw])
    assert test["step"].tolist() == list(range(1, h + 1)) * k
    assert manifest["params"]["origin_dates"] == [str(o) for o in test["origin"][::h]]


def test_files_in_any_order_make_one_series(tmp_path: Path, quiet: Callable[[str], None],
                                            write_raw: Callable[..., Path]) -> None:
    lines = GOOD.splitlines(keepends=True)
    write_raw(tmp_path, {"b.csv": "value,date\n" + "".join(",".join(reversed(x.strip().split(","))) + "\n"
                                                          for x in lines[60:]),
                         "a.csv": HEADER + "".join(reversed(lines[:60]))})
    manifest = pipeline.run(tmp_path, horizon=7, origins=4, out=quiet)
    train = pipeline.read_processed(tmp_path / settings.PROCESSED_DIR / "train.csv")
    assert str(train["date"][0]) == "2023-01-01" and np.all(np.diff(train["date"]).astype(int) == 1)
    assert [e["rows"] for e in manifest["inputs"]] == [60, 60]
    assert json.loads((tmp_path / settings.MANIFEST).read_text()) == manifest


def test_fingerprints_change_when_the_data_changes(project: Path, quiet: Callable[[str], None]) -> None:
    before = pipeline.run(project, out=quiet)
    series, files = pipeline.read_raw(project)
    for path in files:  # the same days in one new file, the last day's value changed
        path.unlink()
    values = [d.value for d in series[:-1]] + [series[-1].value + 1]
    (project / settings.RAW_DIR / "series.csv").write_text(
        "date,value\n" + "".join(f"{d.date},{v!r}\n" for d, v in zip(series, values, strict=True)),
        encoding="utf-8")
    after = pipeline.run(project, out=quiet)
    assert after["input_fingerprint"] != before["input_fingerprint"]
    assert after["outputs"]["test"]["sha256"] != before["outputs"]["test"]["sha256"]
    assert after["outputs"]["train"]["sha256"] == before["outputs"]["train"]["sha256"]


@pytest.mark.parametrize("content, problem", [
    (HEADER + GOOD + "2023/05/01,3\n", r"bad\.csv:122: date '2023/05/01' is not a day written YYYY-MM-DD"),
    (HEADER + "2023-05-01,\n" + GOOD, r"bad\.csv:2: empty 'value' for 2023-05-01"),
    (HEADER + GOOD + "2023-05-01,lots\n", r"bad\.csv:122: value 'lots' is not a number"),
    (HEADER + GOOD + "2023-05-01,nan\n", r"bad\.csv:122: value 'nan' is not a finite number"),
    (HEADER + GOOD + "2023-05-01,1,2\n", r"bad\.csv:122: 3 fields, but the header has 2"),
    (HEADER + GOOD + "2023-02-10,5\n",
     r"bad\.csv:122: 2023-02-10 appears twice \(first at data/raw/bad\.csv:42\)"),
    (HEADER + GOOD + "2023-05-03,5\n",
     r"bad\.csv:122: 2023-05-03 follows 2023-04-30 \(data/raw/bad\.csv:121\): missing 2 days, "
     r"2023-05-01 to 2023-05-02"),
    ("day,value\n" + GOOD, r"bad\.csv:1: no 'date' column in the header"),
    (HEADER + '2023-05-01,"5\n' + GOOD, r"bad\.csv:2: malformed CSV"),
    (HEADER.encode() + b"2023-05-01,5\xa0\n", r"bad\.csv:2: not UTF-8"),
    ("", r"bad\.csv:1: empty file"),
    (HEADER + days("2023-01-01", 60), r"the series has 60 days: 12 origins x 28 days"),
    (HEADER + days("2023-01-01", 400, value=lambda i: i % 7), r"repeat every 7 days exactly"),
])
def test_bad_rows_are_rejected_naming_file_line_and_problem(tmp_path: Path, write_raw: Callable[..., Path],
                                                           pipeline_refuses: Callable[..., None],
                                                           content: str | bytes, problem: str) -> None:
    write_raw(tmp_path, {"bad.csv": content})
    pipeline_refuses(tmp_path, problem, horizon=28, origins=12)


def test_a_day_repeated_across_files_names_both(tmp_path: Path, write_raw: Callable[..., Path],
                                                pipeline_refuses: Callable[..., None]) -> None:
    write_raw(tmp_path, {"a.csv": HEADER + GOOD, "b.csv": HEADER + "2023-05-01,1\n2023-04-30,2\n"})
    pipeline_refuses(tmp_path, r"b\.csv:3: 2023-04-30 appears twice \(first at data/raw/a\.csv:121\)")


def test_the_command_fails_with_one_clear_line_and_nonzero_exit(tmp_path: Path,
                                                               write_raw: Callable[..., Path],
                                                               pipeline_command: Callable[..., Any]) -> None:
    write_raw(tmp_path, {"sales.csv": HEADER + GOOD + "2023-05-01,n/a\n"})
    done = pipeline_command(tmp_path)
    assert done.returncode == 1
    assert done.stderr.splitlines() == ["error: data/raw/sales.csv:122: value 'n/a' is not a number"]


def test_the_declared_calendar_is_checked_and_copied_and_never_read_as_the_series(
        tmp_path: Path, quiet: Callable[[str], None], write_raw: Callable[..., Path]) -> None:
    calendar = CALENDAR + "2023-12-25, Christmas Day\n"  # names are lower-cased, spaces become _
    write_raw(tmp_path, {"sales.csv": HEADER + GOOD, pipeline.CALENDAR: calendar})
    manifest = pipeline.run(tmp_path, horizon=7, origins=4, out=quiet)
    assert manifest["params"]["holidays"] == ["christmas", "christmas_day", "easter", "new_year"]
    assert [e["path"] for e in manifest["inputs"]] == ["data/raw/calendar.csv", "data/raw/sales.csv"]
    known = pipeline.read_calendar_file(tmp_path / settings.PROCESSED_DIR / "calendar.csv")
    assert known["easter"].tolist() == [np.datetime64("2023-04-09")]
    assert str(known["christmas"][0]) == "2030-12-25"  # future holidays are known in advance
    assert manifest["leakage"]["across_splits"] == {"exact": 0, "near": 0}


def test_without_a_calendar_no_holiday_is_known(tmp_path: Path, quiet: Callable[[str], None],
                                                write_raw: Callable[..., Path]) -> None:
    write_raw(tmp_path, {"sales.csv": HEADER + GOOD})
    manifest = pipeline.run(tmp_path, horizon=7, origins=4, out=quiet)
    assert manifest["params"]["holidays"] == []
    assert pipeline.read_calendar_file(tmp_path / settings.PROCESSED_DIR / "calendar.csv") == {}


@pytest.mark.parametrize("calendar, problem", [
    ("date,holiday\n2023/12/25,christmas\n",
     r"calendar\.csv:2: date '2023/12/25' is not a day written YYYY-MM-DD"),
    ("date,holiday\n2023-12-25, \n", r"calendar\.csv:2: empty 'holiday' for 2023-12-25"),
    ("date,holiday\n2023-12-25,xmas\n2023-12-25,Xmas\n",
     r"calendar\.csv:3: xmas on 2023-12-25 is listed twice"),
    ("day,holiday\n2023-12-25,xmas\n", r"calendar\.csv:1: no 'date' column"),
])
def test_a_bad_calendar_row_is_rejected_naming_file_and_line(tmp_path: Path, write_raw: Callable[..., Path],
                                                             pipeline_refuses: Callable[..., None],
                                                             calendar: str, problem: str) -> None:
    write_raw(tmp_path, {"sales.csv": HEADER + GOOD, pipeline.CALENDAR: calendar})
    pipeline_refuses(tmp_path, problem, horizon=7, origins=4)


def test_a_calendar_alone_is_not_a_series(tmp_path: Path, write_raw: Callable[..., Path],
                                          pipeline_refuses: Callable[..., None]) -> None:
    write_raw(tmp_path, {pipeline.CALENDAR: CALENDAR})
    pipeline_refuses(tmp_path, r"no \.csv file with the series in data/raw/ \(only calendar\.csv\)")
