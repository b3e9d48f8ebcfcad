"""The two systems the harness compares. To try another model, change `candidate()`.

Each function takes the seed and returns a System: a name (how the log and the
report tell models apart), a model with fit(X, labels) / predict(X) where X is
an (images, pixels) array, and the params to log.
"""

from sklearn.dummy import DummyClassifier
from sklearn.svm import SVC

from .impact.harness import System


def baseline(seed: int) -> System:
    """Always predicts the most frequent label of the training split."""
    return System("majority-class", DummyClassifier(strategy="most_frequent"),
                  {"strategy": "most_frequent"})


def candidate(seed: int) -> System:
    """A support vector machine with an RBF kernel on the raw pixels.

    gamma="scale" sets the kernel width from the pixel variance, so the
    intensity scale (0-16, 0-255, 0-1) needs no preprocessing.
    """
    params = {"kernel": "rbf", "C": 10.0, "gamma": "scale"}
    return System("rbf-svm", SVC(**params, random_state=seed), params)
