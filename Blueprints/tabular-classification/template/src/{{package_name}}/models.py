"""The two systems the harness compares. To try another model, change `candidate()`.

Each function takes the seed and returns a System: a name (how the log and the
report tell models apart), a model with fit(X, labels) / predict_proba(X) (X:
rows x numeric features, NaN for missing cells) and the params to log.
"""

from sklearn.dummy import DummyClassifier
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from .impact.harness import System


def baseline(seed: int) -> System:
    """Ignores the features: every row gets the label frequencies of the training split."""
    return System("class-prior", DummyClassifier(strategy="prior"), {"strategy": "prior"})


def candidate(seed: int) -> System:
    """Median imputation, standard scaling, then logistic regression with balanced class weights.

    class_weight="balanced" weighs each training row by n_rows / (n_labels * rows_of_its_label),
    so a rare label counts as much as a common one in the loss.
    """
    params = {"imputer": "median", "scaler": "standard", "C": 1.0, "class_weight": "balanced"}
    model = make_pipeline(
        SimpleImputer(strategy=params["imputer"]),
        StandardScaler(),
        LogisticRegression(C=params["C"], class_weight=params["class_weight"], max_iter=5000,
                           random_state=seed),
    )
    return System("scaled-logreg", model, params)
