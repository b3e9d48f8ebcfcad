"""The systems the harness compares. To try another model, change `candidate()` (and its
DEFAULT_PARAMS and SEARCH_SPACE).

- `baselines(seed)`: the ladder, weakest first. A majority-class predictor (what you get without
  reading the text) and multinomial naive Bayes over word counts, the text classifier a reviewer
  tries first: one pass over the data, no tuning, and often hard to beat on short texts{{#candidate=transformer}};
  then TF-IDF + logistic regression, the strong classical model fine-tuning has to beat{{/candidate=transformer}}.
{{^candidate=transformer}}
- `candidate(seed, params)`: TF-IDF of word n-grams, then multinomial logistic regression.
  `tune` chooses its params from SEARCH_SPACE on the validation split.
{{/candidate=transformer}}
{{#candidate=transformer}}
- `candidate(seed, params)`: a pretrained transformer encoder fine-tuned on the training split with
  early stopping on the validation split (transformer.py). `tune` chooses its learning rate from
  SEARCH_SPACE on the validation split: each grid point is a whole fine-tuning run.
{{/candidate=transformer}}

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

TFIDF_PARAMS: dict[str, Any] = {"ngram_range": [1, 2], "sublinear_tf": True, "C": 1.0}
{{^candidate=transformer}}
DEFAULT_PARAMS: dict[str, Any] = TFIDF_PARAMS
SEARCH_SPACE: dict[str, list[Any]] = {"C": [0.3, 1.0, 3.0, 10.0], "ngram_range": [[1, 1], [1, 2]]}
{{/candidate=transformer}}
{{#candidate=transformer}}
DEFAULT_PARAMS: dict[str, Any] = {
    # Hugging Face Hub name or local directory (on a line of its own: a long path stays one word)
    "base_model":
        "{{base_model}}",
    "learning_rate": 5e-5,
    "batch_size": 16,
    "max_epochs": 4,
    "patience": 1,  # epochs without a better validation macro-F1 before stopping
    "weight_decay": 0.01,
    "warmup_ratio": 0.1,
    "max_length": None,  # None: the longest training text in tokens (see transformer.py)
}
# Each grid point is a whole fine-tuning run: keep it small (README: the CPU time of one run).
SEARCH_SPACE: dict[str, list[Any]] = {"learning_rate": [3e-5, 5e-5]}
{{/candidate=transformer}}


def tfidf_logreg(seed: int, params: dict[str, Any]) -> System:
    """TF-IDF of word n-grams, then multinomial logistic regression (lbfgs: deterministic, so the
    seed changes nothing)."""
    low, high = params["ngram_range"]
    model = make_pipeline(
        TfidfVectorizer(ngram_range=(int(low), int(high)), sublinear_tf=bool(params["sublinear_tf"])),
        LogisticRegression(C=float(params["C"]), max_iter=2000, random_state=seed),
    )
    return System("tfidf-logreg", model, dict(params), seed_dependent=False)


def baselines(seed: int) -> list[System]:
    """Majority class, then naive Bayes on word unigram and bigram counts{{#candidate=transformer}}, then
    TF-IDF + logistic regression with its default params{{/candidate=transformer}}."""
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
{{#candidate=transformer}}
        tfidf_logreg(seed, TFIDF_PARAMS),
{{/candidate=transformer}}
    ]


def candidate(seed: int, params: dict[str, Any]) -> System:
{{^candidate=transformer}}
    """TF-IDF + logistic regression with `params` (tuned, or DEFAULT_PARAMS)."""
    return tfidf_logreg(seed, params)
{{/candidate=transformer}}
{{#candidate=transformer}}
    """The fine-tuned transformer with `params` (tuned, or DEFAULT_PARAMS). PyTorch and transformers
    are imported here, not above, so the commands that do not fit it start fast."""
    from . import transformer

    model, logged, checkpoint = transformer.system_parts(seed, params)
    return System(transformer.NAME, model, logged, checkpoint=checkpoint)
{{/candidate=transformer}}
