"""Test settings of the transformer candidate (this file exists only in projects generated with
`--set candidate=transformer`; the shared fixtures are in tests/conftest.py).

The tests never download anything and never fine-tune the real checkpoint (that takes tens of
minutes on a CPU): before any test runs, this builds a tiny, randomly initialised DistilBERT with
a tokenizer trained on data/raw/ (tests/tiny_model.py, about a second) and points the candidate at
it. Every test then runs the code a real run uses. This is the one line that differs from a real
run (a random model also needs a larger learning rate than a pretrained one to learn in a few
epochs):

    models.DEFAULT_PARAMS.update(base_model=str(tiny), learning_rate=TINY_LEARNING_RATE)
"""

import csv
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

# Offline, whatever the environment says: the tests must never reach the Hugging Face Hub.
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
sys.path.insert(0, str(Path(__file__).parent / "tests"))

import tiny_model  # noqa: E402
from {{package_name}} import models, settings  # noqa: E402

TINY_LEARNING_RATE = 3e-3


def raw_texts(root: Path) -> list[str]:
    texts: list[str] = []
    for path in sorted((root / settings.RAW_DIR).glob("*.csv")):
        with open(path, encoding="utf-8", newline="") as f:
            texts += [row.get("text") or "" for row in csv.DictReader(f)]
    return texts


@pytest.fixture(autouse=True, scope="session")
def tiny_transformer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The candidate fine-tunes a tiny DistilBERT built here, for the whole test session."""
    tiny = tiny_model.build(raw_texts(Path(__file__).parent), tmp_path_factory.mktemp("tiny-distilbert"))
    saved = dict(models.DEFAULT_PARAMS)
    models.DEFAULT_PARAMS.update(base_model=str(tiny), learning_rate=TINY_LEARNING_RATE)
    yield tiny
    models.DEFAULT_PARAMS.clear()
    models.DEFAULT_PARAMS.update(saved)
