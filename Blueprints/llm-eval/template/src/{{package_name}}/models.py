"""The two systems the harness compares: retrieval + a reader that answers from the retrieved text.

To try another model, add a reader to READERS and set CANDIDATE_READER (or run
with QA_READER=name in the environment). A reader is anything with
`answer(question, context) -> str` (qa.Reader); see the README for wrapping a
local transformers pipeline or an OpenAI-compatible HTTP API.
"""

import os
from collections.abc import Callable

from . import adapters
from .impact.harness import System
from .qa import FirstSentenceReader, OverlapReader, QASystem, Reader
from .scoring import token_f1

# name -> factory(seed) -> Reader
READERS: dict[str, Callable[[int], Reader]] = {
    "overlap": lambda seed: OverlapReader(),
    "first-sentence": lambda seed: FirstSentenceReader(),
    "openai-compatible": adapters.OpenAICompatibleReader.from_env,
}
CANDIDATE_READER = "overlap"
# Passages the reader sees. A tuple: the candidate picks the best on the dev split.
CANDIDATE_TOP_K: int | tuple[int, ...] = (1, 2, 3)


def baseline(seed: int) -> System:
    """The top TF-IDF passage's first sentence: what a plain search box would show."""
    params = {"retriever": "tfidf", "reader": "first-sentence"}
    return System("first-sentence", QASystem(FirstSentenceReader(), top_k=1, params=params), params)


def candidate(seed: int) -> System:
    """TF-IDF retrieval, then the chosen reader (default: extractive word overlap, no weights)."""
    name = os.environ.get("QA_READER", CANDIDATE_READER)
    if name not in READERS:
        raise ValueError(f"QA_READER={name!r}: not a reader in models.READERS ({', '.join(READERS)})")
    reader = READERS[name](seed)
    params = {"retriever": "tfidf", "reader": getattr(reader, "name", name)}
    model = QASystem(reader, top_k=CANDIDATE_TOP_K, score=token_f1, params=params)
    return System(f"tfidf+{params['reader']}", model, params)
