"""What this project evaluates: telling malignant from benign breast biopsies.

The harness (impact/harness.py) reads everything it needs from TASK: how to
load the split, the two systems, the metrics, which one is primary, and how to
get what the metrics score from a fitted model (class probabilities), and the
figure the report adds (ROC curves).
"""

from collections import Counter
from pathlib import Path

from . import figures, models, pipeline, scores
from .impact import ImpactError
from .impact.harness import Split, Task

# The label ROC-AUC, average precision and F1 treat as positive when there are two
# labels. Empty: the rarer label of the training split (malignant in the shipped data).
# Ignored with three or more labels (one-vs-rest macro averages).
POSITIVE_LABEL = "{{positive_label}}"


def load_split(processed: Path) -> Split:
    train = pipeline.read_processed(processed / "train.csv")
    test = pipeline.read_processed(processed / "test.csv")
    return Split(X_train=train.X, y_train=train.labels, X_test=test.X, y_test=test.labels)


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


def task_metrics(split: Split) -> dict:
    """roc_auc (primary), average_precision, f1, balanced_accuracy and accuracy."""
    labels = sorted(set(split.y_train))
    unseen = sorted(set(split.y_test) - set(labels))
    if unseen:
        raise ImpactError(f"test labels never seen in training ({', '.join(unseen)}): re-run the pipeline")
    return scores.probability_metrics(labels, positive_label(list(split.y_train)))


def task_figures(split: Split, systems: dict, predictions: dict, directory: Path) -> list[tuple[str, str]]:
    """The ROC curves of both systems (binary data only)."""
    return figures.draw(split, systems, predictions, directory, labels=sorted(set(split.y_train)),
                        positive=positive_label(list(split.y_train)))


TASK = Task(
    name="breast-cancer diagnosis (malignant vs benign)",
    load_split=load_split,
    baseline=models.baseline,
    candidate=models.candidate,
    metrics=task_metrics,
    primary_metric="roc_auc",
    greater_is_better=True,
    metric_labels={"roc_auc": "ROC-AUC", "average_precision": "average precision",
                   "balanced_accuracy": "balanced accuracy"},
    test_units="held-out patients",
    predict=scores.probabilities,
    figures=task_figures,
)
