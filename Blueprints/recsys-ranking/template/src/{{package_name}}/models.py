"""The two recommenders the harness compares. To try another model, change `candidate()`.

Each function takes the seed and returns a System: a name (how the log and the
report tell models apart), a model and the params to log. A model learns from
interactions, fit(users, items) with one (user, item) pair per training
interaction, and predict(users) returns, for each user, a ranked list of TOP_K
items that user has not interacted with yet (padded with "" when fewer are left).
"""

import numpy as np
from scipy import sparse

from .impact.harness import System

TOP_K = 10  # length of every recommendation list; the metrics are @TOP_K


class Recommender:
    """What every recommender shares: the user x item matrix of training interactions, and
    top-k lists from per-item scores with the items a user has already seen left out.
    A subclass implements `_fit()` and `scores(rows)`."""

    def __init__(self, k: int = TOP_K):
        self.k = k

    def fit(self, users, items) -> "Recommender":
        users, items = np.asarray(users, dtype=str), np.asarray(items, dtype=str)
        self.users_, u = np.unique(users, return_inverse=True)
        self.items_, i = np.unique(items, return_inverse=True)
        self.seen_ = sparse.csr_matrix((np.ones(len(u)), (u, i)),
                                       shape=(len(self.users_), len(self.items_)))
        self.seen_.data[:] = 1.0  # a repeated pair counts once
        self.popularity_ = np.asarray(self.seen_.sum(axis=0)).ravel()
        self._fit()
        return self

    def _fit(self) -> None:
        pass

    def scores(self, rows: np.ndarray) -> np.ndarray:
        """(len(rows), items) scores for the users at `rows` of the matrix (-1: a user not seen in
        training); higher is better."""
        raise NotImplementedError

    def predict(self, users, batch: int = 1024) -> np.ndarray:
        """(users, k) item ids, best first; never an item the user interacted with in training."""
        where = {u: r for r, u in enumerate(self.users_)}
        rows = np.array([where.get(str(u), -1) for u in users], dtype=int)
        out = np.full((len(rows), self.k), "", dtype=object)
        for start in range(0, len(rows), batch):
            part = rows[start:start + batch]
            scores = np.array(self.scores(part), dtype=float)
            seen = np.zeros(scores.shape, dtype=bool)
            seen[part >= 0] = self.seen_[part[part >= 0]].toarray() > 0
            scores[seen] = -np.inf
            best = np.argsort(-scores, axis=1, kind="stable")[:, : self.k]
            picked = self.items_[best].astype(object)
            picked[~np.isfinite(np.take_along_axis(scores, best, axis=1))] = ""
            out[start:start + len(part), : best.shape[1]] = picked
        return out


class MostPopular(Recommender):
    """The items with the most training interactions, the same list for everyone."""

    def scores(self, rows: np.ndarray) -> np.ndarray:
        return np.tile(self.popularity_, (len(rows), 1))


class ItemKNN(Recommender):
    """Item-based collaborative filtering: an item's score is the sum of its cosine similarities to
    the items the user interacted with, keeping each item's `neighbours` most similar items.
    Ties (e.g. a user without history) go to the more popular item."""

    def __init__(self, k: int = TOP_K, neighbours: int = 50, block: int = 2048):
        super().__init__(k)
        self.neighbours = neighbours
        self.block = block

    def _fit(self) -> None:
        norms = np.sqrt(self.popularity_)
        unit = self.seen_ @ sparse.diags(1 / np.where(norms > 0, norms, 1))  # columns of length 1
        n = unit.shape[1]
        keep = min(self.neighbours, n - 1)
        blocks = []
        for start in range(0, n, self.block):  # items x block of similarities at a time
            sim = (unit.T @ unit[:, start:start + self.block]).toarray()
            cols = np.arange(sim.shape[1])
            sim[start + cols, cols] = 0.0  # an item is not its own neighbour
            drop = np.argpartition(-sim, keep, axis=0)[keep:]
            np.put_along_axis(sim, drop, 0.0, axis=0)
            blocks.append(sparse.csr_matrix(sim))
        self.similarity_ = sparse.hstack(blocks).tocsr() if blocks else sparse.csr_matrix((n, n))
        self.tiebreak_ = 1e-9 * self.popularity_ / max(self.popularity_.max(), 1)

    def scores(self, rows: np.ndarray) -> np.ndarray:
        scores = np.zeros((len(rows), len(self.items_)))
        scores[rows >= 0] = (self.seen_[rows[rows >= 0]] @ self.similarity_).toarray()
        return scores + self.tiebreak_


def baseline(seed: int) -> System:
    """The most popular items the user has not seen yet."""
    return System("most-popular", MostPopular(TOP_K), {"k": TOP_K})


def candidate(seed: int) -> System:
    """Item-kNN with cosine similarity over who interacted with what."""
    params = {"k": TOP_K, "neighbours": 50, "similarity": "cosine"}
    return System("item-knn", ItemKNN(TOP_K, neighbours=params["neighbours"]), params)
