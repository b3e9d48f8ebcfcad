"""The question pipeline: every JSONL line checked (file, line, problem), passages cut at headings,
a deterministic train/validation/test split stratified by document, duplicates kept on one side."""

import json
import subprocess
import sys

import pytest

import kb
from {{package_name}} import pipeline, settings
from {{package_name}}.impact import ImpactError

DOC = "# Widget\n\nThe Widget is blue.\n\n## Battery\n\nThe battery lasts 9 hours.\n"


def raw_files(lines, docs=None) -> dict[str, str]:
    """The files of a data/raw/: questions.jsonl (`lines`: dicts or raw strings) and docs/ (name -> text)."""
    body = "".join((x if isinstance(x, str) else json.dumps(x)) + "\n" for x in lines)
    return {**{f"docs/{name}": text for name, text in (docs or {"widget.md": DOC}).items()},
            "questions.jsonl": body}


def good(n=6):
    return [{"id": f"w{i}", "question": f"How long does battery {i} last?", "answers": [f"{i} hours"],
             "doc": "widget.md"} for i in range(n)]


def outputs(root):
    return {f: (root / settings.PROCESSED_DIR / f).read_bytes()
            for f in ("train.jsonl", "validation.jsonl", "test.jsonl", "passages.jsonl", "manifest.json")}


def splits_of(root):
    processed = root / settings.PROCESSED_DIR
    return {name: pipeline.read_items(processed / f"{name}.jsonl") for name in pipeline.SPLITS}


def test_a_seeded_split_is_reproducible_disjoint_and_stratified_by_document(tmp_path, quiet, write_raw):
    write_raw(tmp_path, kb.raw_files())
    manifest = pipeline.run(tmp_path, test_percent=40, validation_percent=20, out=quiet)
    first = outputs(tmp_path)
    pipeline.run(tmp_path, test_percent=40, validation_percent=20, out=quiet)
    assert outputs(tmp_path) == first
    found = splits_of(tmp_path)
    ids = [i.id for items in found.values() for i in items]
    assert sorted(ids) == sorted(q["id"] for q in kb.QUESTIONS) and len(set(ids)) == len(ids)
    for doc in kb.DOCS:
        assert all(any(i.doc == doc for i in found[name]) for name in pipeline.SPLITS), doc
    assert set(manifest["outputs"]) == {"train", "validation", "test", "passages"}
    assert manifest["outputs"]["passages"]["rows"] == 5
    assert manifest["params"]["fixed_split"] is False
    assert manifest["leakage"]["across_splits"] == {"exact": 0, "near": 0}


def test_the_data_can_fix_the_split(tmp_path, quiet, write_raw):
    write_raw(tmp_path, kb.raw_files(kb.with_splits(kb.QUESTIONS)))
    manifest = pipeline.run(tmp_path, seed=1, out=quiet)
    fixed = {q["id"]: q["split"] for q in kb.with_splits(kb.QUESTIONS)}
    assert {i.id: name for name, items in splits_of(tmp_path).items() for i in items} == fixed
    assert manifest["params"]["fixed_split"] is True
    assert pipeline.run(tmp_path, seed=2, out=quiet)["fingerprint"] == manifest["fingerprint"]


def test_the_seed_changes_the_split_and_the_data_changes_the_fingerprints(tmp_path, quiet, write_raw):
    write_raw(tmp_path, kb.raw_files())
    one = pipeline.run(tmp_path, seed=1, out=quiet)
    test_one = outputs(tmp_path)["test.jsonl"]
    two = pipeline.run(tmp_path, seed=3, out=quiet)
    assert outputs(tmp_path)["test.jsonl"] != test_one
    assert one["input_fingerprint"] == two["input_fingerprint"]
    doc = tmp_path / settings.RAW_DIR / "docs" / "device.md"
    doc.write_text(doc.read_text(encoding="utf-8").replace("9 hours", "10 hours"), encoding="utf-8")
    three = pipeline.run(tmp_path, seed=3, out=quiet)
    assert three["input_fingerprint"] != two["input_fingerprint"]
    assert three["fingerprint"] != two["fingerprint"]  # the passages changed
    assert three["outputs"]["test"] == two["outputs"]["test"]  # the questions did not


PLANTED = [
    # the same question as a1, in other case and punctuation: an exact duplicate
    {"id": "x1", "question": "how long does STANDARD shipping take", "answers": ["3 to 5 business days"],
     "doc": "orders.md"},
    # a2's fact in other words (same answer, same passage): a near duplicate
    {"id": "x2", "question": "What do I pay for the normal delivery?", "answers": ["$6.95"],
     "doc": "orders.md"},
    {"id": "x3", "question": "Which firm brings my parcel?", "answers": ["Parcelway"], "doc": "orders.md"},
]


def test_planted_duplicates_are_reported_and_kept_on_one_side_of_a_seeded_split(tmp_path, write_raw):
    lines = kb.QUESTIONS + [{**PLANTED[0], "answers": ["3 to 5 business days"]}, PLANTED[1], PLANTED[2]]
    write_raw(tmp_path, kb.raw_files(lines))
    printed: list[str] = []
    for seed in range(5):
        manifest = pipeline.run(tmp_path, seed=seed, out=printed.append)
        entry = manifest["leakage"]
        assert (entry["exact"], entry["near"], entry["action"]) == (1, 2, "grouped")
        assert entry["across_splits"] == {"exact": 0, "near": 0}
        where = {i.id: name for name, items in splits_of(tmp_path).items() for i in items}
        assert where["a2"] == where["x2"] and where["a3"] == where["x3"]
        assert "x1" not in where  # the same question with the same answers is dropped
    assert any("leakage check: 1 exact and 2 near duplicates found" in line for line in printed)


def test_with_a_fixed_split_a_duplicate_moves_out_of_test_never_into_it(tmp_path, quiet, write_raw):
    fixed = kb.with_splits(kb.QUESTIONS)
    split_of = {q["id"]: q["split"] for q in fixed}
    assert split_of["a2"] == "test" and split_of["a3"] == "validation"
    planted = [{**PLANTED[1], "split": "train"}, {**PLANTED[2], "split": "test"}]
    write_raw(tmp_path, kb.raw_files(fixed + planted))
    manifest = pipeline.run(tmp_path, out=quiet)
    where = {i.id: name for name, items in splits_of(tmp_path).items() for i in items}
    assert where["a2"] == where["x2"] == "train"  # a2 left test: its fact is in train
    assert where["a3"] == where["x3"] == "validation"
    assert manifest["leakage"]["across_splits"] == {"exact": 0, "near": 0}
    allowed = pipeline.run(tmp_path, allow_leakage=True, out=quiet)
    assert allowed["leakage"]["action"] == "allowed"
    assert allowed["leakage"]["across_splits"] == {"exact": 0, "near": 2}
    where = {i.id: name for name, items in splits_of(tmp_path).items() for i in items}
    assert where["a2"] == "test" and where["x2"] == "train"


def test_the_command_takes_allow_leakage_and_the_split_shares(tmp_path, write_raw, pipeline_command):
    write_raw(tmp_path, kb.raw_files(kb.QUESTIONS + PLANTED[1:]))
    done = subprocess.run([sys.executable, "-m", pipeline.__name__, "--root", str(tmp_path),
                           "--allow-leakage", "--validation-percent", "25", "--test-percent", "25"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    manifest = json.loads((tmp_path / settings.MANIFEST).read_text(encoding="utf-8"))
    assert manifest["params"]["validation_fraction"] == 0.25 and manifest["leakage"]["action"] in (
        "allowed", "grouped")


@pytest.mark.parametrize("line, problem", [
    ('{"question": "Why?", "answers": ["x"]', r"questions\.jsonl:7: not valid JSON \(.* at column \d+\)"),
    ('["Why?", "x"]', r"questions\.jsonl:7: expected a JSON object .*got list"),
    ({"answers": ["x"]}, r"questions\.jsonl:7: missing field 'question'"),
    ({"question": "Why?"}, r"questions\.jsonl:7: missing field 'answers'"),
    ({"question": "Why?", "answers": []}, r"questions\.jsonl:7: 'answers' must be a non-empty list"),
    ({"question": "Why?", "answers": [3]}, r"questions\.jsonl:7: 'answers' must be a non-empty list"),
    ({"question": "Why?", "answers": ["ok", "  "]}, r"questions\.jsonl:7: 'answers' contains an empty"),
    ({"question": "   ", "answers": ["x"]}, r"questions\.jsonl:7: empty 'question'"),
    ({"question": ["Why?"], "answers": ["x"]}, r"questions\.jsonl:7: 'question' must be a string, not list"),
    ({"id": "w2", "question": "Why?", "answers": ["x"]},
     r"questions\.jsonl:7: duplicate id 'w2' \(first at data/raw/questions\.jsonl:3\)"),
    ({"question": "Why?", "answers": ["x"], "doc": "manual.md"},
     r"questions\.jsonl:7: 'doc' names 'manual\.md', which is not a file in data/raw/docs/"),
    ({"question": "How long does battery 0 last?", "answers": ["10 hours"]},
     r"questions\.jsonl:7: the same question as data/raw/questions\.jsonl:1 with other answers"),
    ({"question": "Why?", "answers": ["x"], "split": "dev"},
     r"questions\.jsonl:7: 'split' is 'dev': use train, validation or test"),
])
def test_a_bad_line_stops_the_pipeline_naming_file_line_and_problem(tmp_path, write_raw, pipeline_refuses,
                                                                     line, problem):
    write_raw(tmp_path, raw_files(good() + [line]))
    pipeline_refuses(tmp_path, problem)


def test_bad_files_are_named_too(tmp_path, quiet, write_raw):
    raw = write_raw(tmp_path, raw_files(good()))
    (raw / "questions.jsonl").write_bytes(b'{"question": "Why?", "answers": ["x"]}\n'
                                          b'{"question": "Caf\xe9?"}\n')
    with pytest.raises(ImpactError, match=r"questions\.jsonl:2: not UTF-8 \(byte 0xe9 at column 18\)"):
        pipeline.run(tmp_path, out=quiet)
    (raw / "questions.jsonl").write_text("\n\n", encoding="utf-8")
    with pytest.raises(ImpactError, match=r"questions\.jsonl: no questions"):
        pipeline.run(tmp_path, out=quiet)
    (raw / "questions.jsonl").unlink()
    with pytest.raises(ImpactError, match=r"no \.jsonl files in data/raw/"):
        pipeline.run(tmp_path, out=quiet)
    for doc in (raw / "docs").iterdir():
        doc.unlink()
    with pytest.raises(ImpactError, match=r"no knowledge base: .*data/raw/docs/"):
        pipeline.run(tmp_path, out=quiet)


def test_the_command_prints_one_error_line_and_exits_1(tmp_path, write_raw, pipeline_command):
    write_raw(tmp_path, raw_files(good() + [{"question": "Battery?", "answer": "9 hours"}]))
    done = pipeline_command(tmp_path)
    assert done.returncode == 1
    assert done.stderr == "error: data/raw/questions.jsonl:7: missing field 'answers'\n"


def test_lenient_where_it_is_safe(tmp_path, quiet, write_raw):
    lines = good(4) + [
        {"question": "What  colour\tis the Widget?", "answers": "blue"},  # one string, messy spaces
        {"id": 17, "question": "How long does battery 0 last?", "answers": ["0 hours"]},  # repeat: dropped
        "",
        {"question": "What is it called?", "answers": ["Widget", "Widget"], "extra": True},
    ]
    write_raw(tmp_path, raw_files(lines))
    manifest = pipeline.run(tmp_path, out=quiet)
    items = [i for split in pipeline.SPLITS
             for i in pipeline.read_items(tmp_path / manifest["outputs"][split]["path"])]
    by_question = {i.question: i for i in items}
    assert len(items) == 6
    assert by_question["What colour is the Widget?"].answers == ("blue",)
    assert by_question["What is it called?"].answers == ("Widget",)
    assert by_question["What is it called?"].id == "questions:8"  # no id: file and line
    assert manifest["params"]["stratify"] is None  # not every question names its doc
    path = tmp_path / settings.RAW_DIR / "questions.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))  # BOM, CRLF
    assert pipeline.run(tmp_path, out=quiet)["fingerprint"] == manifest["fingerprint"]


def test_markdown_is_cut_into_titled_passages_at_headings():
    text = ("# Widget guide\n\nIntro line one\nwraps here.\n\n## Battery\n\n- Lasts 9 hours.\n"
            "- Charges in 2 hours.\n\n## Empty\n\n### Colours ###\nBlue and red.\n")
    passages = pipeline.sections(text, "guide.md")
    assert [(p.id, p.title) for p in passages] == [
        ("guide.md#1", "Widget guide"), ("guide.md#2", "Widget guide > Battery"),
        ("guide.md#3", "Widget guide > Colours")]
    assert passages[0].text == "Intro line one wraps here."
    assert passages[1].text == "- Lasts 9 hours.\n- Charges in 2 hours."
    assert pipeline.sections("Plain text, no heading.", "notes.txt")[0].title == "notes"
