"""What this project evaluates: {{task_name}}.

The harness (impact/harness.py) reads everything it needs from TASK: how to
load the split, the systems, the metrics and which one is primary. The wording
(name, unit, test_units) comes from the answers task_name, unit and units (scaffold.json): change
them with `scaffold update --set task_name=... --set unit=... --set units=...`, which renders this
file, the README and pyproject.toml again.
"""

from pathlib import Path

from . import models, pipeline
from .impact import metrics
from .impact.bootstrap import Metric
from .impact.harness import Split, Task


def load_split(processed: Path, include_test: bool = True) -> Split:
    """train / validation / test; with include_test=False the test file is not opened (tuning)."""
    train = pipeline.read_processed(processed / "train.csv")
    val = pipeline.read_processed(processed / "validation.csv")
    test = pipeline.read_processed(processed / "test.csv") if include_test else []
    return Split(
        X_train=[r.text for r in train],
        y_train=[r.label for r in train],
        X_val=[r.text for r in val],
        y_val=[r.label for r in val],
        X_test=[r.text for r in test],
        y_test=[r.label for r in test],
    )


def task_metrics(split: Split) -> dict[str, Metric]:
    """macro_f1 (primary), accuracy and the F1 of every label."""
    return metrics.classification(set(split.y_train) | set(split.y_val) | set(split.y_test))


TASK = Task(
    name="{{task_name}}",
    load_split=load_split,
    baselines=models.baselines,
    candidate=models.candidate,
    default_params=models.DEFAULT_PARAMS,
    search_space=models.SEARCH_SPACE,
    metrics=task_metrics,
    primary_metric="macro_f1",
    greater_is_better=True,
    metric_labels={"macro_f1": "macro-F1"},
    test_units="held-out {{units}}",
    unit="{{unit}}",
    hub_task="text-classification",  # Hugging Face task type for the model card
)
