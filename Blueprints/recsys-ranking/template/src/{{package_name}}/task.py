"""What this project evaluates: ranking new items for returning users, split in time.

The harness (impact/harness.py) reads everything it needs from TASK: how to
load the split, the ladder of baselines, the candidate, the metrics and which
one is primary. Every validation or test row is one returning user: the user's
history before the period's cutoff is what a model knows, and the items they
chose in the period, new to them, are what it should rank high. The bootstrap
resamples users.

For tuning (include_test=False) the models learn from the training period and
are scored on the validation period; for the evaluation they learn from
everything before the test cutoff (training and validation periods), as a
recommender deployed at that moment would, and are scored on the test period.
"""

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from . import models, pipeline
from .impact import metrics
from .impact.bootstrap import Metric
from .impact.harness import Split, System, Task

K = models.TOP_K
DISCOUNT = 1 / np.log2(np.arange(2, K + 2))  # rank 1 counts 1, rank 10 counts 0.29
# What is evaluated, in words (the log's `task`, the report's title), rendered from the answers
# task_name, unit and units in scaffold.json: change them with `scaffold update --set unit=...`.
# One test unit is a returning user (the data's `user` column); the headline ends
# "on N returning {{units}} in the test period".
NAME = "{{task_name}}"
UNIT = "{{unit}}"
TEST_UNITS = "returning {{units}} in the test period"


def padded(lists: Sequence[Sequence[str]]) -> list[list[str]]:
    """Equal-length rows, "" after each list's items (a table numpy stores without pickling)."""
    width = max((len(x) for x in lists), default=1)
    return [list(x) + [""] * (width - len(x)) for x in lists]


def _history(rows: Sequence[pipeline.Interaction]) -> tuple[list[tuple[str, float]], list[str]]:
    return [(r.user, r.time) for r in rows], [r.item for r in rows]


def load_split(processed: Path, include_test: bool = True) -> Split:
    """Training interactions as X (user, time) and y (item); validation and test rows are users,
    with y the padded list of the new items they chose in that period."""
    train = pipeline.read_processed(processed / "train.csv")
    validation = pipeline.read_processed(processed / "validation.csv")
    val = pipeline.targets(train, validation)
    if not include_test:  # tuning: learn from the training period, never open the test file
        X, y = _history(train)
        return Split(X_train=X, y_train=y, X_val=list(val.items), y_val=padded(list(val.items.values())),
                     X_test=[], y_test=[])
    known = [*train, *validation]
    test = pipeline.targets(known, pipeline.read_processed(processed / "test.csv"))
    X, y = _history(known)
    return Split(X_train=X, y_train=y, X_val=list(val.items), y_val=padded(list(val.items.values())),
                 X_test=list(test.items), y_test=padded(list(test.items.values())))


def hits(targets: np.ndarray, ranked: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(users, K) booleans, where each user's list holds one of their target items; and the
    number of targets per user."""
    targets, ranked = np.asarray(targets), np.asarray(ranked)
    found = np.zeros((len(ranked), K), dtype=bool)
    counts = np.zeros(len(ranked))
    for row, (wanted, listed) in enumerate(zip(targets, ranked, strict=True)):
        chosen = {str(t) for t in np.atleast_1d(wanted) if str(t)}
        counts[row] = len(chosen)
        found[row, : min(K, len(listed))] = [str(item) in chosen for item in listed[:K]]
    return found, counts


def ndcg_per_user(targets: np.ndarray, ranked: np.ndarray) -> np.ndarray:
    """DCG@K of the list over the best DCG@K possible with that many targets."""
    found, counts = hits(targets, ranked)
    ideal = np.cumsum(DISCOUNT)[np.clip(counts.astype(int), 1, K) - 1]
    return np.asarray(found @ DISCOUNT / ideal)


def recall_per_user(targets: np.ndarray, ranked: np.ndarray) -> np.ndarray:
    """The share of the user's targets that are in the list."""
    found, counts = hits(targets, ranked)
    return np.asarray(found.sum(axis=1) / np.maximum(counts, 1))


def mrr_per_user(targets: np.ndarray, ranked: np.ndarray) -> np.ndarray:
    """1 / rank of the first target in the list (0 when none is)."""
    found, _ = hits(targets, ranked)
    first = found.argmax(axis=1)
    return np.where(found.any(axis=1), 1 / (first + 1), 0.0)


ndcg = metrics.mean_of(ndcg_per_user)
recall = metrics.mean_of(recall_per_user)
mrr = metrics.mean_of(mrr_per_user)


def task_metrics(split: Split) -> dict[str, Metric]:
    return {f"ndcg_at_{K}": ndcg, f"recall_at_{K}": recall, f"mrr_at_{K}": mrr}


def task_figures(split: Split, systems: dict[str, System], predictions: dict[str, np.ndarray],
                 directory: Path) -> list[tuple[str, str]]:
    """figures.draw, imported only when an evaluation draws (matplotlib takes seconds to import)."""
    from . import figures

    return figures.draw(split, systems, predictions, directory)


def predict(model: Any, X: Any) -> np.ndarray:
    """Ranked item ids per user as a string table (stored with the run's predictions)."""
    return np.asarray(model.predict(X), dtype=str)


TASK = Task(
    name=NAME,
    load_split=load_split,
    baselines=models.baselines,
    candidate=models.candidate,
    default_params=models.DEFAULT_PARAMS,
    search_space=models.SEARCH_SPACE,
    metrics=task_metrics,
    primary_metric=f"ndcg_at_{K}",
    greater_is_better=True,
    metric_labels={f"ndcg_at_{K}": f"NDCG@{K}", f"recall_at_{K}": f"recall@{K}", f"mrr_at_{K}": f"MRR@{K}"},
    test_units=TEST_UNITS,
    unit=UNIT,
    hub_task="other",  # the Hub has no recommendation task type
    predict=predict,
    figures=task_figures,
)
