"""The ladder the harness compares: two baselines, then the candidate (retrieval + a reader).

- first-sentence: the first sentence of the top TF-IDF passage (what a search box shows).
- bm25-sentence: BM25 over every sentence of the docs; the answer is the best sentence without
  the question's words (the strong simple baseline: no reader, no rules).
- candidate: TF-IDF retrieval of the `top_k` best passages, then a reader. The default reader is
  extractive and offline (qa.OverlapReader); a language model plugs in as a reader.

To try another model, add a reader to READERS and set CANDIDATE_READER (or run with
QA_READER=name in the environment). A reader is anything with `answer(question, context) -> str`
(qa.Reader); see the README for a local transformers pipeline or an OpenAI-compatible HTTP API.
`make tune` chooses the candidate's parameters in SEARCH_SPACE on the validation split.
"""

import os
from collections.abc import Callable
from typing import Any

from . import adapters
from .impact.harness import System
from .qa import FirstSentenceReader, OverlapReader, QASystem, Reader, SentenceLookup

# name -> factory(seed) -> Reader
READERS: dict[str, Callable[[int], Reader]] = {
    "overlap": lambda seed: OverlapReader(),
    "first-sentence": lambda seed: FirstSentenceReader(),
    "openai-compatible": adapters.OpenAICompatibleReader.from_env,
}
CANDIDATE_READER = "overlap"
# The candidate's parameters: the passages its reader sees. `make tune` tries SEARCH_SPACE on the
# validation split (with a paid model: 3 x the validation questions, each asked once, then cached).
DEFAULT_PARAMS: dict[str, Any] = {"top_k": 2}
SEARCH_SPACE: dict[str, list[Any]] = {"top_k": [1, 2, 3]}


def baselines(seed: int) -> list[System]:
    """The ladder below the candidate, weakest first. Neither uses a seed."""
    return [
        System("first-sentence", QASystem(FirstSentenceReader(), top_k=1),
               {"retriever": "tfidf", "reader": "first-sentence", "top_k": 1}, seed_dependent=False),
        System("bm25-sentence", SentenceLookup(),
               {"retriever": "bm25 over sentences", "answer": "best sentence without the question's words"},
               seed_dependent=False),
    ]


def candidate(seed: int, params: dict[str, Any]) -> System:
    """TF-IDF retrieval, then the chosen reader (default: extractive word overlap, no weights)."""
    name = os.environ.get("QA_READER", CANDIDATE_READER)
    if name not in READERS:
        raise ValueError(f"QA_READER={name!r}: not a reader in models.READERS ({', '.join(READERS)})")
    reader = READERS[name](seed)
    label = str(getattr(reader, "name", name))
    logged: dict[str, Any] = {"retriever": "tfidf", "reader": label, **params}
    describe = getattr(reader, "params", None)
    if callable(describe):
        logged["reader_params"] = describe()
    return System(f"tfidf+{label}", QASystem(reader, top_k=int(params["top_k"])), logged,
                  seed_dependent=False)
