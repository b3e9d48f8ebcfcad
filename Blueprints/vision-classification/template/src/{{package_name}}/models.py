"""The systems the harness compares. To try another model, change `candidate()` (and its
DEFAULT_PARAMS and SEARCH_SPACE).

- `baselines(seed)`: the ladder, weakest first. A majority-class predictor (what you get without
  looking at the image), logistic regression on the standardised pixels (the linear model on raw
  pixels) and 1-nearest-neighbour on the raw pixels, the image classifier a reviewer tries first:
  no training, no tuning, and on small centred images it is hard to beat.
{{^candidate=cnn}}
- `candidate(seed, params)`: a support vector machine with an RBF kernel on the raw pixels.
  `tune` chooses its params from SEARCH_SPACE on the validation split.
{{/candidate=cnn}}
{{#candidate=cnn}}
  The RBF-kernel SVM on the raw pixels, the strongest classical model, is the last baseline.
- `candidate(seed, params)`: a small convolutional network in PyTorch (cnn.py), trained from
  random weights with early stopping on the validation split. `tune` chooses its params from
  SEARCH_SPACE on the validation split.
{{/candidate=cnn}}

Each returns a System: a name (how the log and the report tell models apart), a model with
fit(X, labels) / predict(X) where X is an (images, pixels) array, and the params to log.
`seed_dependent=False` marks models that a seed does not change (`evaluate --seeds` skips them).
"""

from typing import Any

from sklearn.dummy import DummyClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

{{#candidate=cnn}}
from . import cnn
{{/candidate=cnn}}
from .impact.harness import System

{{^candidate=cnn}}
DEFAULT_PARAMS: dict[str, Any] = {"kernel": "rbf", "C": 10.0, "gamma": "scale"}
SEARCH_SPACE: dict[str, list[Any]] = {"C": [1.0, 3.0, 10.0, 30.0]}
{{/candidate=cnn}}
{{#candidate=cnn}}
DEFAULT_PARAMS: dict[str, Any] = dict(cnn.DEFAULT_PARAMS)
SEARCH_SPACE: dict[str, list[Any]] = {"channels": [8, 16]}
{{/candidate=cnn}}


def baselines(seed: int) -> list[System]:
    """Majority class, logistic regression on standardised pixels, 1-nearest-neighbour on raw
    pixels{{#candidate=cnn}}, and an RBF-kernel SVM on raw pixels{{/candidate=cnn}}."""
    return [
        System("majority-class", DummyClassifier(strategy="most_frequent"), {"strategy": "most_frequent"},
               seed_dependent=False),
        System("pixel-logreg", make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=2000)),
               {"scaler": "standard", "C": 1.0}, seed_dependent=False),
        System("1-nearest-neighbour", KNeighborsClassifier(n_neighbors=1),
               {"n_neighbors": 1, "metric": "euclidean"}, seed_dependent=False),
{{#candidate=cnn}}
        System("rbf-svm", SVC(kernel="rbf", C=10.0, gamma="scale", random_state=seed),
               {"kernel": "rbf", "C": 10.0, "gamma": "scale"}, seed_dependent=False),
{{/candidate=cnn}}
    ]


{{^candidate=cnn}}
def candidate(seed: int, params: dict[str, Any]) -> System:
    """A support vector machine with an RBF kernel on the raw pixels.

    gamma="scale" sets the kernel width from the pixel variance, so the intensity scale (0-16,
    0-255, 0-1) needs no preprocessing. The libsvm solver is deterministic for a classifier
    without probability estimates, so the seed changes nothing.
    """
    model = SVC(kernel=str(params["kernel"]), C=float(params["C"]), gamma=params["gamma"],
                random_state=seed)
    return System("rbf-svm", model, dict(params), seed_dependent=False)
{{/candidate=cnn}}
{{#candidate=cnn}}
def candidate(seed: int, params: dict[str, Any]) -> System:
    """A small convolutional network (cnn.py) trained from random weights with this seed; its best
    weights on the validation split are saved to models/ (the record's checkpoint)."""
    model = cnn.CNNClassifier(seed=seed, **params)
    return System("cnn", model, dict(params), checkpoint=model.checkpoint)
{{/candidate=cnn}}
