"""Question answering over a knowledge base: retrieve passages, then let a reader answer.

    system = QASystem(OverlapReader(), top_k=2)
    system.fit(Questions(train_questions, passages), train_answers)  # indexes the passages
    system.predict(Questions(test_questions, passages))              # -> list of answers

The reader is the part you swap: anything with `answer(question, context) -> str`
(the `Reader` protocol) works, whether it is a heuristic, a local model or an
HTTP API. `context` is the text of the retrieved passages, each starting with a
"# title" line. Two readers ship, both offline and instant:

- FirstSentenceReader: the first sentence of the best passage (the naive
  "search and paste" baseline).
- OverlapReader: picks the sentence that shares the most (IDF-weighted) words
  with the question, then the span in it that fits the question: a number with
  its unit for "how many / how long / when / what does it cost", a colour for
  "what colour", one side of "A or B", yes/no for "is / can / does", else the
  shortest phrase next to the words the question and sentence share.
"""

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from statistics import fmean
from typing import Any, Protocol, runtime_checkable


@dataclass(frozen=True)
class Passage:
    id: str  # "file.md#3"
    doc: str  # file name in data/raw/docs/
    title: str  # "document title > heading"
    text: str  # paragraphs and list items, one per line


@dataclass
class Questions:
    """What a QA system is fitted on and asked: the questions and the knowledge base
    (`docs`: the document each question is about, where known; only the report uses it)."""

    questions: list[str]
    passages: list[Passage]
    docs: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.questions)


@runtime_checkable
class Reader(Protocol):
    """A model that answers `question` from `context` with a short answer (a few words)."""

    def answer(self, question: str, context: str) -> str: ...


# --- words -----------------------------------------------------------------------------------------

STOPWORDS = frozenset("""
a about above after again against all am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have
having he her here hers him his how i if in into is it its itself just me more most my myself no nor
not of off on once only or other our ours out over own same she should so some such than that the
their them then there these they this those through to too under until up very was we were what
when where which while who whom why will with would you your yours may might must shall
""".split())
# Words of a question that say what kind of answer is wanted, not what it is about.
QUESTION_WORDS = frozenset("many much often kind sort type way usually probably need happen".split())
TOKEN = re.compile(r"[$£€]?\w+(?:[.,:@'/-]\w+)*%?|°[CF]")


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A light, rule-based stemmer: enough to match place/places/placed/placing."""
    w = word.lower().strip("'")
    w = w[:-2] if w.endswith("'s") else w
    if not w.isalpha() or len(w) <= 3:
        return w
    for suffix, keep in (("ies", "y"), ("sses", "ss"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3 and not (suffix == "s" and w.endswith("ss")):
            w = w[: len(w) - len(suffix)] + keep
            break
    return w[:-1] if w.endswith("e") and len(w) > 4 else w


def words(text: str) -> list[str]:
    return [m.group(0) for m in TOKEN.finditer(text)]


def terms(text: str) -> list[str]:
    """Stems of the content words of `text` (what retrieval and matching compare)."""
    return list(_terms(text))


@lru_cache(maxsize=1 << 14)
def _terms(text: str) -> tuple[str, ...]:
    out = []
    for w in words(text):
        if w.lower() not in STOPWORDS:
            out.append(stem(w))
            if "-" in w:  # "two-pack" also matches "pack"
                out += [stem(p) for p in w.split("-") if p.isalpha() and p.lower() not in STOPWORDS]
    return tuple(out)


def sentences(text: str) -> list[str]:
    """Lines without list markers, cut after . ! ? followed by a capital or a digit."""
    out = []
    for line in text.splitlines():
        line = re.sub(r"^\s*(?:[-*+]|\d+[.)])\s+", "", line).strip()
        out += [s.strip() for s in re.split(r"(?<=[.!?])\s+(?=[A-Z0-9$\"'])", line) if s.strip()]
    return out


# --- retrieval -------------------------------------------------------------------------------------

class Retriever:
    """TF-IDF over passage titles and texts: stemmed unigrams and bigrams, sublinear tf, smoothed idf,
    cosine similarity (the weighting of scikit-learn's TfidfVectorizer(sublinear_tf=True)), kept as an
    inverted index so a search only touches the passages that share a term with the question."""

    def __init__(self, passages: Sequence[Passage]):
        if not passages:
            raise ValueError("no passages to retrieve from")
        self.passages = list(passages)
        counts = [Counter(self.analyze(f"{p.title}\n{p.text}")) for p in self.passages]
        df = Counter(t for c in counts for t in c)
        n = len(counts)
        self.idf = {t: math.log((1 + n) / (1 + k)) + 1 for t, k in df.items()}
        self.postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for i, c in enumerate(counts):
            weights = {t: (1 + math.log(k)) * self.idf[t] for t, k in c.items()}
            norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
            for t, w in weights.items():
                self.postings[t].append((i, w / norm))

    @staticmethod
    def analyze(text: str) -> list[str]:
        t = terms(text)
        return t + [f"{a} {b}" for a, b in zip(t, t[1:], strict=False)]

    def scores(self, question: str) -> list[float]:
        """Cosine similarity of the question with every passage."""
        out = [0.0] * len(self.passages)
        for t, k in Counter(self.analyze(question)).items():
            for i, w in self.postings.get(t, ()):
                out[i] += (1 + math.log(k)) * self.idf[t] * w
        return out

    def search(self, question: str, k: int) -> list[Passage]:
        scores = self.scores(question)
        order = sorted(range(len(scores)), key=lambda i: (-scores[i], i))[:k]
        return [self.passages[i] for i in order]


def context_of(passages: Sequence[Passage]) -> str:
    """What a reader sees: each passage as a "# title" line and its text, best first."""
    return "\n\n".join(f"# {p.title}\n{p.text}" for p in passages)


def _blocks(context: str) -> list[tuple[str, list[str]]]:
    """(title, sentences) of each passage in a context made by context_of()."""
    out: list[tuple[str, list[str]]] = []
    for block in re.split(r"\n\s*\n", context.strip()):
        lines = block.splitlines()
        title = lines[0][2:] if lines and lines[0].startswith("# ") else ""
        body = "\n".join(lines[1:] if title else lines)
        out.append((title, sentences(body)))
    return out


# --- readers ---------------------------------------------------------------------------------------

class FirstSentenceReader:
    """Answers with the first sentence of the first passage: retrieval alone, no reading."""

    def answer(self, question: str, context: str) -> str:
        for _, found in _blocks(context):
            if found:
                return found[0]
        return ""


_NUM = r"(?:[$£€]?\d[\d,]*(?:\.\d+)?%?|one|two|three|four|five|six|seven|eight|nine|ten|twelve)"
NUMBER = re.compile(rf"(?<![\w.$£€]){_NUM}(?:(?:,\s*|\s+)(?:to|and|or)\s+{_NUM})?\b%?", re.I)
UNITS = frozenset("""
second seconds minute minutes hour hours day days week weeks month months year years business
cm mm m km kg g db w v kw ghz mhz °c °f percent micron microns metre metres meter meters square cubic
microgram micrograms per times
""".split())
COLOURS = frozenset("white black blue red green yellow orange purple pink grey gray silver".split())
YES_NO = re.compile(r"^(is|are|can|could|does|do|did|should|will|would|has|have|was|were)\b", re.I)
NEGATION = re.compile(r"\b(no|not|never|cannot|none)\b|n't\b", re.I)
LEADING = frozenset("called named known means use used uses also usually".split())  # trimmed off a phrase
CLAUSE = frozenset("which who that where while so but because such from".split())  # ", which ..." etc.
NUMERIC = re.compile(
    r"\bhow (many|much|long|often|far|close|quickly|fast|big|large|tall|heavy|loud|quiet|old|wide)\b"
    r"|^(when|what time|by what time)\b"
    r"|\b(cost|costs|price|percentage|percent|voltage|temperature|"
    r"humidity|version|discount|rate|range|size|above what|down to what|longest|shortest|"
    r"maximum|minimum|largest|smallest|highest|lowest)\b", re.I)
CODE = re.compile(r"^(what|which)\b.*\b(number|code|letters)\b", re.I)


def numeric_spans(sentence: str, version: bool = False) -> list[tuple[int, int]]:
    """Character spans of numbers with their units: "$6.95", "3 to 5 business days", "every 2 months".

    A number right after a capitalised word is part of a name ("Aero 2") and skipped, unless
    `version` asks for it, then the name comes with it ("Android 10")."""
    spans = []
    for m in NUMBER.finditer(sentence):
        start, end = m.start(), m.end()
        before = re.search(r"(\S+)\s+$", sentence[:start])
        if before and re.fullmatch(r"[A-Za-z]*[A-Z][A-Za-z]*", before.group(1)) and start > 0:
            if not version:
                continue
            start = before.start(1)
        while (unit := re.match(r"(?:\s+|-)([^\s,.;:()]+)", sentence[end:])) and \
                unit.group(1).lower() in UNITS:
            end += unit.end()
        if re.search(r"\bevery\s+$", sentence[:start]):
            start = sentence.rindex("every", 0, start)
        spans.append((start, end))
    return spans


def code_spans(sentence: str) -> list[tuple[int, int]]:
    """Identifiers: words mixing letters and digits (BW-F210, E4) or in capitals (BWA)."""
    return [(m.start(), m.end()) for m in TOKEN.finditer(sentence)
            if re.fullmatch(r"(?=.*[A-Za-z])(?=.*\d)[\w-]+|[A-Z]{2,}", m.group(0))]


class OverlapReader:
    """Extractive reader: best sentence by weighted word overlap, then a span that fits the question."""

    def __init__(self, heading_weight: float = 0.5, rank_penalty: float = 0.15):
        self.heading_weight = heading_weight
        self.rank_penalty = rank_penalty

    def answer(self, question: str, context: str) -> str:
        blocks = _blocks(context)
        found = [s for _, sents in blocks for s in sents]
        if not found:
            return ""
        df = Counter(t for s in found for t in set(terms(s)))
        idf = {t: math.log(1 + len(found) / (1 + n)) for t, n in df.items()}
        q_terms = set(terms(question)) - QUESTION_WORDS
        best, best_score = "", -math.inf
        for rank, (title, sents) in enumerate(blocks):
            title_terms = set(terms(title))
            for s in sents:
                s_terms = set(terms(s))
                score = sum(idf.get(t, 1.0) for t in q_terms & s_terms)
                score += self.heading_weight * sum(idf.get(t, 1.0) for t in q_terms & title_terms - s_terms)
                score -= self.rank_penalty * rank
                if self._typed_spans(question, s):
                    score += 1.0  # the sentence holds the kind of answer the question wants
                if score > best_score:
                    best, best_score = s, score
        return self.extract(question, best)

    @staticmethod
    def _typed_spans(question: str, sentence: str) -> list[tuple[int, int]]:
        """Spans of the answer type the question asks for (numbers, codes, colours), if any."""
        if re.search(r"\bcolou?r\b", question, re.I):
            spans = [(m.start(), m.end()) for m in TOKEN.finditer(sentence) if m.group(0).lower() in COLOURS]
        elif CODE.search(question):
            spans = code_spans(sentence)
        elif NUMERIC.search(question):
            spans = numeric_spans(sentence, version=bool(re.search(r"\bversion\b", question, re.I)))
        else:
            return []
        return [(a, b) for a, b in spans if sentence[a:b].lower() not in question.lower()]

    def extract(self, question: str, sentence: str) -> str:
        """The span of `sentence` that answers `question`."""
        choice = re.search(r"\b([\w-]+) or ([\w-]+)\b", question)
        if choice and YES_NO.match(question):
            for option in choice.groups():
                if re.search(rf"\b{re.escape(option)}\b", sentence, re.I):
                    return option
        if YES_NO.match(question):
            return "no" if NEGATION.search(sentence) else "yes"
        tokens = list(TOKEN.finditer(sentence))
        anchors = _anchors(tokens, question)
        typed = self._typed_spans(question, sentence)
        if typed:
            a, b = min(typed, key=lambda ab: _gap(sentence, tokens, anchors, ab))
            return sentence[a:b]
        return _phrase(sentence, tokens, anchors, reason=bool(re.match(r"why\b", question, re.I)))


def _anchors(tokens: list[re.Match[str]], question: str) -> list[int]:
    """Indices of the sentence's tokens whose content word also occurs in the question."""
    q = set(terms(question)) - QUESTION_WORDS
    return [i for i, t in enumerate(tokens)
            if t.group(0).lower() not in STOPWORDS and set(terms(t.group(0))) & q]


def _gap(sentence: str, tokens: list[re.Match[str]], anchors: list[int], span: tuple[int, int]) -> float:
    """Tokens between a character span and the nearest anchor; crossing "and"/"or" or a comma costs 2."""
    if not anchors:
        return float(span[0])
    inside = [i for i, t in enumerate(tokens) if t.start() >= span[0] and t.end() <= span[1]]
    if not inside:
        return math.inf
    best = math.inf
    for j in anchors:
        lo, hi = (j, inside[0]) if j < inside[0] else (inside[-1], j)
        between = sentence[tokens[lo].end():tokens[hi].start()] if hi > lo else ""
        cost = max(0, hi - lo - 1) + 2 * len(re.findall(r",|\b(?:and|or)\b", between))
        best = min(best, cost)
    return best


def _phrase(sentence: str, tokens: list[re.Match[str]], anchors: list[int], reason: bool = False) -> str:
    """The short phrase of `sentence` next to the words it shares with the question, but not those.

    `reason`: the question asks why, so a longer phrase (a clause) is welcome."""
    if not tokens:
        return sentence
    anchor = set(anchors)
    runs, start = [], None
    for i, t in enumerate(tokens):
        between = sentence[tokens[i - 1].end():t.start()] if i else ""
        lower = t.group(0).lower()
        cut = bool(re.search(r"[;:()\"]|\.\s", between)) or (
            "," in between and (lower in STOPWORDS or lower in CLAUSE)) or lower in ("may", "can", "must")
        if (i in anchor or cut) and start is not None:
            runs.append((start, i))
            start = None
        if i not in anchor and start is None:
            start = i
    if start is not None:
        runs.append((start, len(tokens)))
    best, best_score = None, -math.inf
    for run in runs:
        a, b = run
        while a < b and (tokens[a].group(0).lower() in STOPWORDS or tokens[a].group(0).lower() in LEADING):
            a += 1
        while b > a and tokens[b - 1].group(0).lower() in STOPWORDS:
            b -= 1
        if a >= b:
            continue
        distance = min((run[0] - j if j < run[0] else j - run[1] + 1 for j in anchors), default=len(tokens))
        after = any(run[0] - 2 <= j < run[0] for j in anchors)
        named = any(t.group(0)[:1].isupper() or any(c.isdigit() for c in t.group(0))
                    for t in tokens[max(a, 1):b])
        size = 0.1 * min(b - a, 8) if reason else -0.25 * max(0, b - a - 4)
        score = -distance + size + (1.0 if after else 0.0) + (0.5 if named else 0.0)
        if score > best_score:
            best, best_score = (a, b), score
    if best is None:
        return sentence
    a, b = best
    return sentence[tokens[a].start():tokens[b - 1].end()]


# --- the strong simple baseline: BM25 sentence lookup ---------------------------------------------

class BM25:
    """Okapi BM25 over stemmed content words (k1 = 1.2, b = 0.75, Lucene's idf)."""

    def __init__(self, texts: Sequence[str], k1: float = 1.2, b: float = 0.75):
        if not texts:
            raise ValueError("nothing to index")
        self.counts = [Counter(terms(t)) for t in texts]
        self.lengths = [sum(c.values()) for c in self.counts]
        self.average = fmean(self.lengths) or 1.0
        n, df = len(texts), Counter(t for c in self.counts for t in c)
        self.idf = {t: math.log(1 + (n - k + 0.5) / (k + 0.5)) for t, k in df.items()}
        self.k1, self.b = k1, b

    def scores(self, query: str) -> list[float]:
        wanted = set(terms(query))
        out = []
        for counts, length in zip(self.counts, self.lengths, strict=True):
            norm = self.k1 * (1 - self.b + self.b * length / self.average)
            out.append(sum(self.idf[t] * counts[t] * (self.k1 + 1) / (counts[t] + norm)
                           for t in wanted if t in counts))
        return out

    def best(self, query: str) -> int:
        scores = self.scores(query)
        return max(range(len(scores)), key=lambda i: (scores[i], -i))


def without_question_words(question: str, sentence: str) -> str:
    """The sentence's content words that are not in the question: the classic sliding-window answer."""
    asked = {w.lower() for w in words(question)} | {stem(w) for w in words(question)}
    kept = [w for w in words(sentence)
            if w.lower() not in STOPWORDS and w.lower() not in asked and stem(w) not in asked]
    return " ".join(kept) if kept else sentence


class SentenceLookup:
    """BM25 over every sentence of the knowledge base (each with its passage title); the answer is
    the best sentence without the words it shares with the question. No reader, no rules: what a
    reviewer tries first for extractive QA."""

    def __init__(self) -> None:
        self.passages: list[Passage] = []
        self.sentences: list[str] = []
        self.index: BM25 | None = None

    def fit(self, X: Questions, y: Sequence[Sequence[str]] | None = None) -> "SentenceLookup":
        self.passages = list(X.passages)
        found = [(p.title, s) for p in self.passages for s in sentences(p.text)]
        if not found:
            raise ValueError("the knowledge base has no sentences")
        self.sentences = [s for _, s in found]
        self.index = BM25([f"{title} {s}" for title, s in found])
        return self

    def predict(self, X: Questions) -> list[str]:
        if self.index is None or X.passages != self.passages:
            self.fit(X)
        assert self.index is not None
        return [without_question_words(q, self.sentences[self.index.best(q)]) for q in X.questions]


# --- the system the harness fits and scores ---------------------------------------------------------

class QASystem:
    """Retriever + reader with fit(Questions, answers) and predict(Questions).

    fit() indexes the passages (nothing is learned from the answers: the readers
    here are rules or a prompted model). The reader sees the `top_k` best
    passages; `make tune` chooses top_k on the validation split. A reader with
    `answer_many(questions, contexts)` gets every question at once (the HTTP
    reader sends them concurrently); otherwise each question is one call.
    """

    def __init__(self, reader: Reader, *, top_k: int = 1):
        if not isinstance(reader, Reader):
            raise TypeError(f"{type(reader).__name__} has no answer(question, context) method")
        if not isinstance(top_k, int) or isinstance(top_k, bool) or top_k < 1:
            raise ValueError(f"top_k={top_k!r}: must be a whole number >= 1")
        self.reader, self.top_k = reader, top_k
        self.retriever: Retriever | None = None
        self.costs: dict[str, Any] = {}  # what the reader reported for the last batch (predict of > 1)
        # A reader that reports its own costs (the HTTP reader) answers single questions from its
        # cache after the batch: timing them would time the cache. Its API latency is used instead.
        self.measure_latency = not callable(getattr(reader, "costs", None))

    def fit(self, X: Questions, y: Sequence[Sequence[str]] | None = None) -> "QASystem":
        self.retriever = Retriever(X.passages)
        return self

    def contexts(self, questions: Sequence[str]) -> list[str]:
        if self.retriever is None:
            raise RuntimeError("call fit() first")
        return [context_of(self.retriever.search(q, self.top_k)) for q in questions]

    def predict(self, X: Questions) -> list[str]:
        if self.retriever is None or X.passages != self.retriever.passages:
            self.retriever = Retriever(X.passages)
        contexts = self.contexts(X.questions)
        batch = len(X.questions) > 1
        reset, report = getattr(self.reader, "reset_usage", None), getattr(self.reader, "costs", None)
        if batch and callable(reset):
            reset()
        many = getattr(self.reader, "answer_many", None)
        if callable(many):
            answers = list(many(X.questions, contexts))
        else:
            answers = [self.reader.answer(q, c) for q, c in zip(X.questions, contexts, strict=True)]
        if batch and callable(report):
            self.costs = dict(report())
        return [" ".join(str(a or "").split()) for a in answers]

    def extra_costs(self) -> dict[str, Any]:
        """Requests, tokens, money and API latency of the last batch predict, when the reader reports
        them (the HTTP reader); the harness adds them to the record's `costs`."""
        return dict(self.costs)
