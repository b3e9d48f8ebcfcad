"""What this project evaluates: answering questions about a product from its documentation.

The harness (impact/harness.py) reads everything it needs from TASK: how to
load the split, the two systems, the metrics and which one is primary.
"""

from pathlib import Path

from . import models, pipeline, scoring
from .figures import f1_by_document
from .impact.harness import Split, Task
from .qa import Questions


def load_split(processed: Path) -> Split:
    passages = pipeline.read_passages(processed / "passages.jsonl")
    dev = pipeline.read_items(processed / "dev.jsonl")
    test = pipeline.read_items(processed / "test.jsonl")
    return Split(X_train=Questions([i.question for i in dev], passages, [i.doc for i in dev]),
                 y_train=scoring.answer_sets([i.answers for i in dev]),
                 X_test=Questions([i.question for i in test], passages, [i.doc for i in test]),
                 y_test=scoring.answer_sets([i.answers for i in test]))


def task_metrics(split: Split) -> dict:
    """token_f1 (primary), exact_match and contains_answer, each the mean over questions."""
    return scoring.qa_metrics()


TASK = Task(
    name="question answering over product docs",
    load_split=load_split,
    baseline=models.baseline,
    candidate=models.candidate,
    metrics=task_metrics,
    primary_metric="token_f1",
    greater_is_better=True,
    metric_labels={"token_f1": "token-F1", "exact_match": "exact match",
                   "contains_answer": "answer contained"},
    test_units="held-out questions",
    figures=f1_by_document,
)
