"""Seeded, vectorised bootstrap intervals and paired differences."""

import time

import numpy as np

from {{package_name}}.impact import metrics
from {{package_name}}.impact.bootstrap import bootstrap, bootstrap_ci, resampled


def noisy_labels(n=300, accuracy=0.8, seed=0):
    rng = np.random.default_rng(seed)
    y = rng.choice(np.array(["a", "b", "c"]), size=n, p=[0.5, 0.3, 0.2])
    wrong = rng.random(n) > accuracy
    return y, np.where(wrong, rng.choice(np.array(["a", "b", "c"]), size=n), y)


def test_interval_contains_the_point_estimate_and_is_seeded():
    y, pred = noisy_labels()
    for metric in (metrics.macro_f1, metrics.accuracy, metrics.class_f1("c")):
        value, (low, high) = bootstrap_ci(metric, y, pred, n_resamples=1000, seed=1)
        assert low <= value <= high and high - low > 0
        assert bootstrap_ci(metric, y, pred, n_resamples=1000, seed=1) == (value, (low, high))
    assert bootstrap_ci(metrics.macro_f1, y, pred, n_resamples=1000, seed=2)[1] != (low, high)


def test_vectorised_metrics_agree_with_a_per_resample_loop():
    y, pred = noisy_labels(n=120)

    def macro_f1_loop(t, p):
        scores = []
        for c in np.union1d(t, p):
            tp = np.sum((t == c) & (p == c))
            scores.append(2 * tp / (np.sum(t == c) + np.sum(p == c)))
        return float(np.mean(scores))

    fast = bootstrap({"f1": metrics.macro_f1}, y, {"s": pred}, n_resamples=200, seed=3)
    slow = bootstrap({"f1": resampled(macro_f1_loop)}, y, {"s": pred}, n_resamples=200, seed=3)
    assert np.allclose(fast.samples["s"]["f1"], slow.samples["s"]["f1"])
    assert np.isclose(fast.point["s"]["f1"], macro_f1_loop(y, pred))


def test_paired_difference_of_a_system_with_itself_is_exactly_zero():
    y, pred = noisy_labels()
    r = bootstrap(metrics.classification("abc"), y, {"x": pred, "y": pred.copy()}, n_resamples=500, seed=0)
    assert r.delta("macro_f1", "x", "y") == (0.0, (0.0, 0.0))


def test_groups_are_resampled_whole():
    y = np.array([1.0, 1.0, 0.0, 0.0, 0.0, 0.0])
    groups = ["u1", "u1", "u2", "u2", "u3", "u3"]
    mean = metrics.mean_of(lambda t, p: t)
    r = bootstrap({"m": mean}, y, {"s": y}, n_resamples=300, seed=0, groups=groups)
    # whole groups: a resample's mean is k/3 for k users u1 drawn, never a row-level mixture
    assert set(np.round(r.samples["s"]["m"] * 3, 9)) <= {0.0, 1.0, 2.0, 3.0}
    assert r.n_units == 3


def test_thousands_of_resamples_are_fast():
    y, pred = noisy_labels(n=3000)
    started = time.perf_counter()
    bootstrap(metrics.classification("abc"), y, {"a": pred, "b": y}, n_resamples=2000, seed=0)
    assert time.perf_counter() - started < 10
