"""The probability metrics agree with scikit-learn, on the plain test set and on resamples."""

import numpy as np
import pytest
from sklearn.metrics import average_precision_score, balanced_accuracy_score, f1_score, roc_auc_score

from {{package_name}} import scores
from {{package_name}}.impact.bootstrap import bootstrap


def binary(n=200, seed=0, ties=False):
    rng = np.random.default_rng(seed)
    y = rng.choice(np.array(["neg", "pos"]), size=n, p=[0.7, 0.3])
    p = np.clip(0.3 * (y == "pos") + rng.normal(0.35, 0.2, n), 0, 1)
    if ties:
        p = np.round(p, 1)  # many tied scores
    return y, np.column_stack([1 - p, p])


@pytest.mark.parametrize("ties", [False, True])
def test_binary_metrics_match_scikit_learn_also_on_repeated_rows(ties):
    y, proba = binary(ties=ties)
    m = scores.probability_metrics(["neg", "pos"], "pos")
    weights = np.random.default_rng(1).integers(0, 3, size=(5, len(y))).astype(float)
    got = {name: fn(y, proba, np.vstack([np.ones(len(y)), weights])) for name, fn in m.items()}
    for b, w in enumerate([np.ones(len(y)), *weights]):
        rows = np.repeat(np.arange(len(y)), w.astype(int))  # a resample is the rows repeated
        t, p = y[rows] == "pos", proba[rows, 1]
        assert got["roc_auc"][b] == pytest.approx(roc_auc_score(t, p))
        assert got["average_precision"][b] == pytest.approx(average_precision_score(t, p))
        assert got["f1"][b] == pytest.approx(f1_score(t, p > 0.5))
        assert got["balanced_accuracy"][b] == pytest.approx(balanced_accuracy_score(t, p > 0.5))
        assert got["accuracy"][b] == pytest.approx(np.mean(t == (p > 0.5)))


def test_multiclass_metrics_are_one_vs_rest_macro_averages():
    rng = np.random.default_rng(2)
    labels = ["a", "b", "c"]
    y = rng.choice(np.array(labels), size=150)
    logits = rng.normal(size=(150, 3)) + 1.5 * (y[:, None] == np.array(labels))
    proba = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    m = scores.probability_metrics(labels, None)
    ones = np.ones((1, 150))
    assert m["roc_auc"](y, proba, ones)[0] == pytest.approx(
        roc_auc_score(y, proba, multi_class="ovr", average="macro", labels=labels))
    assert m["average_precision"](y, proba, ones)[0] == pytest.approx(
        np.mean([average_precision_score(y == c, proba[:, j]) for j, c in enumerate(labels)]))
    predicted = np.array(labels)[proba.argmax(axis=1)]
    assert m["f1"](y, proba, ones)[0] == pytest.approx(f1_score(y, predicted, average="macro"))


def test_a_constant_score_has_roc_auc_one_half_in_every_resample():
    y, proba = binary()
    constant = np.tile([0.7, 0.3], (len(y), 1))
    r = bootstrap({"auc": scores.probability_metrics(["neg", "pos"], "pos")["roc_auc"]}, y,
                  {"prior": constant}, n_resamples=300, seed=0)
    assert np.all(r.samples["prior"]["auc"] == 0.5) and r.point["prior"]["auc"] == 0.5


def test_predict_hook_orders_probability_columns_by_label():
    class Reversed:
        classes_ = np.array(["pos", "neg"])

        def predict_proba(self, X):
            return np.array([[0.9, 0.1]] * len(X))

    assert scores.probabilities(Reversed(), [[0], [1]]).tolist() == [[0.1, 0.9], [0.1, 0.9]]
