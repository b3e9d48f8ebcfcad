"""The recommenders and the ranking metrics: seen items never come back, recency counts, kNN follows
co-occurrence, the candidate takes every parameter of its search space."""

import json

import numpy as np

from {{package_name}} import figures, models, settings, task
from {{package_name}}.task import TASK

DAY = models.DAY


def fitted(model, rows):
    """rows: (user, item, day) triples."""
    return model.fit([(u, d * DAY) for u, _, d in rows], [i for _, i, _ in rows])


ROWS = [("u1", "a", 0), ("u1", "b", 1), ("u2", "a", 2), ("u2", "b", 3), ("u3", "a", 4), ("u3", "c", 5),
        ("u4", "c", 6), ("u4", "d", 7), ("u5", "d", 8), ("u5", "e", 9), ("u6", "d", 10), ("u6", "d", 11)]


def test_most_popular_ranks_by_users_and_leaves_out_what_the_user_has_seen():
    model = fitted(models.MostPopular(k=3), ROWS)  # a: 3 users, d: 3 (u6 twice counts once), b, c: 2
    assert model.predict(["u1", "new"]).tolist() == [["d", "c", "e"], ["a", "d", "b"]]


def test_recent_popular_prefers_what_was_chosen_lately():
    rows = [("u1", "old", 0), ("u2", "old", 0), ("u3", "old", 1), ("u4", "new", 99), ("u5", "new", 100)]
    assert fitted(models.MostPopular(k=1), rows).predict(["x"]).tolist() == [["old"]]
    assert fitted(models.RecentPopular(k=1, half_life_days=7), rows).predict(["x"]).tolist() == [["new"]]
    assert fitted(models.RecentPopular(k=1, half_life_days=1e9), rows).predict(["x"]).tolist() == [["old"]]


def test_item_knn_recommends_what_similar_histories_hold():
    model = fitted(models.ItemKNN(k=2, popularity_weight=0.0), ROWS)
    # d co-occurs with e (u5) and c (u4); e, the rarer, is more similar: cosine 1/sqrt(3*1) > 1/sqrt(3*2)
    assert model.predict(["u6"]).tolist() == [["e", "c"]]
    assert model.predict(["u2"])[0, 0] == "c"  # a and b co-occur with each other, a with c
    assert list(model.predict(["stranger"])[0]) == ["d", "a"]  # no history: the recently popular


def test_item_knn_weighs_recent_history_more_with_a_profile_half_life():
    rows = [("u1", "a", 0), ("u1", "x", 0), ("u2", "b", 0), ("u2", "y", 0),
            ("me", "a", 0), ("me", "b", 100)]  # I had a long ago and b lately
    everything = fitted(models.ItemKNN(k=2, popularity_weight=0.0), rows)
    assert set(everything.predict(["me"])[0]) == {"x", "y"}
    recent = fitted(models.ItemKNN(k=1, popularity_weight=0.0, profile_half_life_days=7), rows)
    assert recent.predict(["me"]).tolist() == [["y"]]


def test_lists_are_padded_when_a_user_has_seen_almost_everything():
    model = fitted(models.ItemKNN(k=4), [("u1", "a", 0), ("u1", "b", 0), ("u2", "a", 0), ("u2", "c", 0)])
    assert model.predict(["u1"]).tolist() == [["c", "", "", ""]]


def test_no_recommendation_is_an_item_the_user_had_before_the_cutoff(prepared):
    split = TASK.load_split(prepared / settings.PROCESSED_DIR)
    seen: dict[str, set] = {}
    for (user, _), item in zip(split.X_train, split.y_train, strict=True):
        seen.setdefault(user, set()).add(item)
    for system in [*models.baselines(settings.SEED), models.candidate(settings.SEED, models.DEFAULT_PARAMS)]:
        system.model.fit(split.X_train, split.y_train)
        ranked = task.predict(system.model, split.X_test)
        assert ranked.shape == (len(split.X_test), models.TOP_K)
        for user, items in zip(split.X_test, ranked, strict=True):
            assert not seen[user] & set(items), (system.name, user)


def test_ranking_metrics_on_a_hand_checked_example():
    ranked = np.array([["x", "a", "b"] + [""] * 7, ["b"] + [""] * 9, [""] * 10])
    targets = np.array([["a", "b"], ["b", ""], ["c", ""]])  # two users with targets found, one without
    ones = np.ones((1, 3))
    ideal_two = 1 + 1 / np.log2(3)
    assert np.isclose(task.ndcg(targets, ranked, ones)[0],
                      ((1 / np.log2(3) + 1 / np.log2(4)) / ideal_two + 1 + 0) / 3)
    assert np.isclose(task.recall(targets, ranked, ones)[0], (1 + 1 + 0) / 3)
    assert np.isclose(task.mrr(targets, ranked, ones)[0], (1 / 2 + 1 + 0) / 3)


def test_the_ladder_and_the_candidate_have_distinct_names_and_loggable_params():
    names = [s.name for s in models.baselines(0)] + [models.candidate(0, models.DEFAULT_PARAMS).name]
    assert len(set(names)) == len(names) and len(names) >= 3
    for key, values in models.SEARCH_SPACE.items():
        for value in values:
            system = models.candidate(0, {**models.DEFAULT_PARAMS, key: value})
            assert system.params[key] == value
            json.dumps(system.params)


def test_the_figure_groups_users_by_history_size():
    sizes = np.array([1, 2, 4, 60, 7])
    rows = figures.by_bucket(sizes, np.array([1.0, 0.0, 0.5, 0.2, 0.3]))
    assert rows == [("1-2", 2, 0.5), ("3-5", 1, 0.5), ("6-10", 1, 0.3), ("51+", 1, 0.2)]
