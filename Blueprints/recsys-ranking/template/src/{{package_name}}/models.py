"""The recommenders the harness compares: the ladder of baselines and the candidate.

To try another model, change `candidate()` (and DEFAULT_PARAMS / SEARCH_SPACE beside it).

A model learns from interactions: fit(X, y) with X the (user, Unix seconds) of
each training interaction and y its item. predict(users) returns, for each
user, a ranked list of TOP_K items that user has not interacted with yet
(padded with "" when fewer are left). "Now" for a model is the time of the
latest interaction it was fitted on: nothing it learns comes from later.
"""

from collections.abc import Sequence
from typing import Any

import numpy as np
from scipy import sparse

from .impact.harness import System

TOP_K = 10  # length of every recommendation list; the metrics are @TOP_K
DAY = 86400.0
# The recency-aware baseline: an interaction counts half as much 30 days later. Chosen on the validation
# period of the example data among 3, 7, 14, 30, 60 and 120 days (14 to 60 scored within 0.002 NDCG@10).
RECENT_HALF_LIFE_DAYS = 30.0

Interactions = Sequence[tuple[str, float]]  # (user, Unix seconds) of each interaction; y holds its item


def decay(age_seconds: np.ndarray, half_life_days: float | None) -> np.ndarray:
    """Weight of an interaction `age_seconds` old: halves every `half_life_days` (None: always 1)."""
    if half_life_days is None:
        return np.ones_like(age_seconds, dtype=float)
    return np.asarray(0.5 ** (age_seconds / (half_life_days * DAY)), dtype=float)


class Recommender:
    """What every recommender shares: the user x item matrix of training interactions, and
    top-k lists from per-item scores with the items a user has already seen left out.
    A subclass implements `_fit()` and `scores(rows)`.

    After fit: users_, items_ (sorted ids), seen_ (users x items, 1 where the user had the item),
    latest_ (users x items, Unix seconds of the user's latest interaction with the item), item_ and
    age_ (item index and age in seconds of every interaction, repeats included), popularity_
    (distinct users per item) and now_ (the latest time seen).
    """

    seed_dependent = False  # no randomness in fit or predict

    def __init__(self, k: int = TOP_K):
        self.k = k

    def fit(self, X: Interactions, y: Sequence[str]) -> "Recommender":
        if len(X) != len(y):
            raise ValueError(f"{len(X)} interactions but {len(y)} items")
        users = np.asarray([u for u, _ in X], dtype=str)
        times = np.asarray([t for _, t in X], dtype=float)
        self.users_, u = np.unique(users, return_inverse=True)
        self.items_, i = np.unique(np.asarray(y, dtype=str), return_inverse=True)
        self.now_ = float(times.max()) if len(times) else 0.0
        n_items = len(self.items_)
        pairs, at = np.unique(u.astype(np.int64) * n_items + i, return_inverse=True)
        latest = np.full(len(pairs), -np.inf)
        np.maximum.at(latest, at, times)  # the user's latest interaction with the item
        where = (pairs // n_items, pairs % n_items)
        shape = (len(self.users_), n_items)
        self.latest_ = sparse.csr_matrix((latest, where), shape=shape)
        self.seen_ = sparse.csr_matrix((np.ones(len(pairs)), where), shape=shape)
        self.item_, self.age_ = i, self.now_ - times
        self.popularity_ = np.asarray(self.seen_.sum(axis=0)).ravel()
        self._fit()
        return self

    def _fit(self) -> None:
        pass

    def scores(self, rows: np.ndarray) -> np.ndarray:
        """(len(rows), items) scores for the users at `rows` of the matrix (-1: a user not seen in
        training); higher is better."""
        raise NotImplementedError

    def predict(self, users: Sequence[str], batch: int = 1024) -> np.ndarray:
        """(users, k) item ids, best first; never an item the user interacted with in training."""
        where = {str(u): r for r, u in enumerate(self.users_)}
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
        return np.asarray(out, dtype=str)


class MostPopular(Recommender):
    """The items most users interacted with in all of training, the same list for everyone."""

    def scores(self, rows: np.ndarray) -> np.ndarray:
        return np.tile(self.popularity_, (len(rows), 1))


class RecentPopular(Recommender):
    """Recency-aware popularity: every interaction counts, weighted by how recent it is (halving
    every `half_life_days` before now), so what is popular lately comes first."""

    def __init__(self, k: int = TOP_K, half_life_days: float = RECENT_HALF_LIFE_DAYS):
        super().__init__(k)
        self.half_life_days = half_life_days

    def _fit(self) -> None:
        self.recent_ = np.bincount(self.item_, weights=decay(self.age_, self.half_life_days),
                                   minlength=len(self.items_))

    def scores(self, rows: np.ndarray) -> np.ndarray:
        return np.tile(self.recent_, (len(rows), 1))


class ItemKNN(RecentPopular):
    """Item-based collaborative filtering with recency.

    Two items are similar when the same users chose them (cosine similarity of their user columns,
    each item keeping its `neighbours` most similar items). A user's score for an item is the sum
    of its similarities to the items in the user's history, each weighted by how recently the
    user had it (halving every `profile_half_life_days`; None: all of the history counts alike).
    That score, scaled to at most 1 per user, is added to `popularity_weight` times the
    recency-aware popularity of the baseline (scaled to at most 1), which also ranks the items for
    users without history.
    """

    def __init__(self, k: int = TOP_K, neighbours: int = 100, profile_half_life_days: float | None = None,
                 popularity_weight: float = 0.1, half_life_days: float = RECENT_HALF_LIFE_DAYS,
                 block: int = 2048):
        super().__init__(k, half_life_days)
        self.neighbours = neighbours
        self.profile_half_life_days = profile_half_life_days
        self.popularity_weight = popularity_weight
        self.block = block

    def _fit(self) -> None:
        super()._fit()
        norms = np.sqrt(self.popularity_)
        unit = self.seen_ @ sparse.diags(1 / np.where(norms > 0, norms, 1))  # columns of length 1
        n = unit.shape[1]
        keep = max(min(self.neighbours, n - 1), 0)
        blocks = []
        for start in range(0, n, self.block):  # items x block of similarities at a time
            sim = (unit.T @ unit[:, start:start + self.block]).toarray()
            cols = np.arange(sim.shape[1])
            sim[start + cols, cols] = 0.0  # an item is not its own neighbour
            if keep < n - 1:
                drop = np.argpartition(-sim, keep, axis=0)[keep:]
                np.put_along_axis(sim, drop, 0.0, axis=0)
            blocks.append(sparse.csr_matrix(sim))
        self.similarity_ = sparse.hstack(blocks).tocsr() if blocks else sparse.csr_matrix((n, n))
        profile = self.latest_.copy()
        profile.data = decay(self.now_ - profile.data, self.profile_half_life_days)
        self.profile_ = profile
        top = self.recent_.max() if len(self.recent_) else 0.0
        self.prior_ = self.recent_ / top if top > 0 else self.recent_

    def scores(self, rows: np.ndarray) -> np.ndarray:
        knn = np.zeros((len(rows), len(self.items_)))
        knn[rows >= 0] = (self.profile_[rows[rows >= 0]] @ self.similarity_).toarray()
        top = knn.max(axis=1, keepdims=True)
        knn = np.divide(knn, top, out=np.zeros_like(knn), where=top > 0)
        return np.asarray(knn + (self.popularity_weight + 1e-9) * self.prior_)  # ties: the recent hit


def baselines(seed: int) -> list[System]:
    """The ladder, weakest first: all-time popularity, then recency-aware popularity."""
    return [
        System("most-popular", MostPopular(TOP_K), {"k": TOP_K}, seed_dependent=False),
        System("recent-popular", RecentPopular(TOP_K, RECENT_HALF_LIFE_DAYS),
               {"k": TOP_K, "half_life_days": RECENT_HALF_LIFE_DAYS}, seed_dependent=False),
    ]


DEFAULT_PARAMS: dict[str, Any] = {"neighbours": 100, "profile_half_life_days": None, "popularity_weight": 0.2}
# `make tune` fits the candidate for every combination on the training period and keeps the best
# NDCG@10 on the validation period (12 fits).
SEARCH_SPACE: dict[str, list[Any]] = {
    "neighbours": [50, 200],
    "profile_half_life_days": [30.0, None],
    "popularity_weight": [0.2, 0.5, 1.0],
}


def candidate(seed: int, params: dict[str, Any]) -> System:
    """Item-kNN with a recency-weighted history and a recent-popularity prior."""
    p = {**DEFAULT_PARAMS, **params}
    half_life = p["profile_half_life_days"]
    model = ItemKNN(TOP_K, neighbours=int(p["neighbours"]),
                    profile_half_life_days=None if half_life is None else float(half_life),
                    popularity_weight=float(p["popularity_weight"]))
    return System("item-knn", model, {"k": TOP_K, **p}, seed_dependent=False)
