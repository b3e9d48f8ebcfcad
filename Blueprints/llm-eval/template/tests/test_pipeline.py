"""The question pipeline: every JSONL line checked (file, line, problem), passages cut at headings,
a deterministic dev/test split stratified by document."""

import json
from collections import Counter

import pytest

from {{package_name}} import pipeline, settings
from {{package_name}}.impact import ImpactError

DOC = "# Widget\n\nThe Widget is blue.\n\n## Battery\n\nThe battery lasts 9 hours.\n"


def raw_files(lines, docs=None) -> dict[str, str]:
    """The files of a data/raw/: questions.jsonl (`lines`: dicts or raw strings) and docs/ (name -> text)."""
    body = "".join((x if isinstance(x, str) else json.dumps(x)) + "\n" for x in lines)
    return {**{f"docs/{name}": text for name, text in (docs or {"widget.md": DOC}).items()},
            "questions.jsonl": body}


def good(n=6):
    return [{"id": f"w{i}", "question": f"How long does battery {i} last?", "answers": ["9 hours"],
             "doc": "widget.md"} for i in range(n)]


def outputs(root):
    return {f: (root / settings.PROCESSED_DIR / f).read_bytes()
            for f in ("dev.jsonl", "test.jsonl", "passages.jsonl", "manifest.json")}


def test_shipped_data_splits_the_same_way_every_time_into_disjoint_halves_per_document(project, quiet):
    manifest = pipeline.run(project, out=quiet)
    first = outputs(project)
    pipeline.run(project, out=quiet)
    assert outputs(project) == first
    processed = project / settings.PROCESSED_DIR
    dev, test = (pipeline.read_items(processed / f) for f in ("dev.jsonl", "test.jsonl"))
    items, passages, _ = pipeline.read_raw(project)
    assert len(items) >= 100
    assert sorted(i.id for i in dev + test) == sorted(i.id for i in items)
    assert not {i.id for i in dev} & {i.id for i in test}
    everywhere, held_out = Counter(i.doc for i in items), Counter(i.doc for i in test)
    for doc, n in everywhere.items():
        assert abs(held_out[doc] - n * pipeline.TEST_PERCENT / 100) <= 1, doc
    assert manifest["outputs"]["passages"]["rows"] == len(passages) >= 10
    assert set(manifest["outputs"]) == {"dev", "test", "passages"}


def test_the_seed_changes_the_split_and_the_data_changes_the_fingerprints(project, quiet):
    one = pipeline.run(project, seed=1, out=quiet)
    test_one = outputs(project)["test.jsonl"]
    two = pipeline.run(project, seed=2, out=quiet)
    assert outputs(project)["test.jsonl"] != test_one
    assert one["input_fingerprint"] == two["input_fingerprint"]
    doc = project / settings.RAW_DIR / "docs" / "filters.md"
    doc.write_text(doc.read_text(encoding="utf-8").replace("6 months", "5 months"), encoding="utf-8")
    three = pipeline.run(project, seed=2, out=quiet)
    assert three["input_fingerprint"] != two["input_fingerprint"]
    assert three["fingerprint"] != two["fingerprint"]  # the passages changed
    assert three["outputs"]["test"] == two["outputs"]["test"]  # the questions did not


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
        {"id": 17, "question": "How long does battery 0 last?", "answers": ["9 hours"]},  # repeat: dropped
        "",
        {"question": "What is it called?", "answers": ["Widget", "Widget"], "extra": True},
    ]
    write_raw(tmp_path, raw_files(lines))
    manifest = pipeline.run(tmp_path, out=quiet)
    items = [i for split in ("dev", "test")
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
