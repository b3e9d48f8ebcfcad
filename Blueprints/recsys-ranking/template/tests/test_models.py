"""The two recommenders and the ranking metrics: seen items never come back, kNN follows co-occurrence."""

import numpy as np

from {{package_name}} import models, settings, task
from {{package_name}}.task import TASK


def fitted(model, pairs):
    users, items = zip(*pairs, strict=True)
    return model.fit(list(users), list(items))


PAIRS = [("u1", "a"), ("u1", "b"), ("u2", "a"), ("u2", "b"), ("u3", "a"), ("u3", "c"),
         ("u4", "c"), ("u4", "d"), ("u5", "d"), ("u5", "e"), ("u6", "d"), ("u6", "d")]  # a repeat counts once


def test_most_popular_ranks_by_interactions_and_leaves_out_what_the_user_has_seen():
    model = fitted(models.MostPopular(k=3), PAIRS)
    assert model.predict(["u1", "new"]).tolist() == [["d", "c", "e"], ["a", "d", "b"]]


def test_item_knn_recommends_what_similar_histories_hold():
    model = fitted(models.ItemKNN(k=2), PAIRS)
    # d co-occurs with e (u5) and c (u4); e, the rarer, is more similar: cosine 1/sqrt(3*1) > 1/sqrt(3*2)
    assert model.predict(["u6"]).tolist() == [["e", "c"]]
    assert model.predict(["u2"])[0, 0] == "c"  # a and b co-occur with each other, a with c
    assert list(model.predict(["stranger"])[0]) == ["a", "d"]  # no history: the most popular


def test_lists_are_padded_when_a_user_has_seen_almost_everything():
    model = fitted(models.ItemKNN(k=4), [("u1", "a"), ("u1", "b"), ("u2", "a"), ("u2", "c")])
    assert model.predict(["u1"]).tolist() == [["c", "", "", ""]]


def test_no_recommendation_is_an_item_the_user_interacted_with(prepared):
    split = TASK.load_split(prepared / settings.PROCESSED_DIR)
    seen: dict[str, set] = {}
    for user, item in zip(split.X_train, split.y_train, strict=True):
        seen.setdefault(user, set()).add(item)
    for make in (models.baseline, models.candidate):
        system = make(settings.SEED)
        system.model.fit(split.X_train, split.y_train)
        ranked = system.model.predict(split.X_test)
        assert ranked.shape == (len(split.X_test), models.TOP_K)
        for user, items in zip(split.X_test, ranked, strict=True):
            assert not seen[user] & set(items), (system.name, user)
            assert len(set(items)) == models.TOP_K


def test_ranking_metrics_on_a_hand_checked_example():
    ranked = np.array([["x", "a"] + [""] * 8, ["b"] + [""] * 9, [""] * 10], dtype=object)
    held_out = np.array(["a", "b", "c"])
    ones = np.ones((1, 3))
    assert np.isclose(task.ndcg(held_out, ranked, ones)[0], (1 / np.log2(3) + 1) / 3)
    assert np.isclose(task.recall(held_out, ranked, ones)[0], 2 / 3)
    assert np.isclose(task.mrr(held_out, ranked, ones)[0], (1 / 2 + 1) / 3)


def test_systems_have_distinct_names_and_loggable_params():
    base, cand = models.baseline(0), models.candidate(0)
    assert base.name == "most-popular" and cand.name != base.name
    assert set(cand.params) >= {"k", "neighbours", "similarity"}
