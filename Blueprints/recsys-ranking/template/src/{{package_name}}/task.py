"""What this project evaluates: ranking items for each user, leave-last-out.

The harness (impact/harness.py) reads everything it needs from TASK: how to
load the split, the two systems, the metrics and which one is primary. Every
test row is one user (their latest item), and the bootstrap resamples users.
"""

from pathlib import Path

import numpy as np

from . import models, pipeline
from .impact import metrics
from .impact.harness import Split, Task

K = models.TOP_K
DISCOUNT = 1 / np.log2(np.arange(2, K + 2))  # rank 1 counts 1, rank 10 counts 0.29


def load_split(processed: Path) -> Split:
    train = pipeline.read_processed(processed / "train.csv")
    test = pipeline.read_processed(processed / "test.csv")
    users = [r.user for r in test]
    return Split(X_train=[r.user for r in train], y_train=[r.item for r in train],
                 X_test=users, y_test=[r.item for r in test], groups=users)


def hits(held_out: np.ndarray, ranked: np.ndarray) -> np.ndarray:
    """(users, K) booleans: where each user's held-out item stands in their list."""
    return np.asarray(ranked)[:, :K] == np.asarray(held_out)[:, None]


# With one held-out item per user, NDCG@K is 1/log2(rank + 1) if the item is in the
# top K (else 0), recall@K is whether it is there at all (the hit rate) and MRR@K is 1/rank.
ndcg = metrics.mean_of(lambda t, p: hits(t, p) @ DISCOUNT)
recall = metrics.mean_of(lambda t, p: hits(t, p).any(axis=1))
mrr = metrics.mean_of(lambda t, p: hits(t, p) @ (1 / np.arange(1, K + 1)))


def task_metrics(split: Split) -> dict:
    return {f"ndcg_at_{K}": ndcg, f"recall_at_{K}": recall, f"mrr_at_{K}": mrr}


TASK = Task(
    name="next-item recommendation",
    load_split=load_split,
    baseline=models.baseline,
    candidate=models.candidate,
    metrics=task_metrics,
    primary_metric=f"ndcg_at_{K}",
    greater_is_better=True,
    metric_labels={f"ndcg_at_{K}": f"NDCG@{K}", f"recall_at_{K}": f"recall@{K}", f"mrr_at_{K}": f"MRR@{K}"},
    test_units="held-out users",
)
