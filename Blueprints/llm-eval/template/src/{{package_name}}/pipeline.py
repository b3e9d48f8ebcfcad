"""Data pipeline: data/raw/ -> data/processed/{train,validation,test,passages}.jsonl + manifest.json.

    python -m PACKAGE.pipeline [--seed N] [--test-percent P] [--validation-percent P]
                               [--allow-leakage] [--root DIR]

Inputs:
- questions: every data/raw/*.jsonl file, one JSON object per line with
  `question` (text), `answers` (a list of acceptable answers, or one string)
  and optionally `id` (unique), `doc` (the file in data/raw/docs/ that answers
  it) and `split` (train, validation or test: a split the data fixes). Other
  fields are ignored; blank lines are skipped.
- knowledge base: every data/raw/docs/*.md and *.txt file. Markdown is cut into
  passages at its headings; each passage is titled "document title > heading".

Checks: UTF-8, valid JSON, the fields and their types, unique ids, `doc` files
that exist, no question asked twice with different answers. The first problem
stops the pipeline with `FILE:LINE: problem` and exit code 1. Cleaning: Unicode
NFC, runs of whitespace collapsed; a repeated question with the same answers is
dropped.

Leakage (MEASURE): an exact duplicate is the same question (normalised text);
a near duplicate is the same fact asked in other words (its answers found in
the same passage). Duplicates are grouped and each group stays on one side of
the split, or `--allow-leakage` keeps them and the manifest records it.

Split: the questions' own `split` when every question has one (a group spread
over several splits moves to the earliest, never into test); otherwise seeded,
stratified by `doc` when every question has one. The same input always gives
the same bytes. `tune` chooses the candidate's settings on validation; the
test split is only scored by `evaluate`, which logs every look at it.
"""

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from . import scoring, settings
from .impact import ImpactError, cli, fingerprint, leakage, rawcsv
from .qa import Passage

TEST_PERCENT = {{test_percent}}
VALIDATION_PERCENT = {{validation_percent}}
SPLITS = ("train", "validation", "test")
DOCS_DIR = settings.RAW_DIR / "docs"
DOC_SUFFIXES = (".md", ".txt")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
MEASURE = ("exact: equal question text after NFKC, case folding and punctuation removal; near: the "
           "same answers found in the same passage (the same fact asked in other words)")


@dataclass(frozen=True)
class Item:
    id: str
    question: str
    answers: tuple[str, ...]
    doc: str = ""
    where: str = ""  # FILE:LINE it came from
    split: str = ""  # "train", "validation" or "test" when the data fixes it


def normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def text_lines(path: Path, name: str) -> list[str]:
    """The lines of a UTF-8 file (a BOM is dropped); the first line that is not UTF-8 is an error."""
    lines: list[str] = []
    for number, raw in enumerate(path.read_bytes().removeprefix(b"\xef\xbb\xbf").split(b"\n"), 1):
        try:
            lines.append(raw.decode("utf-8").removesuffix("\r"))
        except UnicodeDecodeError as exc:
            raise ImpactError(f"{name}:{number}: not UTF-8 (byte 0x{raw[exc.start]:02x} at column "
                              f"{exc.start + 1}): save the file as UTF-8") from None
    return lines


def _text_field(record: dict[str, Any], field: str, where: str, *, required: bool) -> str:
    if field not in record:
        if required:
            raise ImpactError(f"{where}: missing field '{field}'")
        return ""
    value = record[field]
    if not isinstance(value, str):
        raise ImpactError(f"{where}: '{field}' must be a string, not {type(value).__name__}")
    value = normalise(value)
    if not value:
        raise ImpactError(f"{where}: empty '{field}'")
    return value


def parse_item(line: str, where: str, docs: set[str]) -> Item:
    """One JSONL line as an Item, or ImpactError naming `where` and the problem."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ImpactError(f"{where}: not valid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(record, dict):
        raise ImpactError(f"{where}: expected a JSON object with question and answers, "
                          f"got {type(record).__name__}")
    question = _text_field(record, "question", where, required=True)
    if "answers" not in record:
        raise ImpactError(f"{where}: missing field 'answers'")
    answers = record["answers"]
    if isinstance(answers, str):
        answers = [answers]
    if not isinstance(answers, list) or not answers or not all(isinstance(a, str) for a in answers):
        raise ImpactError(f"{where}: 'answers' must be a non-empty list of strings")
    answers = [normalise(a) for a in answers]
    if not all(answers):
        raise ImpactError(f"{where}: 'answers' contains an empty answer")
    item_id = record.get("id", "")
    if isinstance(item_id, int) and not isinstance(item_id, bool):
        record = {**record, "id": str(item_id)}  # numeric ids are fine
    item_id = _text_field(record, "id", where, required=False)
    doc = _text_field(record, "doc", where, required=False)
    if doc and doc not in docs:
        raise ImpactError(f"{where}: 'doc' names {doc!r}, which is not a file in {DOCS_DIR.as_posix()}/")
    fixed = _text_field(record, "split", where, required=False)
    if fixed and fixed not in SPLITS:
        raise ImpactError(f"{where}: 'split' is {fixed!r}: use train, validation or test (or leave it out)")
    return Item(item_id, question, tuple(dict.fromkeys(answers)), doc, where, fixed)


def read_questions(path: Path, name: str, docs: set[str]) -> list[Item]:
    items = []
    for number, line in enumerate(text_lines(path, name), 1):
        if line.strip():
            item = parse_item(line, f"{name}:{number}", docs)
            items.append(item if item.id else Item(f"{path.stem}:{number}", item.question,
                                                   item.answers, item.doc, item.where, item.split))
    if not items:
        raise ImpactError(f"{name}: no questions (one JSON object per line)")
    return items


def sections(text: str | list[str], doc: str) -> list[Passage]:
    """Passages of one document: the text under each heading, titled "document title > heading"."""
    title, heading = Path(doc).stem, ""
    body: list[str] = []
    out: list[Passage] = []

    def flush() -> None:
        paragraph = "\n".join(line for line in body if line)
        if paragraph:
            name = f"{title} > {heading}" if heading and heading != title else title
            out.append(Passage(f"{doc}#{len(out) + 1}", doc, name, paragraph))
        body.clear()

    for raw in text.splitlines() if isinstance(text, str) else text:
        match = HEADING.match(raw.strip())
        if match:
            flush()
            if len(match.group(1)) == 1 and not out and not heading:
                title = normalise(match.group(2))
            else:
                heading = normalise(match.group(2))
            continue
        line = normalise(raw)
        if line and body and not re.match(r"^([-*+]|\d+[.)])\s", line) and body[-1]:
            body[-1] += " " + line  # a wrapped line continues its paragraph
        else:
            body.append(line)
    flush()
    return out


def read_docs(root: Path) -> tuple[list[Passage], dict[Path, int]]:
    folder = root / DOCS_DIR
    files = sorted(p for p in folder.glob("*") if p.suffix.lower() in DOC_SUFFIXES and p.is_file())
    if not files:
        raise ImpactError(f"no knowledge base: put the documents the answers come from in "
                          f"{DOCS_DIR.as_posix()}/ (.md or .txt)")
    passages, counts = [], {}
    for path in files:
        name = cli.rel(path, root)
        found = sections(text_lines(path, name), path.name)
        if not found:
            raise ImpactError(f"{name}: empty document")
        passages += found
        counts[path] = len(found)
    return passages, counts


def read_raw(root: Path) -> tuple[list[Item], list[Passage], dict[Path, int]]:
    """Questions of data/raw/*.jsonl, passages of data/raw/docs/, and the rows of each file."""
    passages, counts = read_docs(root)
    files = sorted((root / settings.RAW_DIR).glob("*.jsonl"))
    if not files:
        raise ImpactError(f"no .jsonl files in {settings.RAW_DIR}/: put your questions there "
                          '(one {"question": ..., "answers": [...]} per line)')
    docs = {p.name for p in counts}
    items: list[Item] = []
    first_at: dict[str, str] = {}
    for path in files:
        found = read_questions(path, cli.rel(path, root), docs)
        rawcsv.check_unique_ids(((item.id, item.where) for item in found), first_at)
        items += found
        counts[path] = len(found)
    return items, passages, counts


def deduplicate(items: list[Item]) -> tuple[list[Item], int]:
    """Drop a question asked again (same normalised text) with the same answers; refuse one asked
    with other answers. Returns the items kept and how many were dropped."""
    seen: dict[str, Item] = {}
    kept = []
    for item in items:
        key = leakage.key(item.question)
        if key in seen:
            if set(seen[key].answers) != set(item.answers):
                raise ImpactError(f"{item.where}: the same question as {seen[key].where} with other "
                                  "answers: merge them into one 'answers' list")
            continue
        seen[key] = item
        kept.append(item)
    return kept, len(items) - len(kept)


def evidence(item: Item, passages: list[Passage]) -> str:
    """The context of a question: the first passage (of its `doc`, when it names one) whose text
    holds one of its answers, with the answers: "filters.md#2|6 months". Empty when none does."""
    pool = [p for p in passages if not item.doc or p.doc == item.doc]
    answers = sorted({scoring.normalize_answer(a) for a in item.answers} - {""})
    for p in pool:
        text = f" {scoring.normalize_answer(p.title + ' ' + p.text)} "
        if any(f" {a} " in text for a in answers):
            return p.id + "|" + "|".join(answers)
    return ""


def duplicate_groups(items: list[Item], passages: list[Passage]) -> leakage.Found:
    """Group questions that are the same question (equal leakage.key) or the same fact asked in
    other words (equal evidence(): same passage, same answers), transitively."""
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    exact = near = 0
    for is_exact in (True, False):
        first: dict[str, int] = {}
        for i, item in enumerate(items):
            k = leakage.key(item.question) if is_exact else evidence(item, passages)
            if not k:
                continue
            if k in first:
                a, b = find(first[k]), find(i)
                if a != b:
                    parent[max(a, b)] = min(a, b)
                    exact, near = (exact + 1, near) if is_exact else (exact, near + 1)
            else:
                first[k] = i
    return leakage.Found(exact, near, [find(i) for i in range(len(items))])


def across(splits: dict[str, list[Item]], passages: list[Passage]) -> dict[str, int]:
    """Questions of a later split with an exact or near duplicate (see duplicate_groups) in an
    earlier one: {"exact": n, "near": m}; a question counts once, as exact when it is one."""
    seen_q: set[str] = set()
    seen_e: set[str] = set()
    exact = near = 0
    for items in splits.values():
        keys = [(leakage.key(i.question), evidence(i, passages)) for i in items]
        for q, e in keys:
            if q in seen_q:
                exact += 1
            elif e and e in seen_e:
                near += 1
        seen_q.update(q for q, _ in keys)
        seen_e.update(e for _, e in keys if e)
    return {"exact": exact, "near": near}


def split(items: list[Item], groups: list[int], *, seed: int, test_fraction: float,
          validation_fraction: float) -> tuple[dict[str, list[Item]], str]:
    """train / validation / test, and how they were made.

    When every question has a `split` field, that split is kept (a fixed test set), except that
    a duplicate group spread over several splits moves whole to the earliest of them (so nothing
    is ever moved into test). Otherwise: seeded, whole duplicate groups to one side, stratified
    by `doc` when every question has one."""
    if len(items) < 3:
        raise ImpactError(f"{len(items)} question{'s' if len(items) != 1 else ''}: need at least 3 "
                          "for a train, a validation and a test split")
    if all(item.split for item in items):
        earliest: dict[int, int] = {}
        for item, g in zip(items, groups, strict=True):
            earliest[g] = min(earliest.get(g, 2), SPLITS.index(item.split))
        out: dict[str, list[Item]] = {name: [] for name in SPLITS}
        for item, g in zip(items, groups, strict=True):
            out[SPLITS[earliest[g]]].append(item)
        how = "the questions' own `split` field"
    elif any(item.split for item in items):
        missing = next(item for item in items if not item.split)
        raise ImpactError(f"{missing.where}: no 'split' field, but other questions have one: give every "
                          "question a split (train, validation or test) or none")
    else:
        stratify = all(item.doc for item in items)
        indices = leakage.group_split(groups, [item.doc if stratify else "" for item in items],
                                      {"train": 1 - test_fraction - validation_fraction,
                                       "validation": validation_fraction, "test": test_fraction}, seed=seed)
        out = {name: [items[i] for i in indices[name]] for name in SPLITS}
        how = f"seed {seed}" + (", stratified by doc" if stratify else "")
    for name, chosen in out.items():
        if not chosen:
            raise ImpactError(f"the {name} split is empty: add questions"
                              + (f" with \"split\": \"{name}\"" if all(i.split for i in items) else
                                 " or change --test-percent / --validation-percent"))
    return out, how


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for record in records:
            f.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")


def _item_record(item: Item) -> dict[str, Any]:
    return {"id": item.id, "question": item.question, "answers": list(item.answers), "doc": item.doc}


def read_items(path: Path) -> list[Item]:
    with open(path, encoding="utf-8") as f:
        return [Item(r["id"], r["question"], tuple(r["answers"]), r["doc"]) for r in map(json.loads, f)]


def read_passages(path: Path) -> list[Passage]:
    with open(path, encoding="utf-8") as f:
        return [Passage(**json.loads(line)) for line in f]


def run(root: Path, *, seed: int = settings.SEED, test_percent: int = TEST_PERCENT,
        validation_percent: int = VALIDATION_PERCENT, allow_leakage: bool = False,
        out: Callable[[str], object] = print) -> dict[str, Any]:
    """Read, check, clean, check for leakage, split and write; return the manifest."""
    cli.check_test_percent(test_percent)
    if not 0 < validation_percent < 100 - test_percent:
        raise ImpactError(f"--validation-percent must be between 1 and {99 - test_percent} with "
                          f"--test-percent {test_percent}, not {validation_percent}")
    items, passages, counts = read_raw(root)
    docs = {p.doc for p in passages}
    out(f"pipeline: read {len(items)} questions from {settings.RAW_DIR}/*.jsonl and {len(passages)} "
        f"passages from {len(docs)} documents in {DOCS_DIR.as_posix()}/")
    kept, dropped = deduplicate(items)
    out(f"  checked every line; cleaned whitespace; dropped {dropped} repeated questions")
    found = duplicate_groups(kept, passages)
    found = leakage.Found(found.exact + dropped, found.near, found.groups)
    if allow_leakage:  # keep the data's own split, or split question by question
        groups = list(range(len(kept)))
    else:
        groups = found.groups
    splits, how = split(kept, groups, seed=seed, test_fraction=test_percent / 100,
                        validation_fraction=validation_percent / 100)
    entry = leakage.decide(found, across(splits, passages), grouped=True, allow=allow_leakage,
                           measure=MEASURE)
    out("  " + leakage.describe(entry))
    stratify = "doc" if all(i.doc for i in kept) else None
    out(f"  split {' / '.join(f'{len(v)} {k}' for k, v in splits.items())} questions ({how}"
        + (f"; {len(Counter(i.doc for i in splits['test']))} docs in test)" if stratify else ")"))
    return fingerprint.write_splits(
        root, {**{name: [_item_record(i) for i in chosen] for name, chosen in splits.items()},
               "passages": [asdict(p) for p in passages]},
        write_jsonl, inputs=counts, out=out, suffix=".jsonl", leakage=entry,
        params={"seed": seed, "test_fraction": test_percent / 100,
                "validation_fraction": validation_percent / 100, "stratify": stratify,
                "fixed_split": all(i.split for i in kept)})


def options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--validation-percent", type=int, default=VALIDATION_PERCENT,
                   help=f"share of questions in the validation split (default {VALIDATION_PERCENT})")
    cli.leakage_option(p)


def main(argv: list[str] | None = None) -> int:
    return cli.pipeline_main(
        argv, "Check data/raw/*.jsonl and data/raw/docs/, split into data/processed/.", run,
        test_percent=TEST_PERCENT, units="questions", options=options)


if __name__ == "__main__":
    sys.exit(main())
