"""The image pipeline: checks naming file and line, duplicates grouped across the splits, a
deterministic stratified train / validation / test split."""

from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from {{package_name}} import pipeline, settings

SPLITS = ("train", "validation", "test")


def images_csv(rows: list[str], pixels: int = 4) -> str:
    return "id,label," + ",".join(f"px{k}" for k in range(pixels)) + "\n" + "".join(r + "\n" for r in rows)


GOOD = [f"i{k},{lab},{k},0,{k % 3},1" for k, lab in enumerate("abc" * 4)]


def distinct_images(n_per_label: int, labels: str = "abcd") -> list[str]:
    """2x2 images, no two alike even after scaling: px0 is 16, the others spell out the row number."""
    return [f"u{k},{labels[k % len(labels)]},16,{k // 10 % 10},{k % 10},{k % 7}"
            for k in range(n_per_label * len(labels))]


def read_splits(root: Path) -> dict[str, tuple[list[str], list[str], np.ndarray]]:
    return {name: pipeline.read_processed(root / settings.PROCESSED_DIR / f"{name}.csv") for name in SPLITS}


def test_split_is_deterministic_stratified_and_complete(project, quiet):
    pipeline.run(project, out=quiet)
    processed = project / settings.PROCESSED_DIR
    names = [f"{n}.csv" for n in SPLITS] + ["manifest.json"]
    first = {n: (processed / n).read_bytes() for n in names}
    pipeline.run(project, out=quiet)
    assert {n: (processed / n).read_bytes() for n in names} == first
    parts = read_splits(project)
    raw, _ = pipeline.read_raw(project)
    kept = pipeline.deduplicate(raw)
    ids = [i for name in SPLITS for i in parts[name][0]]
    assert sorted(ids) == sorted(image.id for image in kept) and len(set(ids)) == len(ids)
    assert {parts[name][2].shape[1] for name in SPLITS} == {len(kept[0].pixels)}
    by_id = {image.id: image for image in kept}
    test_ids, test_labels, X_test = parts["test"]
    assert np.array_equal(X_test[0], by_id[test_ids[0]].pixels)
    total, held_out = Counter(image.label for image in kept), Counter(test_labels)
    for label, n in total.items():
        assert abs(held_out[label] - n * pipeline.TEST_PERCENT / 100) <= 1
    pipeline.run(project, seed=7, out=quiet)
    assert (processed / "test.csv").read_bytes() != first["test.csv"]


@pytest.mark.parametrize("content, problem", [
    (images_csv(GOOD + ["i99,a,1,x,0,0"]), r"bad\.csv:14: px1 is 'x', not a number"),
    (images_csv(GOOD + ["i99,a,1,-2,0,0"]), r"bad\.csv:14: px1 is -2: pixels are numbers >= 0"),
    (images_csv(GOOD + ["i99,a,1,nan,0,0"]), r"bad\.csv:14: px1 is nan"),
    (images_csv(["i98, ,1,0,0,0"] + GOOD), r"bad\.csv:2: empty 'label'"),
    (images_csv(GOOD + ["i97,a,1,0,0"]), r"bad\.csv:14: 5 fields, but the header has 6"),
    (images_csv(GOOD, pixels=4).replace("px3", "px4", 1), r"bad\.csv:1: 4 pixel columns but no 'px3'"),
    (images_csv([r + ",0" for r in GOOD], pixels=5), r"bad\.csv:1: 5 pixel columns is not a square image"),
    ("id,label,value\ni1,a,3\n", r"bad\.csv:1: no pixel columns"),
    (images_csv(GOOD).replace("label", "class", 1), r"bad\.csv:1: no 'label' column"),
    (images_csv(GOOD + ["i0,a,1,1,1,1"]), r"bad\.csv:14: duplicate id 'i0' \(first at data/raw/bad\.csv:2\)"),
    (images_csv(GOOD + ["i96,z,1,1,1,1"]), r"bad\.csv:14: label 'z' has a single image"),
])
def test_bad_rows_are_rejected_naming_file_line_and_problem(tmp_path, write_raw, pipeline_refuses,
                                                           content, problem):
    write_raw(tmp_path, {"bad.csv": content})
    pipeline_refuses(tmp_path, problem)


def test_an_empty_data_raw_is_refused_saying_what_to_put_there(tmp_path, pipeline_refuses):
    (tmp_path / settings.RAW_DIR).mkdir(parents=True)
    pipeline_refuses(tmp_path, r"no \.csv files in data/raw/")


def test_files_with_images_of_another_size_are_rejected(tmp_path, write_raw, pipeline_refuses):
    nine = images_csv(["j1,a," + ",".join("1" * 9)], pixels=9)  # 3x3 images beside 2x2 ones
    write_raw(tmp_path, {"a.csv": images_csv(GOOD), "b.csv": nine})
    pipeline_refuses(tmp_path, r"b\.csv:1: 9 pixel columns, but data/raw/a\.csv has 4")


def test_repeated_images_are_dropped_and_values_survive_the_round_trip(tmp_path, quiet, write_raw):
    rows = distinct_images(10) + ["copy,a,16,0,0,0", "half,b,0.5,255,0.125,3"]  # "copy" repeats u0
    write_raw(tmp_path, {"a.csv": images_csv(rows)})
    pipeline.run(tmp_path, out=quiet)
    parts = read_splits(tmp_path)
    ids = [i for name in SPLITS for i in parts[name][0]]
    assert "copy" not in ids and len(ids) == 41
    assert [0.5, 255, 0.125, 3] in [list(x) for name in SPLITS for x in parts[name][2]]


def test_planted_duplicates_are_counted_and_kept_on_one_side(tmp_path, quiet, write_raw):
    """Exact copies under another label and the same picture at another intensity scale are found,
    counted in the manifest, and each group lands in one split."""
    rows = distinct_images(12)
    planted = ["twin,b,16,0,0,0",  # the pixels of u0 (label a) under label b: an exact duplicate
               "bright,c,32,0,0,0",  # u0 at twice the intensity: a near duplicate
               "flat,a,1,1,1,1", "dim,d,0.5,0.5,0.5,0.5"]  # one uniform image at two intensities: near
    write_raw(tmp_path, {"a.csv": images_csv(rows + planted)})
    said: list[str] = []
    manifest = pipeline.run(tmp_path, out=said.append)
    entry = manifest["leakage"]
    assert (entry["exact"], entry["near"], entry["action"]) == (1, 2, "grouped")
    assert entry["across_splits"] == {"exact": 0, "near": 0}
    assert "1 exact and 2 near duplicates found" in "\n".join(said)
    where = {i: name for name, (ids, _, _) in read_splits(tmp_path).items() for i in ids}
    assert where["u0"] == where["twin"] == where["bright"]
    assert where["flat"] == where["dim"]


def test_duplicates_left_across_the_splits_are_counted(tmp_path, quiet, write_raw):
    image = lambda image_id, label, px: pipeline.Image(image_id, label, np.array(px, dtype=float))  # noqa: E731
    parts = {"train": [image("a", "x", [1, 0, 0, 0]), image("b", "x", [0, 2, 0, 0])],
             "validation": [image("c", "y", [1, 0, 0, 0])],  # exact copy of a
             "test": [image("d", "y", [0, 4, 0, 0]), image("e", "y", [0, 0, 0, 3])]}  # d: b at 2x
    assert pipeline.remaining(parts) == {"exact": 1, "near": 1}
    write_raw(tmp_path, {"a.csv": images_csv(distinct_images(12) + ["twin,b,16,0,0,0"])})
    manifest = pipeline.run(tmp_path, allow_leakage=True, out=quiet)
    assert manifest["leakage"]["exact"] == 1 and manifest["params"]["group_duplicates"] is False
    assert manifest["leakage"]["action"] in ("allowed", "removed")


def test_the_command_fails_with_one_clear_line_and_nonzero_exit(tmp_path, write_raw, pipeline_command):
    write_raw(tmp_path, {"images.csv": images_csv(GOOD + ["i50,b,1,2,3,?"])})
    done = pipeline_command(tmp_path)
    assert done.returncode == 1
    assert done.stderr.splitlines() == ["error: data/raw/images.csv:14: px3 is '?', not a number"]
