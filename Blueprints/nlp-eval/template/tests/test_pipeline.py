"""The text pipeline: schema checks with line numbers, cleaning, leakage checks and a deterministic
stratified train / validation / test split. The tests build their own data or read whatever is in
data/raw/, so they pass on your data too."""

import json
from collections import Counter

import pytest

from {{package_name}} import pipeline, settings

HEADER = "id,text,label\n"
GOOD = "".join(f"t{i},ticket number {i} about {lab},{lab}\n" for i, lab in enumerate(["a", "b", "c"] * 4))
SPLITS = ("train", "validation", "test")


def processed_bytes(root):
    return {name: (root / settings.PROCESSED_DIR / name).read_bytes()
            for name in ("train.csv", "validation.csv", "test.csv", "manifest.json")}


def distinct_rows(n_labels=3, per_label=20):
    """Rows with no shared 5-word run: every text is its own words."""
    return "".join(f"r{lab}{i},{' '.join(f'w{lab}x{i}y{k}' for k in range(8))},{lab}\n"
                   for lab in "abc"[:n_labels] for i in range(per_label))


def test_split_is_deterministic_stratified_and_complete(project, quiet):
    pipeline.run(project, out=quiet)
    first = processed_bytes(project)
    pipeline.run(project, out=quiet)
    assert processed_bytes(project) == first
    processed = project / settings.PROCESSED_DIR
    parts = {name: pipeline.read_processed(processed / f"{name}.csv") for name in SPLITS}
    raw, _ = pipeline.read_raw(project)
    kept = pipeline.deduplicate(raw)
    assert sorted(r.id for p in parts.values() for r in p) == sorted(r.id for r in kept)
    ids = [{r.id for r in p} for p in parts.values()]
    assert not (ids[0] & ids[1] or ids[0] & ids[2] or ids[1] & ids[2])
    total, held_out = Counter(r.label for r in kept), Counter(r.label for r in parts["test"])
    assert set(held_out) == set(total)
    assert abs(len(parts["test"]) / len(kept) - pipeline.TEST_PERCENT / 100) < 0.05


def test_planted_duplicates_are_reported_and_kept_on_one_side(tmp_path, write_raw, quiet, capsys):
    body = distinct_rows()
    planted = ("dup1,\"WAX0Y0 wax0y1 wax0y2 wax0y3, wax0y4 wax0y5 wax0y6 wax0y7!\",a\n"  # exact
               "dup2,wbx1y0 wbx1y1 wbx1y2 wbx1y3 wbx1y4 wbx1y5 wbx1y6 extra,b\n")  # near
    write_raw(tmp_path, {"t.csv": "id,text,label\n" + body + planted})
    manifest = pipeline.run(tmp_path, out=print)
    leak = manifest["leakage"]
    assert (leak["exact"], leak["near"], leak["action"]) == (1, 1, "grouped")
    assert leak["across_splits"] == {"exact": 0, "near": 0}
    assert "1 exact and 1 near duplicates found" in capsys.readouterr().out
    side = {r.id: name for name in SPLITS
            for r in pipeline.read_processed(tmp_path / settings.PROCESSED_DIR / f"{name}.csv")}
    assert side["dup1"] == side["ra0"] and side["dup2"] == side["rb1"]
    allowed = pipeline.run(tmp_path, out=quiet, allow_leakage=True)["leakage"]
    assert allowed["action"] in ("allowed", "removed") and allowed["exact"] == 1


def test_another_seed_gives_another_split(tmp_path, write_raw, quiet):
    write_raw(tmp_path, {"t.csv": "id,text,label\n" + distinct_rows()})
    pipeline.run(tmp_path, seed=1, out=quiet)
    one = processed_bytes(tmp_path)["test.csv"]
    pipeline.run(tmp_path, seed=2, out=quiet)
    assert processed_bytes(tmp_path)["test.csv"] != one


def test_fingerprints_change_when_the_data_changes(project, quiet):
    before = pipeline.run(project, out=quiet)
    raw = sorted((project / settings.RAW_DIR).glob("*.csv"))[0]
    lines = raw.read_text(encoding="utf-8").splitlines(keepends=True)
    raw.write_text("".join(lines[:-1]), encoding="utf-8")  # one row fewer
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
    rows = [r for split in SPLITS
            for r in pipeline.read_processed(tmp_path / manifest["outputs"][split]["path"])]
    texts = [r.text for r in rows]
    assert texts.count("ticket number 0 about a") == 1  # the copy in b.csv is a duplicate
    assert "multi line" in texts
    assert all("  " not in t and "\t" not in t for t in texts)
    assert len(rows) == 12 + 2
    assert [e["rows"] for e in manifest["inputs"]] == [12, 3]
    assert json.loads((tmp_path / settings.MANIFEST).read_text()) == manifest
