"""What this project evaluates: answering questions from a knowledge base of documents.

The harness (impact/harness.py) reads everything it needs from TASK: how to load the split, the
ladder of systems, the metrics and which one is primary. The task's wording (NAME, UNIT and
TEST_UNITS below: the log's task, the report's title and headline, the model card) is rendered from
the project's answers task_name, unit and units; change it with `scaffold update --set ...` (README,
"Use your own data").
"""

import argparse
import os
from pathlib import Path
from typing import Any

from . import models, pipeline, scoring
from .figures import f1_by_document
from .impact.bootstrap import Metric
from .impact.harness import Split, Task
from .qa import Questions

NAME = "{{task_name}}"
UNIT = "{{unit}}"  # one question of the test split, singular
TEST_UNITS = "held-out {{units}}"  # the headline ends "on N" and these words


def load_split(processed: Path, include_test: bool = True) -> Split:
    """Train, validation and (unless include_test is False: tuning never opens it) test questions."""
    passages = pipeline.read_passages(processed / "passages.jsonl")

    def part(name: str) -> tuple[Questions, Any]:
        items = pipeline.read_items(processed / f"{name}.jsonl") if name != "test" or include_test else []
        return (Questions([i.question for i in items], passages, [i.doc for i in items]),
                scoring.answer_sets([i.answers for i in items]))

    (X_train, y_train), (X_val, y_val), (X_test, y_test) = part("train"), part("validation"), part("test")
    return Split(X_train=X_train, y_train=y_train, X_val=X_val, y_val=y_val, X_test=X_test, y_test=y_test)


def task_metrics(split: Split) -> dict[str, Metric]:
    """token_f1 (primary), exact_match and contains_answer, each the mean over questions."""
    return scoring.qa_metrics()


def one_question(X: Questions, index: int) -> Questions:
    """One test question (with the whole knowledge base), for the latency measurement."""
    return Questions([X.questions[index]], X.passages, X.docs[index:index + 1])


# evaluate's options for the language-model reader (adapters.py), each also an environment variable
READER_OPTIONS = {"max_cost": "QA_MAX_COST", "price_in": "QA_PRICE_IN_PER_1K",
                  "price_out": "QA_PRICE_OUT_PER_1K", "concurrency": "QA_CONCURRENCY"}


def reader_options(p: argparse.ArgumentParser) -> None:
    """--max-cost, --price-in, --price-out, --concurrency: used by a reader that calls an API."""
    p.add_argument("--max-cost", type=float, metavar="USD",
                   help="stop before a model request could take this run's spend above USD "
                        "(nothing is logged; QA_MAX_COST)")
    p.add_argument("--price-in", type=float, metavar="USD",
                   help="price of 1000 prompt tokens (QA_PRICE_IN_PER_1K; default 0)")
    p.add_argument("--price-out", type=float, metavar="USD",
                   help="price of 1000 completion tokens (QA_PRICE_OUT_PER_1K; default 0)")
    p.add_argument("--concurrency", type=int, metavar="N",
                   help="model requests at a time (QA_CONCURRENCY; default 4)")


def configure_reader(args: argparse.Namespace) -> None:
    """The options above, handed to the reader through its environment variables."""
    for option, variable in READER_OPTIONS.items():
        value = getattr(args, option, None)
        if value is not None:
            os.environ[variable] = str(value)


TASK = Task(
    name=NAME,
    load_split=load_split,
    baselines=models.baselines,
    candidate=models.candidate,
    default_params=models.DEFAULT_PARAMS,
    search_space=models.SEARCH_SPACE,
    metrics=task_metrics,
    primary_metric="token_f1",
    greater_is_better=True,
    metric_labels={"token_f1": "token-F1", "exact_match": "exact match",
                   "contains_answer": "answer contained"},
    test_units=TEST_UNITS,
    unit=UNIT,
    hub_task="question-answering",  # Hugging Face task type for the model card
    figures=f1_by_document,
    take_unit=one_question,
    options=reader_options,
    configure=configure_reader,
)
