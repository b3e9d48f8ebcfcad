"""What this project evaluates: classifying small grayscale images.

The harness (impact/harness.py) reads everything it needs from TASK: how to
load the split, the systems, the metrics, which one is primary and the figures
the report shows. The wording (NAME, UNIT, TEST_UNITS) is rendered from the
answers task_name, unit and units recorded in scaffold.json, like the README:
change it with `scaffold update --set task_name=... --set unit=... --set units=...`.
"""

from pathlib import Path

from . import figures, models, pipeline
from .impact import metrics
from .impact.bootstrap import Metric
from .impact.harness import Split, Task

# What is classified, in words (the log's `task`, the report's title), and one unit of the test split.
NAME = "{{task_name}}"
UNIT = "{{unit}}"
TEST_UNITS = "held-out {{units}}"  # the headline ends "on N held-out ..."


def load_split(processed: Path, include_test: bool = True) -> Split:
    """train / validation / test; with include_test=False the test file is not opened (tuning)."""
    _, y_train, X_train = pipeline.read_processed(processed / "train.csv")
    _, y_val, X_val = pipeline.read_processed(processed / "validation.csv")
    if include_test:
        _, y_test, X_test = pipeline.read_processed(processed / "test.csv")
    else:
        y_test, X_test = [], X_train[:0]
    return Split(X_train=X_train, y_train=y_train, X_val=X_val, y_val=y_val, X_test=X_test, y_test=y_test)


def task_metrics(split: Split) -> dict[str, Metric]:
    """accuracy (primary: the classes are balanced, and it reads as "share of images right"),
    macro-F1 (every class counts the same) and the F1 of every label."""
    labels = set(split.y_train) | set(split.y_val) | set(split.y_test)
    return {"accuracy": metrics.accuracy, **metrics.classification(labels)}


TASK = Task(
    name=NAME,
    load_split=load_split,
    baselines=models.baselines,
    candidate=models.candidate,
    default_params=models.DEFAULT_PARAMS,
    search_space=models.SEARCH_SPACE,
    metrics=task_metrics,
    primary_metric="accuracy",
    greater_is_better=True,
    metric_labels={"accuracy": "accuracy", "macro_f1": "macro-F1"},
    test_units=TEST_UNITS,
    unit=UNIT,
    hub_task="image-classification",  # Hugging Face task type for the model card
    figures=figures.draw,
)
