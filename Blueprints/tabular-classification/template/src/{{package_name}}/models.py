"""The systems the harness compares: a ladder of baselines and the candidate.

To try another model, change `candidate()` (and DEFAULT_PARAMS / SEARCH_SPACE, the
parameters `make tune` searches on the validation split). Every model has
fit(X, labels) and predict_proba(X) with `classes_` (X: rows x numeric features,
NaN for missing cells); every scikit-learn classifier does.

The ladder, weakest first:
- class-prior: ignores the features, every row gets the training label shares
  (ROC-AUC 0.5 by construction);
- best-single-feature: the one column that, on the training rows alone, ranks
  the labels best, fed to a logistic regression. It is the baseline a reviewer
  tries first on a table: when one measurement already separates the labels,
  a model on all columns has to beat that, not the class prior.
"""

from typing import Any

import numpy as np
from sklearn.dummy import DummyClassifier
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from .impact.harness import System


def ranking_power(column: np.ndarray, labels: np.ndarray) -> float:
    """How well one column alone ranks the labels: ROC-AUC of the column for each label against
    the rest, taken in the better direction (a column that is low for a label ranks as well as one
    that is high), averaged over the labels (one label for two labels). NaN cells are skipped."""
    known = ~np.isnan(column)
    classes = np.unique(labels[known])
    if len(classes) < 2 or np.ptp(column[known]) == 0:
        return 0.5
    scores = []
    for label in classes[1:] if len(classes) == 2 else classes:
        auc = roc_auc_score(labels[known] == label, column[known])
        scores.append(max(auc, 1 - auc))
    return float(np.mean(scores))


class BestSingleFeature:
    """On the training rows only: pick the column with the highest `ranking_power`, then fit a
    logistic regression on that column alone (median-imputed, standardised). With one feature
    the scores rank rows exactly as the raw column does, so its ROC-AUC is the column's own."""

    def __init__(self, seed: int = 0) -> None:
        self.seed = seed

    def fit(self, X: np.ndarray, y: Any) -> "BestSingleFeature":
        X, labels = np.asarray(X, dtype=float), np.asarray(y).astype(str)
        power = [ranking_power(X[:, j], labels) for j in range(X.shape[1])]
        self.column_ = int(np.argmax(power))  # ties: the first such column
        self.power_ = power[self.column_]
        self.model_ = make_pipeline(SimpleImputer(strategy="median"), StandardScaler(),
                                    LogisticRegression(max_iter=5000, random_state=self.seed))
        self.model_.fit(X[:, [self.column_]], labels)
        self.classes_ = self.model_.classes_
        return self

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        return np.asarray(self.model_.predict_proba(np.asarray(X, dtype=float)[:, [self.column_]]))

    def predict(self, X: np.ndarray) -> np.ndarray:
        return np.asarray(self.model_.predict(np.asarray(X, dtype=float)[:, [self.column_]]))


def baselines(seed: int) -> list[System]:
    """The ladder, weakest first."""
    return [
        System("class-prior", DummyClassifier(strategy="prior"), {"strategy": "prior"}, seed_dependent=False),
        System("best-single-feature", BestSingleFeature(seed),
               {"chosen_on": "train", "by": "ROC-AUC of the column alone", "then": "logistic regression"},
               seed_dependent=False),
    ]


# The candidate's parameters when `make tune` has not chosen others (impact/params.json).
DEFAULT_PARAMS: dict[str, Any] = {"C": 1.0, "class_weight": "balanced"}
# The grid `make tune` searches, each point scored by ROC-AUC on the validation split.
SEARCH_SPACE: dict[str, list[Any]] = {"C": [0.01, 0.1, 1.0, 10.0], "class_weight": ["balanced", None]}


def candidate(seed: int, params: dict[str, Any]) -> System:
    """Median imputation, standard scaling, then logistic regression on every column.

    class_weight="balanced" weighs each training row by n_rows / (n_labels * rows_of_its_label),
    so a rare label counts as much as a common one in the loss; C is the inverse strength of the
    L2 penalty (smaller: simpler model).
    """
    model = make_pipeline(
        SimpleImputer(strategy="median"),
        StandardScaler(),
        LogisticRegression(C=float(params["C"]), class_weight=params["class_weight"], max_iter=5000,
                           random_state=seed),
    )
    return System("scaled-logreg", model, {"imputer": "median", "scaler": "standard", **params})
