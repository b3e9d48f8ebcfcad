"""What this project evaluates: classifying small grayscale images.

The harness (impact/harness.py) reads everything it needs from TASK: how to
load the split, the two systems, the metrics, which one is primary and the
figures the report shows.
"""

from pathlib import Path

from . import figures, models, pipeline
from .impact import metrics
from .impact.harness import Split, Task


def load_split(processed: Path) -> Split:
    _, y_train, X_train = pipeline.read_processed(processed / "train.csv")
    _, y_test, X_test = pipeline.read_processed(processed / "test.csv")
    return Split(X_train=X_train, y_train=y_train, X_test=X_test, y_test=y_test)


def task_metrics(split: Split) -> dict:
    """accuracy (primary: the classes are balanced, and it reads as "share of images right"),
    macro-F1 (every class counts the same) and the F1 of every label."""
    return {"accuracy": metrics.accuracy, **metrics.classification(set(split.y_train) | set(split.y_test))}


TASK = Task(
    name="handwritten digit classification",
    load_split=load_split,
    baseline=models.baseline,
    candidate=models.candidate,
    metrics=task_metrics,
    primary_metric="accuracy",
    greater_is_better=True,
    metric_labels={"accuracy": "accuracy", "macro_f1": "macro-F1"},
    test_units="held-out images",
    figures=figures.draw,
)
