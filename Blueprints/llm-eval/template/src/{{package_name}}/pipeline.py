"""Data pipeline: data/raw/ -> data/processed/{dev,test,passages}.jsonl + manifest.json.

    python -m PACKAGE.pipeline [--seed N] [--test-percent P] [--root DIR]

Inputs:
- questions: every data/raw/*.jsonl file, one JSON object per line with
  `question` (text), `answers` (a list of acceptable answers, or one string)
  and optionally `id` (unique) and `doc` (the file in data/raw/docs/ that
  answers it). Other fields are ignored; blank lines are skipped.
- knowledge base: every data/raw/docs/*.md and *.txt file. Markdown is cut into
  passages at its headings; each passage is titled "document title > heading".

Checks: UTF-8, valid JSON, the fields and their types, unique ids, `doc` files
that exist, no question asked twice with different answers. The first problem
stops the pipeline with `FILE:LINE: problem` and exit code 1. Cleaning: Unicode
NFC, runs of whitespace collapsed; a repeated question with the same answers is
dropped. Split: seeded, stratified by `doc` when every question has one, so the
same input always gives the same bytes. The dev split is for tuning (the
candidate picks its settings on it); the test split is only scored by
`evaluate`, which logs every look at it.
"""

import json
import re
import sys
import unicodedata
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from . import settings
from .impact import ImpactError, cli, fingerprint, rawcsv
from .qa import Passage

TEST_PERCENT = {{test_percent}}
DOCS_DIR = settings.RAW_DIR / "docs"
DOC_SUFFIXES = (".md", ".txt")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


@dataclass(frozen=True)
class Item:
    id: str
    question: str
    answers: tuple[str, ...]
    doc: str = ""
    where: str = ""  # FILE:LINE it came from


def normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def text_lines(path: Path, name: str) -> list[str]:
    """The lines of a UTF-8 file (a BOM is dropped); the first line that is not UTF-8 is an error."""
    lines = path.read_bytes().removeprefix(b"\xef\xbb\xbf").split(b"\n")
    for number, raw in enumerate(lines, 1):
        try:
            lines[number - 1] = raw.decode("utf-8").removesuffix("\r")
        except UnicodeDecodeError as exc:
            raise ImpactError(f"{name}:{number}: not UTF-8 (byte 0x{raw[exc.start]:02x} at column "
                              f"{exc.start + 1}): save the file as UTF-8") from None
    return lines


def _text_field(record: dict, field: str, where: str, *, required: bool) -> str:
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
    return Item(item_id, question, tuple(dict.fromkeys(answers)), doc, where)


def read_questions(path: Path, name: str, docs: set[str]) -> list[Item]:
    items = []
    for number, line in enumerate(text_lines(path, name), 1):
        if line.strip():
            item = parse_item(line, f"{name}:{number}", docs)
            items.append(item if item.id else Item(f"{path.stem}:{number}", item.question,
                                                   item.answers, item.doc, item.where))
    if not items:
        raise ImpactError(f"{name}: no questions (one JSON object per line)")
    return items


def sections(text: str | list[str], doc: str) -> list[Passage]:
    """Passages of one document: the text under each heading, titled "document title > heading"."""
    title, heading, body, out = Path(doc).stem, "", [], []

    def flush():
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
    items, first_at = [], {}
    for path in files:
        found = read_questions(path, cli.rel(path, root), docs)
        rawcsv.check_unique_ids(((item.id, item.where) for item in found), first_at)
        items += found
        counts[path] = len(found)
    return items, passages, counts


def deduplicate(items: list[Item]) -> list[Item]:
    """Drop a question asked again with the same answers; refuse one asked with other answers."""
    seen: dict[str, Item] = {}
    kept = []
    for item in items:
        key = item.question.casefold()
        if key in seen:
            if set(seen[key].answers) != set(item.answers):
                raise ImpactError(f"{item.where}: the same question as {seen[key].where} with other "
                                  "answers: merge them into one 'answers' list")
            continue
        seen[key] = item
        kept.append(item)
    return kept


def split(items: list[Item], *, seed: int, test_fraction: float) -> tuple[list[Item], list[Item]]:
    """Seeded dev/test split, stratified by `doc` when every item has one; both keep input order."""
    if len(items) < 2:
        raise ImpactError(f"{len(items)} question{'s' if len(items) != 1 else ''}: need at least 2 "
                          "for a dev and a test split")
    strata: dict[str, list[int]] = {}
    for i, item in enumerate(items):
        strata.setdefault(item.doc if all(it.doc for it in items) else "", []).append(i)
    rng = np.random.default_rng(seed)
    test: set[int] = set()
    for key in sorted(strata):
        members = strata[key]
        k = int(len(members) * test_fraction + rng.random())  # unbiased rounding of the share
        test.update(int(i) for i in rng.permutation(members)[:k])
    if not test:  # tiny data: both splits need a question
        test.add(len(items) - 1)
    elif len(test) == len(items):
        test.discard(0)
    return ([it for i, it in enumerate(items) if i not in test],
            [it for i, it in enumerate(items) if i in test])


def write_jsonl(path: Path, records: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for record in records:
            f.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")


def _item_record(item: Item) -> dict:
    return {"id": item.id, "question": item.question, "answers": list(item.answers), "doc": item.doc}


def read_items(path: Path) -> list[Item]:
    with open(path, encoding="utf-8") as f:
        return [Item(r["id"], r["question"], tuple(r["answers"]), r["doc"]) for r in map(json.loads, f)]


def read_passages(path: Path) -> list[Passage]:
    with open(path, encoding="utf-8") as f:
        return [Passage(**json.loads(line)) for line in f]


def run(root: Path, *, seed: int = settings.SEED, test_percent: int = TEST_PERCENT, out=print) -> dict:
    """Read, check, clean, split and write; return the manifest."""
    cli.check_test_percent(test_percent)
    items, passages, counts = read_raw(root)
    docs = {p.doc for p in passages}
    out(f"pipeline: read {len(items)} questions from {settings.RAW_DIR}/*.jsonl and {len(passages)} "
        f"passages from {len(docs)} documents in {DOCS_DIR.as_posix()}/")
    kept = deduplicate(items)
    out(f"  checked every line; cleaned whitespace; dropped {len(items) - len(kept)} repeated questions")
    dev, test = split(kept, seed=seed, test_fraction=test_percent / 100)
    stratify = "doc" if all(i.doc for i in kept) else None
    out(f"  split {len(dev)} dev / {len(test)} test questions (seed {seed}, test {test_percent}%"
        + (f", stratified by doc: {len(Counter(i.doc for i in test))} docs in test)" if stratify else ")"))
    return fingerprint.write_splits(
        root, {"dev": [_item_record(i) for i in dev], "test": [_item_record(i) for i in test],
               "passages": [asdict(p) for p in passages]},
        write_jsonl, inputs=counts, out=out, suffix=".jsonl",
        params={"seed": seed, "test_fraction": test_percent / 100, "stratify": stratify})


def main(argv: list[str] | None = None) -> int:
    return cli.pipeline_main(
        argv, "Check data/raw/*.jsonl and data/raw/docs/, split into data/processed/.", run,
        test_percent=TEST_PERCENT, units="questions")


if __name__ == "__main__":
    sys.exit(main())
