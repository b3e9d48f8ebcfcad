"""A small knowledge base and questions written for the tests, so they never depend on the data a
project ships (replace data/raw/ with your own and every test still runs)."""

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

DOCS = {
    "orders.md": "# Orders\n\n## Delivery\n\nStandard shipping takes 3 to 5 business days and costs $6.95.\n"
                 "Express shipping takes 1 to 2 business days.\nOur carrier is Parcelway.\n\n"
                 "## Returns\n\nYou can return an unused device within 30 days for a full refund.\n",
    "device.md": "# Device\n\nThe device weighs 2.1 kg and comes in grey.\n\n## Lights\n\n"
                 "The light turns orange when the battery is low, and red when it is empty.\n"
                 "The device does not work outdoors. The part number of the charger is CH-220.\n\n"
                 "## Battery\n\nA full charge takes 3 hours and lasts 9 hours.\n",
}
QUESTIONS: list[dict[str, Any]] = [
    {"id": "a1", "question": "How long does standard shipping take?", "answers": ["3 to 5 business days"],
     "doc": "orders.md"},
    {"id": "a2", "question": "How much does standard shipping cost?", "answers": ["$6.95"],
     "doc": "orders.md"},
    {"id": "a3", "question": "Who is the carrier?", "answers": ["Parcelway"], "doc": "orders.md"},
    {"id": "a4", "question": "How long does express shipping take?", "answers": ["1 to 2 business days"],
     "doc": "orders.md"},
    {"id": "a5", "question": "Within how many days can I return the device?", "answers": ["30 days"],
     "doc": "orders.md"},
    {"id": "a6", "question": "What colour is the light when the battery is low?", "answers": ["orange"],
     "doc": "device.md"},
    {"id": "a7", "question": "Does the device work outdoors?", "answers": ["no"], "doc": "device.md"},
    {"id": "a8", "question": "What is the part number of the charger?", "answers": ["CH-220"],
     "doc": "device.md"},
    {"id": "a9", "question": "How long does a full charge take?", "answers": ["3 hours"], "doc": "device.md"},
    {"id": "a10", "question": "How heavy is the device?", "answers": ["2.1 kg"], "doc": "device.md"},
    {"id": "a11", "question": "What colour does the device come in?", "answers": ["grey"],
     "doc": "device.md"},
    {"id": "a12", "question": "How long does the battery last?", "answers": ["9 hours"], "doc": "device.md"},
]


def raw_files(lines: list[Any] | None = None, docs: dict[str, str] | None = None) -> dict[str, str]:
    """The files of a data/raw/: questions.jsonl (`lines`: dicts or raw strings; default QUESTIONS)
    and docs/ (name -> text; default DOCS)."""
    body = "".join((x if isinstance(x, str) else json.dumps(x)) + "\n"
                   for x in (QUESTIONS if lines is None else lines))
    return {**{f"docs/{name}": text for name, text in (DOCS if docs is None else docs).items()},
            "questions.jsonl": body}


def with_splits(questions: list[dict[str, Any]], test: int = 6, validation: int = 3) -> list[dict[str, Any]]:
    """The questions with a fixed `split`: every other one to test, then validation, then train."""
    out = []
    for i, q in enumerate(questions):
        name = "test" if i % 2 and test > 0 else ("validation" if validation > 0 else "train")
        test, validation = (test - 1, validation) if name == "test" else \
            (test, validation - 1 if name == "validation" else validation)
        out.append({**q, "split": name})
    return out


def prepared_kb(root: Path, write_raw: Callable[[Path, dict[str, str]], Path], run: Callable[..., Any],
                **options: Any) -> Path:
    """A project root with the test knowledge base (fixed splits) run through the pipeline."""
    write_raw(root, raw_files(with_splits(QUESTIONS)))
    (root / "pyproject.toml").write_text("", encoding="utf-8")
    run(root, **options)
    return root
