"""The image pipeline: the digits export, checks naming file and line, a deterministic stratified split."""

from collections import Counter

import numpy as np
import pytest

from {{package_name}} import pipeline, settings


def images_csv(rows: list[str], pixels: int = 4) -> str:
    return "id,label," + ",".join(f"px{k}" for k in range(pixels)) + "\n" + "".join(r + "\n" for r in rows)


GOOD = [f"i{k},{lab},{k},0,{k % 3},1" for k, lab in enumerate("abc" * 4)]


def test_an_empty_data_raw_gets_the_digits_and_they_are_kept(tmp_path):
    said = []
    manifest = pipeline.run(tmp_path, out=said.append)
    raw = tmp_path / settings.RAW_DIR / "digits.csv"
    assert "wrote the example data data/raw/digits.csv" in said[0]
    images = pipeline.read_file(raw, "digits.csv")
    assert len(images) == 1797 and len(images[0].pixels) == 64
    assert Counter(i.label for i in images).keys() == {str(d) for d in range(10)}
    assert manifest["inputs"][0]["path"] == "data/raw/digits.csv"
    before = raw.read_bytes()
    said.clear()
    pipeline.run(tmp_path, out=said.append)
    assert raw.read_bytes() == before and "example" not in said[0]


def test_split_is_deterministic_stratified_and_complete(project, quiet):
    pipeline.run(project, out=quiet)
    processed = project / settings.PROCESSED_DIR
    first = {n: (processed / n).read_bytes() for n in ("train.csv", "test.csv", "manifest.json")}
    pipeline.run(project, out=quiet)
    assert {n: (processed / n).read_bytes() for n in first} == first
    train_ids, _, X_train = pipeline.read_processed(processed / "train.csv")
    test_ids, test_labels, X_test = pipeline.read_processed(processed / "test.csv")
    raw, _ = pipeline.read_raw(project, out=quiet)
    kept = pipeline.deduplicate(raw)
    assert sorted(train_ids + test_ids) == sorted(i.id for i in kept)
    assert not set(train_ids) & set(test_ids)
    assert X_train.shape[1] == X_test.shape[1] == len(kept[0].pixels)
    by_id = {i.id: i for i in kept}
    assert np.array_equal(X_test[0], by_id[test_ids[0]].pixels)
    total, held_out = Counter(i.label for i in kept), Counter(test_labels)
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


def test_files_with_images_of_another_size_are_rejected(tmp_path, write_raw, pipeline_refuses):
    nine = images_csv(["j1,a," + ",".join("1" * 9)], pixels=9)  # 3x3 images beside 2x2 ones
    write_raw(tmp_path, {"a.csv": images_csv(GOOD), "b.csv": nine})
    pipeline_refuses(tmp_path, r"b\.csv:1: 9 pixel columns, but data/raw/a\.csv has 4")


def test_duplicate_images_are_dropped_and_values_survive_the_round_trip(tmp_path, quiet, write_raw):
    rows = GOOD + ["copy,a,0,0,0,1", "half,b,0.5,255,0.125,3"]  # "copy" repeats i0
    write_raw(tmp_path, {"a.csv": images_csv(rows)})
    manifest = pipeline.run(tmp_path, out=quiet)
    ids, _, X = [], [], []
    for name in ("train", "test"):
        i, _, x = pipeline.read_processed(tmp_path / manifest["outputs"][name]["path"])
        ids += i
        X += list(x)
    assert "copy" not in ids and len(ids) == 13
    assert [0.5, 255, 0.125, 3] in [list(x) for x in X]


def test_the_command_fails_with_one_clear_line_and_nonzero_exit(tmp_path, write_raw, pipeline_command):
    write_raw(tmp_path, {"images.csv": images_csv(GOOD + ["i50,b,1,2,3,?"])})
    done = pipeline_command(tmp_path)
    assert done.returncode == 1
    assert done.stderr.splitlines() == ["error: data/raw/images.csv:14: px3 is '?', not a number"]
