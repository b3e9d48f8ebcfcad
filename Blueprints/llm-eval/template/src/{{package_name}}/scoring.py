"""SQuAD-style answer scoring: exact match and token-F1, as vectorised bootstrap metrics.

Both compare normalised text (lower-case, punctuation and the articles a/an/the
removed, whitespace collapsed) and take the best score over a question's
acceptable answers, as the official SQuAD evaluation does:

- exact_match: 1 if the normalised prediction equals an answer, else 0.
- token_f1: harmonic mean of token precision and recall against the answer
  that fits best, so "6 months" for the answer "every 6 months" gets 0.8.
- contains_answer: 1 if an answer appears inside the prediction (lenient:
  useful for a chatty model, but a whole sentence gets full marks).
"""

import re
import string
from collections import Counter
from collections.abc import Callable, Sequence

import numpy as np

from .impact import metrics
from .impact.bootstrap import Metric

_PUNCT = str.maketrans("", "", string.punctuation)
_ARTICLES = re.compile(r"\b(a|an|the)\b")


def normalize_answer(text: str) -> str:
    """Lower-case, drop punctuation and articles, collapse whitespace (SQuAD's normalisation)."""
    return " ".join(_ARTICLES.sub(" ", str(text).lower().translate(_PUNCT)).split())


def _f1(prediction: str, answer: str) -> float:
    pred, gold = normalize_answer(prediction).split(), normalize_answer(answer).split()
    if not pred or not gold:
        return float(pred == gold)
    common = sum((Counter(pred) & Counter(gold)).values())
    if common == 0:
        return 0.0
    precision, recall = common / len(pred), common / len(gold)
    return 2 * precision * recall / (precision + recall)


def exact_match(prediction: str, answers: Sequence[str]) -> float:
    return float(any(normalize_answer(prediction) == normalize_answer(a) for a in answers))


def token_f1(prediction: str, answers: Sequence[str]) -> float:
    return max(_f1(prediction, a) for a in answers)


def contains_answer(prediction: str, answers: Sequence[str]) -> float:
    pred = f" {normalize_answer(prediction)} "
    return float(any(f" {normalize_answer(a)} " in pred for a in answers if normalize_answer(a)))


SEPARATOR = "\x1f"  # between a question's answers in one string (whitespace: never inside an answer)


def answer_sets(answers: Sequence[Sequence[str]]) -> np.ndarray:
    """One string per question: its acceptable answers joined by SEPARATOR. A plain string array,
    so the harness stores it with the predictions (no pickle); answers_of() splits it again."""
    joined = []
    for a in answers:
        if not a or any(SEPARATOR in x for x in a):
            raise ValueError(f"answers {list(a)!r}: need at least one, without the character U+001F")
        joined.append(SEPARATOR.join(a))
    return np.array(joined, dtype=str)


def answers_of(gold: str) -> list[str]:
    """The acceptable answers of one entry of answer_sets()."""
    return str(gold).split(SEPARATOR)


def per_question(score: Callable[[str, Sequence[str]], float]) -> Metric:
    """Bootstrap metric: the weighted mean of score(prediction, answers) over questions."""
    return metrics.mean_of(lambda golds, preds: np.array(
        [score(str(p), answers_of(g)) for g, p in zip(golds, preds, strict=True)]))


METRICS = {"token_f1": token_f1, "exact_match": exact_match, "contains_answer": contains_answer}


def qa_metrics() -> dict[str, Metric]:
    return {name: per_question(fn) for name, fn in METRICS.items()}
