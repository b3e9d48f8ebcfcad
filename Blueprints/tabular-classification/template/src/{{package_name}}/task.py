"""What this project evaluates, in one place: the task's name and units, the data, the systems.

The harness (impact/harness.py) reads everything it needs from TASK: how to
load the split, the ladder of baselines and the candidate (models.py), the
metrics, which one is primary, how to get what the metrics score from a fitted
model (class probabilities), and the figure the report adds (ROC curves).
NAME, UNIT, TEST_UNITS and POSITIVE_LABEL below are rendered from the answers
task_name, unit, units and positive_label (scaffold.json): when you bring your own
table, change them with `scaffold update --set task_name=... --set unit=...
--set units=... --set positive_label=...` (see the README, "Use your own data").
"""

from collections import Counter
from pathlib import Path

import numpy as np

from . import figures, models, pipeline, scores
from .impact import ImpactError
from .impact.bootstrap import Metric
from .impact.harness import Split, System, Task

# What is evaluated, in words (the log's `task`, the report's title).
NAME = "{{task_name}}"
UNIT = "{{unit}}"  # one row of the table, singular
TEST_UNITS = "held-out {{units}}"  # "on N held-out ...": N test rows

# The label ROC-AUC, average precision and F1 treat as positive when there are two
# labels. Empty: the rarer label of the training split.
# Ignored with three or more labels (one-vs-rest macro averages).
POSITIVE_LABEL = "{{positive_label}}"


def load_split(processed: Path, include_test: bool = True) -> Split:
    """train.csv, validation.csv and (unless tuning: include_test=False) test.csv."""
    train = pipeline.read_processed(processed / "train.csv")
    validation = pipeline.read_processed(processed / "validation.csv")
    test = pipeline.read_processed(processed / "test.csv") if include_test else None
    return Split(X_train=train.X, y_train=train.labels, X_val=validation.X, y_val=validation.labels,
                 X_test=test.X if test else np.empty((0, len(train.features))),
                 y_test=test.labels if test else [])


def positive_label(train_labels: list[str], wanted: str = POSITIVE_LABEL) -> str | None:
    """The positive label of binary data (None with three or more labels)."""
    counts = Counter(train_labels)
    if len(counts) != 2:
        return None
    if not wanted:
        return min(sorted(counts), key=lambda label: counts[label])
    if wanted not in counts:
        raise ImpactError(f"POSITIVE_LABEL '{wanted}' (src/{__package__}/task.py) is not a label of the "
                          f"data ({', '.join(sorted(counts))}): set it to one of them, or to '' for "
                          "the rarer one")
    return wanted


def task_metrics(split: Split) -> dict[str, Metric]:
    """roc_auc (primary), average_precision, f1, balanced_accuracy and accuracy."""
    labels = sorted(set(split.y_train))
    unseen = sorted((set(split.y_test) | set(split.y_val)) - set(labels))
    if unseen:
        raise ImpactError(f"test labels never seen in training ({', '.join(unseen)}): re-run the pipeline")
    return scores.probability_metrics(labels, positive_label(list(split.y_train)))


def task_figures(split: Split, systems: dict[str, System], predictions: dict[str, np.ndarray],
                 directory: Path) -> list[tuple[str, str]]:
    """The ROC curves of the candidate and the strongest baseline (binary data only)."""
    return figures.draw(split, systems, predictions, directory, labels=sorted(set(split.y_train)),
                        positive=positive_label(list(split.y_train)))


TASK = Task(
    name=NAME,
    load_split=load_split,
    baselines=models.baselines,
    candidate=models.candidate,
    default_params=models.DEFAULT_PARAMS,
    search_space=models.SEARCH_SPACE,
    metrics=task_metrics,
    primary_metric="roc_auc",
    greater_is_better=True,
    metric_labels={"roc_auc": "ROC-AUC", "average_precision": "average precision",
                   "balanced_accuracy": "balanced accuracy"},
    test_units=TEST_UNITS,
    unit=UNIT,
    hub_task="tabular-classification",  # Hugging Face task type for the model card
    predict=scores.probabilities,
    figures=task_figures,
)
