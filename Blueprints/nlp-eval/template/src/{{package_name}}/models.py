"""The two systems the harness compares. To try another model, change `candidate()`.

Each function takes the seed and returns a System: a name (how the log and the
report tell models apart), a model with fit(texts, labels) / predict(texts),
and the params to log.
"""

from sklearn.dummy import DummyClassifier
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline

from .impact.harness import System


def baseline(seed: int) -> System:
    """Always predicts the most frequent label of the training split."""
    return System("majority-class", DummyClassifier(strategy="most_frequent"),
                  {"strategy": "most_frequent"})


def candidate(seed: int) -> System:
    """TF-IDF of word unigrams and bigrams, then multinomial logistic regression."""
    params = {"ngram_range": (1, 2), "sublinear_tf": True, "C": 1.0}
    model = make_pipeline(
        TfidfVectorizer(ngram_range=params["ngram_range"], sublinear_tf=params["sublinear_tf"]),
        LogisticRegression(C=params["C"], max_iter=2000, random_state=seed),
    )
    return System("tfidf-logreg", model, params)
