"""What this project evaluates: routing support tickets to teams.

The harness (impact/harness.py) reads everything it needs from TASK: how to
load the split, the two systems, the metrics and which one is primary.
"""

from pathlib import Path

from . import models, pipeline
from .impact import metrics
from .impact.harness import Split, Task


def load_split(processed: Path) -> Split:
    train = pipeline.read_processed(processed / "train.csv")
    test = pipeline.read_processed(processed / "test.csv")
    return Split(X_train=[r.text for r in train], y_train=[r.label for r in train],
                 X_test=[r.text for r in test], y_test=[r.label for r in test])


def task_metrics(split: Split) -> dict:
    """macro_f1 (primary), accuracy and the F1 of every label."""
    return metrics.classification(set(split.y_train) | set(split.y_test))


TASK = Task(
    name="support-ticket routing",
    load_split=load_split,
    baseline=models.baseline,
    candidate=models.candidate,
    metrics=task_metrics,
    primary_metric="macro_f1",
    greater_is_better=True,
    metric_labels={"macro_f1": "macro-F1"},
    test_units="held-out tickets",
)
