"""Readers backed by a language model behind an HTTP API. Not used unless you choose one.

OpenAICompatibleReader talks to any server that implements the OpenAI chat
completions API: OpenAI itself, vLLM, llama.cpp's server, Ollama, LM Studio,
a LiteLLM proxy... It uses only the standard library, so it adds no dependency.
Choose it without editing code:

    OPENAI_BASE_URL=http://localhost:11434/v1 OPENAI_MODEL=llama3.2 \\
        QA_READER=openai-compatible make eval

(OPENAI_API_KEY is sent as a bearer token when set.) Each question is one
request with temperature 0, so a run costs as many requests as there are test
questions (plus the dev questions if you let the system tune top_k).
"""

import json
import os
import urllib.error
import urllib.request

from .impact import ImpactError

PROMPT = ("Answer the question using only the context. Reply with the shortest exact phrase from the "
          "context that answers it (a few words, no full sentence), or 'unknown'.\n\n"
          "Context:\n{context}\n\nQuestion: {question}\nAnswer:")


def tidy(text: str) -> str:
    """A model's reply as a short answer: first line, without quotes, "Answer:" or a final period."""
    lines = str(text or "").strip().splitlines()
    line = lines[0].strip() if lines else ""
    if line.lower().startswith("answer:"):
        line = line[7:].strip()
    return line.strip("\"'` ").removesuffix(".")


class OpenAICompatibleReader:
    def __init__(self, base_url: str, model: str, *, api_key: str | None = None, seed: int | None = None,
                 timeout: float = 60.0, max_tokens: int = 32):
        self.url = base_url.rstrip("/") + "/chat/completions"
        self.model, self.api_key, self.seed = model, api_key, seed
        self.timeout, self.max_tokens = timeout, max_tokens
        self.name = f"openai-compatible:{model}"

    @classmethod
    def from_env(cls, seed: int | None = None) -> "OpenAICompatibleReader":
        model = os.environ.get("OPENAI_MODEL")
        if not model:
            raise ImpactError("set OPENAI_MODEL (and OPENAI_BASE_URL, default https://api.openai.com/v1) "
                              "to use the openai-compatible reader")
        return cls(os.environ.get("OPENAI_BASE_URL", "https://api.openai.com/v1"), model,
                   api_key=os.environ.get("OPENAI_API_KEY"), seed=seed)

    def answer(self, question: str, context: str) -> str:
        body = {"model": self.model, "temperature": 0, "max_tokens": self.max_tokens,
                "messages": [{"role": "user", "content": PROMPT.format(context=context, question=question)}]}
        if self.seed is not None:
            body["seed"] = self.seed
        headers = {"Content-Type": "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        request = urllib.request.Request(self.url, json.dumps(body).encode(), headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                reply = json.loads(response.read().decode("utf-8"))
            return tidy(reply["choices"][0]["message"]["content"])
        except (urllib.error.URLError, TimeoutError, ValueError, KeyError, IndexError, TypeError) as exc:
            raise ImpactError(f"{self.url}: no usable answer from model {self.model!r} ({exc})") from None
