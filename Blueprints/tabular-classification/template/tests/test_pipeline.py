"""The table pipeline: schema checks naming file and line, missing cells, duplicates kept on one side
(the leakage check), a stratified train / validation / test split."""

import json
import math
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from _tables import table_csv
from {{package_name}} import pipeline, settings

SPLITS = ("train", "validation", "test")

HEADER = "id,size,weight,label\n"
GOOD = "".join(f"r{i},{i}.5,{i * 2},{lab}\n" for i, lab in enumerate(["yes", "no", "no"] * 4))  # lines 2-13


def test_the_split_is_stratified_complete_and_reproducible(project: Path,
                                                           quiet: Callable[[str], None]) -> None:
    first = pipeline.run(project, out=quiet)
    assert pipeline.run(project, out=quiet)["outputs"] == first["outputs"]  # the same bytes again
    other = pipeline.run(project, seed=first["params"]["seed"] + 1, out=quiet)
    assert other["outputs"]["test"]["sha256"] != first["outputs"]["test"]["sha256"]
    processed = project / settings.PROCESSED_DIR
    parts = {name: pipeline.read_processed(processed / f"{name}.csv") for name in SPLITS}
    raw, _ = pipeline.read_raw(project)
    ids = [i for t in parts.values() for i in t.ids]
    assert sorted(ids) == sorted(raw.ids) and len(set(ids)) == len(ids)
    for label, n in Counter(raw.labels).items():
        assert abs(parts["test"].labels.count(label) - n * pipeline.TEST_PERCENT / 100) <= 1.5
        assert abs(parts["validation"].labels.count(label) - n * pipeline.VALIDATION_PERCENT / 100) <= 1.5
    by_id = dict(zip(raw.ids, raw.X, strict=True))  # the processed files hold exactly the raw numbers
    assert all(np.array_equal(by_id[i], x, equal_nan=True)
               for t in parts.values() for i, x in zip(t.ids, t.X, strict=True))


def test_identical_feature_rows_are_counted_and_kept_on_one_side(tmp_path: Path,
                                                                 write_raw: Callable[..., Path],
                                                                 quiet: Callable[[str], None]) -> None:
    """Plant duplicates: 12 rows repeat one row's features, 6 with its label and 6 with the other. The
    first with the other label is a near duplicate, each later one repeats an earlier row exactly.
    Without grouping some would land in test while others train the model."""
    lines = table_csv(n=120).splitlines()
    header, first = lines[0], lines[1].split(",")
    other = "no" if first[-1] == "yes" else "yes"
    planted = [",".join([f"dup{k}", *first[1:-1], first[-1] if k < 6 else other]) for k in range(12)]
    write_raw(tmp_path, {"table.csv": "\n".join([header, *lines[1:], *planted]) + "\n"})
    manifest = pipeline.run(tmp_path, out=quiet)
    assert manifest["leakage"]["exact"] == 11 and manifest["leakage"]["near"] == 1
    assert manifest["leakage"]["action"] == "grouped"
    assert manifest["leakage"]["across_splits"] == {"exact": 0, "near": 0}
    ids = {name: set(pipeline.read_processed(tmp_path / manifest["outputs"][name]["path"]).ids)
           for name in SPLITS}
    holding = {name for name in SPLITS if {"dup0", first[0]} & ids[name]}
    assert len(holding) == 1  # the 13 identical rows all sit in one split


def test_allow_leakage_splits_row_by_row_and_records_what_remains(tmp_path: Path,
                                                                  write_raw: Callable[..., Path],
                                                                  quiet: Callable[[str], None]) -> None:
    lines = table_csv(n=60).splitlines()
    copies = [f"d{k}," + lines[1].split(",", 1)[1] for k in range(30)]  # 30 copies of the first row
    write_raw(tmp_path, {"table.csv": "\n".join([*lines, *copies]) + "\n"})
    grouped = pipeline.run(tmp_path, out=quiet)
    assert grouped["leakage"]["exact"] == 30 and grouped["leakage"]["across_splits"]["exact"] == 0
    allowed = pipeline.run(tmp_path, allow_leakage=True, out=quiet)
    assert allowed["leakage"]["action"] == "allowed" and allowed["leakage"]["across_splits"]["exact"] > 0
    assert pipeline.main(["--root", str(tmp_path), "--allow-leakage"]) == 0


def test_fingerprints_change_when_the_data_changes(project: Path, quiet: Callable[[str], None]) -> None:
    before = pipeline.run(project, out=quiet)
    raw = next((project / settings.RAW_DIR).glob("*.csv"))
    lines = raw.read_text(encoding="utf-8").splitlines(keepends=True)
    k = next(k for k in range(1, len(lines) - 1) if lines[k] != lines[k + 1])
    lines[k], lines[k + 1] = lines[k + 1], lines[k]  # two rows change places: other rows in other splits
    raw.write_text("".join(lines), encoding="utf-8")
    after = pipeline.run(project, out=quiet)
    assert after["input_fingerprint"] != before["input_fingerprint"]
    assert after["fingerprint"] != before["fingerprint"]


@pytest.mark.parametrize("content, problem", [
    (HEADER + GOOD + "r99,1.5,heavy,no\n", r"bad\.csv:14: column 'weight': 'heavy' is not a number"),
    (HEADER + "r98,1.5,inf,no\n" + GOOD, r"bad\.csv:2: column 'weight': 'inf' is not a finite number"),
    (HEADER + "r0,1,2,yes\nr1,1,2,no\nr97,1,2,,\n", r"bad\.csv:4: 5 fields, but the header has 4"),
    (HEADER + GOOD + "r96,1,2, \n", r"bad\.csv:14: empty 'label'"),
    ("id,size,weight,class\n" + GOOD, r"bad\.csv:1: no 'label' column"),
    ("id,label\nr1,yes\nr2,no\n", r"bad\.csv:1: no feature columns"),
    ("size,Size,label\n1,2,yes\n", r"bad\.csv:1: repeated column names in the header \(size,size,label\)"),
    (HEADER + GOOD + "r0,1,1,yes\n", r"bad\.csv:14: duplicate id 'r0' \(first at data/raw/bad\.csv:2\)"),
    (HEADER + GOOD + "r95,1,1,maybe\n", r"bad\.csv:14: label 'maybe' has 1 row\(s\); the stratified"),
    (HEADER + "r1,1,1,yes\nr2,2,2,yes\n", r"bad\.csv:2: every row has the label 'yes'"),
    ("id,size,weight,empty,label\n" + GOOD.replace(",yes", ",,yes").replace(",no", ",,no"),
     r"bad\.csv:1: column 'empty' has no value in any row"),
    (HEADER + '"r94","1.5 ,2,no\n' + GOOD, r"bad\.csv:2: malformed CSV"),
    ((HEADER + GOOD).encode() + "r93,1,2,s\xed\n".encode("latin-1"), r"bad\.csv:14: not UTF-8"),
    ("", r"bad\.csv:1: empty file"),
])
def test_bad_rows_are_rejected_naming_file_line_and_problem(tmp_path: Path, write_raw: Callable[..., Path],
                                                           pipeline_refuses: Callable[..., None],
                                                           content: str | bytes, problem: str) -> None:
    write_raw(tmp_path, {"bad.csv": content})
    pipeline_refuses(tmp_path, problem)


def test_files_must_share_their_feature_columns(tmp_path: Path, write_raw: Callable[..., Path],
                                                pipeline_refuses: Callable[..., None]) -> None:
    write_raw(tmp_path, {"a.csv": HEADER + GOOD, "b.csv": "id,size,height,label\nz1,1,2,yes\n"})
    pipeline_refuses(tmp_path, r"b\.csv:1: the feature columns differ from the first file's "
                               r"\(missing weight; extra height\)")


def test_the_command_fails_with_one_clear_line_and_nonzero_exit(tmp_path: Path,
                                                               write_raw: Callable[..., Path],
                                                               pipeline_command: Callable[..., Any]) -> None:
    write_raw(tmp_path, {"table.csv": HEADER + GOOD + "r50,1.5,n/a?,no\n"})
    done = pipeline_command(tmp_path)
    assert done.returncode == 1
    assert done.stderr.splitlines()[0].startswith(
        "error: data/raw/table.csv:14: column 'weight': 'n/a?' is not a number")


def test_missing_cells_columns_in_any_order_and_duplicates(tmp_path: Path, quiet: Callable[[str], None],
                                                           write_raw: Callable[..., Path]) -> None:
    b = "label,weight,size\nyes,,0.5\nno, NA ,7\nno,?,8\nyes,3,2.5\n"  # line 2 repeats r0 of a.csv
    write_raw(tmp_path, {"a.csv": HEADER + GOOD.replace("r0,0.5,0,yes", "r0,0.5,,yes"), "b.csv": b})
    manifest = pipeline.run(tmp_path, out=quiet)
    tables = [pipeline.read_processed(tmp_path / manifest["outputs"][s]["path"]) for s in SPLITS]
    assert all(t.features == ["size", "weight"] for t in tables)
    rows = {i: x for t in tables for i, x in zip(t.ids, t.X, strict=True)}
    assert len(rows) == 12 + 4  # b.csv line 2 repeats r0 (same features, same label): kept, on r0's side
    assert manifest["leakage"]["exact"] == 1 and manifest["leakage"]["across_splits"]["exact"] == 0
    assert math.isnan(rows["b:3"][1]) and rows["b:3"][0] == 7.0
    assert math.isnan(rows["r0"][1])
    assert [e["rows"] for e in manifest["inputs"]] == [12, 4]
    assert manifest["params"]["labels"] == ["no", "yes"]
    assert json.loads((tmp_path / settings.MANIFEST).read_text()) == manifest
