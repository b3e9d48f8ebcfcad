"""The systems the harness compares. To try another model, change `candidate()` (and its
DEFAULT_PARAMS and SEARCH_SPACE).

- `baselines(seed)`: the ladder, weakest first. A majority-class predictor (what you get without
  reading the text) and multinomial naive Bayes over word counts, the text classifier a reviewer
  tries first: one pass over the data, no tuning, and often hard to beat on short texts.
- `candidate(seed, params)`: TF-IDF of word n-grams, then multinomial logistic regression.
  `tune` chooses its params from SEARCH_SPACE on the validation split.

Each returns a System: a name (how the log and the report tell models apart), a model with
fit(texts, labels) / predict(texts), and the params to log. `seed_dependent=False` marks models
that a seed does not change (refitting them with other seeds is skipped by `evaluate --seeds`).
"""

from typing import Any

from sklearn.dummy import DummyClassifier
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.naive_bayes import MultinomialNB
from sklearn.pipeline import make_pipeline

from .impact.harness import System

DEFAULT_PARAMS: dict[str, Any] = {"ngram_range": [1, 2], "sublinear_tf": True, "C": 1.0}
SEARCH_SPACE: dict[str, list[Any]] = {"C": [0.3, 1.0, 3.0, 10.0], "ngram_range": [[1, 1], [1, 2]]}


def baselines(seed: int) -> list[System]:
    """Majority class, then naive Bayes on word unigram and bigram counts."""
    return [
        System(
            "majority-class",
            DummyClassifier(strategy="most_frequent"),
            {"strategy": "most_frequent"},
            seed_dependent=False,
        ),
        System(
            "naive-bayes",
            make_pipeline(CountVectorizer(ngram_range=(1, 2)), MultinomialNB(alpha=1.0)),
            {"ngram_range": [1, 2], "alpha": 1.0},
            seed_dependent=False,
        ),
    ]


def candidate(seed: int, params: dict[str, Any]) -> System:
    """TF-IDF of word n-grams, then multinomial logistic regression (lbfgs: deterministic, so the
    seed changes nothing)."""
    low, high = params["ngram_range"]
    model = make_pipeline(
        TfidfVectorizer(ngram_range=(int(low), int(high)), sublinear_tf=bool(params["sublinear_tf"])),
        LogisticRegression(C=float(params["C"]), max_iter=2000, random_state=seed),
    )
    return System("tfidf-logreg", model, dict(params), seed_dependent=False)
