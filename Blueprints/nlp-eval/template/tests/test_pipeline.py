"""The ticket pipeline: schema checks with line numbers, cleaning, a deterministic stratified split."""

import json
from collections import Counter

import pytest

from {{package_name}} import pipeline, settings

HEADER = "id,text,label\n"
GOOD = "".join(f"t{i},ticket number {i} about {lab},{lab}\n" for i, lab in enumerate(["a", "b", "c"] * 4))


def processed_bytes(root):
    return {name: (root / settings.PROCESSED_DIR / name).read_bytes()
            for name in ("train.csv", "test.csv", "manifest.json")}


def test_split_is_deterministic_stratified_and_complete(project, quiet):
    pipeline.run(project, out=quiet)
    first = processed_bytes(project)
    pipeline.run(project, out=quiet)
    assert processed_bytes(project) == first
    processed = project / settings.PROCESSED_DIR
    train = pipeline.read_processed(processed / "train.csv")
    test = pipeline.read_processed(processed / "test.csv")
    raw, _ = pipeline.read_raw(project)
    assert sorted(r.id for r in train + test) == sorted(r.id for r in raw)
    assert not {r.id for r in train} & {r.id for r in test}
    total, held_out = Counter(r.label for r in raw), Counter(r.label for r in test)
    for label, n in total.items():
        assert abs(held_out[label] - n * pipeline.TEST_PERCENT / 100) <= 1


def test_another_seed_gives_another_split(project, quiet):
    pipeline.run(project, seed=1, out=quiet)
    one = processed_bytes(project)["test.csv"]
    pipeline.run(project, seed=2, out=quiet)
    assert processed_bytes(project)["test.csv"] != one


def test_fingerprints_change_when_the_data_changes(project, quiet):
    before = pipeline.run(project, out=quiet)
    raw = project / settings.RAW_DIR / "tickets.csv"
    lines = raw.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[5] = lines[5].replace("a", "A", 1) if "a" in lines[5] else lines[5] + " "
    raw.write_text("".join(lines), encoding="utf-8")
    after = pipeline.run(project, out=quiet)
    assert after["input_fingerprint"] != before["input_fingerprint"]
    assert after["fingerprint"] != before["fingerprint"]
    assert after["fingerprint"].startswith("sha256:") and len(after["fingerprint"]) == 71


@pytest.mark.parametrize("content, problem", [
    (HEADER + GOOD + "t99,,a\n", r"bad\.csv:14: empty 'text'"),
    (HEADER + "t98,no label here,\n" + GOOD, r"bad\.csv:2: empty 'label'"),
    (HEADER + "t0,fine,a\n" + "t97,too,many,fields\n", r"bad\.csv:3: 4 fields, but the header has 3"),
    ("id,body,label\n" + GOOD, r"bad\.csv:1: no 'text' column"),
    (HEADER + GOOD + "t0,again,a\n", r"bad\.csv:14: duplicate id 't0' \(first at data/raw/bad\.csv:2\)"),
    (HEADER + '"t96","an "unclosed quote,a\n' + GOOD, r"bad\.csv:2: malformed CSV"),
    (HEADER + GOOD + "t95,caf\xe9 menu,a\n", r"bad\.csv:14: not UTF-8"),
    (HEADER + GOOD + "t94,lonely label,z\n", r"bad\.csv:14: label 'z' has a single row"),
    ("", r"bad\.csv:1: empty file"),
])
def test_bad_rows_are_rejected_naming_file_line_and_problem(tmp_path, write_raw, pipeline_refuses,
                                                           content, problem):
    write_raw(tmp_path, {"bad.csv": content.encode("latin-1" if "\xe9" in content else "utf-8")})
    pipeline_refuses(tmp_path, problem)


def test_the_command_fails_with_one_clear_line_and_nonzero_exit(tmp_path, write_raw, pipeline_command):
    write_raw(tmp_path, {"tickets.csv": HEADER + GOOD + "t50,,b\n"})
    done = pipeline_command(tmp_path)
    assert done.returncode == 1
    assert done.stderr.splitlines() == ["error: data/raw/tickets.csv:14: empty 'text'"]


def test_cleaning_normalises_whitespace_and_drops_duplicates(tmp_path, quiet, write_raw):
    a = "text,label\n" + "".join(f"ticket\t  number {i} about {lab},{lab}\n"
                                  for i, lab in enumerate("abc" * 4))
    b = 'label,text\n a ,"  ticket number 0   about a "\nb,fresh one\nb,"multi\nline"\n'
    write_raw(tmp_path, {"a.csv": a, "b.csv": b})
    manifest = pipeline.run(tmp_path, out=quiet)
    rows = [r for split in ("train", "test")
            for r in pipeline.read_processed(tmp_path / manifest["outputs"][split]["path"])]
    texts = [r.text for r in rows]
    assert texts.count("ticket number 0 about a") == 1  # the copy in b.csv is a duplicate
    assert "multi line" in texts
    assert all("  " not in t and "\t" not in t for t in texts)
    assert len(rows) == 12 + 2
    assert [e["rows"] for e in manifest["inputs"]] == [12, 3]
    assert json.loads((tmp_path / settings.MANIFEST).read_text()) == manifest
