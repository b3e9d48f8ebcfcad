"""What this project evaluates: answering questions about a product from its documentation.

The harness (impact/harness.py) reads everything it needs from TASK: how to load the split, the
ladder of systems, the metrics and which one is primary. The task's wording lives here: `name`,
`unit` and `test_units` (change them when your questions are about something else).
"""

from pathlib import Path
from typing import Any

from . import models, pipeline, scoring
from .figures import f1_by_document
from .impact.bootstrap import Metric
from .impact.harness import Split, Task
from .qa import Questions


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


TASK = Task(
    name="question answering over product docs",
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
    test_units="held-out questions",
    unit="question",
    figures=f1_by_document,
    take_unit=one_question,
)
