"""A reader backed by a language model behind an OpenAI-compatible chat API. Not used unless chosen.

OpenAICompatibleReader talks to any server that implements the OpenAI chat
completions API: OpenAI itself, vLLM, llama.cpp's server, Ollama, LM Studio,
a LiteLLM proxy... It uses only the standard library, so it adds no dependency.
Choose it without editing code:

    OPENAI_BASE_URL=http://localhost:11434/v1 OPENAI_MODEL=llama3.2 \\
        python -m PACKAGE.ask --max-cost 0.50

(`ask` sets QA_READER=openai-compatible and runs evaluate; OPENAI_API_KEY is
sent as a bearer token when set.) What it does for you:

- a response cache on disk (CACHE_DIR, committed with the project), keyed by
  the model, the prompt and every request parameter: re-running an evaluation
  sends 0 requests, and anyone can re-run yours without a key;
- retries on HTTP 429 and 5xx, on refused connections and on timeouts, with
  exponential backoff (1, 2, 4, ... s) or the server's Retry-After;
- a thread pool of QA_CONCURRENCY requests at a time (default 4);
- a cost guard: with prices per 1000 tokens set, no request starts that could
  take the run's spend above `max_cost` (estimate: one token per 3 bytes of
  prompt plus max_tokens for the reply); the run stops with one error line and
  nothing is logged (the replies it paid for are cached);
- usage: requests, cache hits, retries, tokens, cost and per-request latency,
  which the harness logs with the run (`costs()`).

Every failure is one line naming the server, the model and the fix.
"""

import hashlib
import http.client
import json
import math
import os
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import numpy as np

from . import settings
from .impact import ImpactError

PROMPT = ("Answer the question using only the context. Reply with the shortest exact phrase from the "
          "context that answers it (a few words, no full sentence), or 'unknown'.\n\n"
          "Context:\n{context}\n\nQuestion: {question}\nAnswer:")
# Where replies are kept, under the project root. Committed: the cache is the record of what the
# model said, and it lets anyone re-run an evaluation with 0 requests. QA_CACHE_DIR moves it.
CACHE_DIR = Path("impact/cache/llm")
BYTES_PER_TOKEN = 3  # a cautious estimate (English averages about 4) for the cost guard
RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
MAX_WAIT = 120.0  # never sleep longer than this between attempts, whatever Retry-After says


def tidy(text: str) -> str:
    """A model's reply as a short answer: first line, without quotes, "Answer:" or a final period."""
    lines = str(text or "").strip().splitlines()
    line = lines[0].strip() if lines else ""
    if line.lower().startswith("answer:"):
        line = line[7:].strip()
    return line.strip("\"'` ").removesuffix(".")


def _env_float(name: str, default: float | None) -> float | None:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        number = float(value)
    except ValueError:
        raise ImpactError(f"{name}={value!r} is not a number: set it to e.g. 0.5") from None
    if not math.isfinite(number) or number < 0:
        raise ImpactError(f"{name}={value!r} must be a finite number >= 0")
    return number


def _env_int(name: str, default: int, minimum: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    if not value.isdigit() or int(value) < minimum:
        raise ImpactError(f"{name}={value!r} must be a whole number >= {minimum}")
    return int(value)


@dataclass
class Usage:
    """What one evaluation's requests cost (cached replies cost nothing and send nothing)."""

    requests: int = 0  # HTTP requests that got a usable reply
    attempts: int = 0  # every HTTP request sent, retries included
    cache_hits: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    estimated_usage: int = 0  # replies without a `usage` object: tokens estimated from bytes
    cost_usd: float = 0.0  # spent by this run
    cost_usd_uncached: float = 0.0  # what every answer cost when it was first asked (cache included)
    latencies_ms: list[float] = field(default_factory=list)  # per request that was sent

    def as_dict(self) -> dict[str, Any]:
        lat = np.asarray(self.latencies_ms, dtype=float)
        latency = None
        if lat.size:
            p50, p95 = np.percentile(lat, [50, 95])
            latency = {"p50": round(float(p50), 1), "p95": round(float(p95), 1)}
        return {"requests": self.requests, "attempts": self.attempts,
                "retries": self.attempts - self.requests,
                "cache_hits": self.cache_hits, "prompt_tokens": self.prompt_tokens,
                "completion_tokens": self.completion_tokens, "estimated_usage": self.estimated_usage,
                "cost_usd": round(self.cost_usd, 6), "cost_usd_uncached": round(self.cost_usd_uncached, 6),
                "api_latency_ms": latency}


class OpenAICompatibleReader:
    """Answers with a chat model over HTTP: cached, retried, concurrent, with a cost guard."""

    def __init__(self, base_url: str, model: str, *, api_key: str | None = None,
                 cache_dir: Path | None = CACHE_DIR, timeout: float = 60.0, max_retries: int = 5,
                 backoff: float = 1.0, concurrency: int = 4, max_tokens: int = 32,
                 price_in_per_1k: float = 0.0, price_out_per_1k: float = 0.0, max_cost: float | None = None,
                 sleep: Callable[[float], None] = time.sleep):
        if not base_url.startswith(("http://", "https://")):
            raise ImpactError(f"OPENAI_BASE_URL={base_url!r} must start with http:// or https://")
        self.url = base_url.rstrip("/") + "/chat/completions"
        self.model, self.api_key, self.cache_dir = model, api_key, cache_dir
        self.timeout, self.max_retries, self.backoff = timeout, max_retries, backoff
        self.concurrency, self.max_tokens = max(1, concurrency), max_tokens
        self.price_in, self.price_out, self.max_cost = price_in_per_1k, price_out_per_1k, max_cost
        self.sleep = sleep
        self.name = f"openai-compatible:{model}"
        self.usage = Usage()
        self._lock = threading.Lock()
        self._reserved = 0.0  # worst-case cost of the requests in flight
        self._stop = threading.Event()
        self._failure: ImpactError | None = None  # the first error of a batch: the one reported

    @classmethod
    def from_env(cls, seed: int | None = None) -> "OpenAICompatibleReader":
        """Configured by OPENAI_BASE_URL, OPENAI_MODEL, OPENAI_API_KEY and the QA_* settings (README)."""
        model = os.environ.get("OPENAI_MODEL", "").strip()
        if not model:
            raise ImpactError("set OPENAI_MODEL (and OPENAI_BASE_URL, default https://api.openai.com/v1) "
                              "to use the openai-compatible reader")
        cache = os.environ.get("QA_CACHE_DIR", "").strip()
        return cls(os.environ.get("OPENAI_BASE_URL", "https://api.openai.com/v1").strip(), model,
                   api_key=os.environ.get("OPENAI_API_KEY") or None,
                   cache_dir=settings.project_root() / (Path(cache) if cache else CACHE_DIR),
                   timeout=_env_float("QA_TIMEOUT", 60.0) or 60.0,
                   max_retries=_env_int("QA_MAX_RETRIES", 5, 0),
                   concurrency=_env_int("QA_CONCURRENCY", 4, 1),
                   max_tokens=_env_int("QA_MAX_TOKENS", 32, 1),
                   price_in_per_1k=_env_float("QA_PRICE_IN_PER_1K", 0.0) or 0.0,
                   price_out_per_1k=_env_float("QA_PRICE_OUT_PER_1K", 0.0) or 0.0,
                   max_cost=_env_float("QA_MAX_COST", None))

    # --- what the harness and the QA system call ---------------------------------------------------

    def params(self) -> dict[str, Any]:
        """What decides the replies (logged with the candidate, part of the cache key)."""
        return {"model": self.model, "temperature": 0, "max_tokens": self.max_tokens,
                "prompt_sha256": hashlib.sha256(PROMPT.encode()).hexdigest()[:12]}

    def reset_usage(self) -> None:
        """Count from zero again (QASystem calls it before each batch: the costs of one split)."""
        with self._lock:
            self.usage = Usage()

    def costs(self) -> dict[str, Any]:
        out = self.usage.as_dict()
        out["price_per_1k_tokens"] = {"prompt": self.price_in, "completion": self.price_out}
        return out

    def answer(self, question: str, context: str) -> str:
        return self.answer_many([question], [context])[0]

    def answer_many(self, questions: Sequence[str], contexts: Sequence[str]) -> list[str]:
        """Answers in order; up to `concurrency` requests at a time. The first error stops the rest."""
        prompts = [PROMPT.format(context=c, question=q) for q, c in zip(questions, contexts, strict=True)]
        self._stop.clear()
        self._failure = None
        try:
            if self.concurrency == 1 or len(prompts) == 1:
                return [tidy(self._complete(p)) for p in prompts]
            with ThreadPoolExecutor(max_workers=self.concurrency) as pool:
                futures = [pool.submit(self._complete, p) for p in prompts]
                try:
                    return [tidy(f.result()) for f in futures]
                except BaseException:
                    self._stop.set()
                    for f in futures:
                        f.cancel()
                    raise
        except ImpactError as exc:
            raise (self._failure or exc) from None

    # --- one prompt -------------------------------------------------------------------------------

    def _body(self, prompt: str) -> dict[str, Any]:
        return {"model": self.model, "temperature": 0, "max_tokens": self.max_tokens,
                "messages": [{"role": "user", "content": prompt}]}

    def _cache_path(self, body: dict[str, Any]) -> Path | None:
        if self.cache_dir is None:
            return None
        key = hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
        return self.cache_dir / f"{key}.json"

    def _cost(self, prompt_tokens: float, completion_tokens: float) -> float:
        return prompt_tokens / 1000 * self.price_in + completion_tokens / 1000 * self.price_out

    def _complete(self, prompt: str) -> str:
        try:
            return self._complete_one(prompt)
        except _Stopped:
            raise
        except ImpactError as exc:
            with self._lock:
                self._failure = self._failure or exc  # recorded before any other worker stops
            self._stop.set()
            raise

    def _complete_one(self, prompt: str) -> str:
        if self._stop.is_set():
            raise _Stopped("stopped after an earlier error")
        body = self._body(prompt)
        path = self._cache_path(body)
        if path is not None and path.is_file():
            try:
                entry = json.loads(path.read_text(encoding="utf-8"))
                content = str(entry["content"])
            except (OSError, ValueError, KeyError, TypeError):
                pass  # a damaged entry is asked again and rewritten
            else:
                with self._lock:
                    self.usage.cache_hits += 1
                    self.usage.cost_usd_uncached += float(entry.get("cost_usd", 0.0) or 0.0)
                return content
        estimate = self._cost(math.ceil(len(prompt.encode()) / BYTES_PER_TOKEN), self.max_tokens)
        with self._lock:
            if self.max_cost is not None and self.usage.cost_usd + self._reserved + estimate > self.max_cost:
                raise ImpactError(
                    f"--max-cost ${self.max_cost:g} reached: spent ${self.usage.cost_usd:.4f} on "
                    f"{self.usage.requests} requests, and the next could cost up to ${estimate:.4f}; raise "
                    "--max-cost or ask fewer questions (the replies paid for are cached: they cost nothing "
                    "again)")
            self._reserved += estimate
        try:
            reply, latency = self._post(body)
        finally:
            with self._lock:
                self._reserved -= estimate
        content, usage = self._parse(reply)
        estimated = usage is None
        prompt_tokens, completion_tokens = usage or (math.ceil(len(prompt.encode()) / BYTES_PER_TOKEN),
                                                     math.ceil(len(content.encode()) / BYTES_PER_TOKEN))
        cost = self._cost(prompt_tokens, completion_tokens)
        with self._lock:
            u = self.usage
            u.requests += 1
            u.prompt_tokens += prompt_tokens
            u.completion_tokens += completion_tokens
            u.estimated_usage += int(estimated)
            u.cost_usd += cost
            u.cost_usd_uncached += cost
            u.latencies_ms.append(latency * 1000)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            entry = {"model": self.model, "content": content, "prompt_tokens": prompt_tokens,
                     "completion_tokens": completion_tokens, "usage_estimated": estimated,
                     "cost_usd": round(cost, 8), "latency_ms": round(latency * 1000, 1)}
            temporary = path.with_suffix(f".{threading.get_ident()}.tmp")
            text = json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n"
            temporary.write_text(text, encoding="utf-8")
            os.replace(temporary, path)  # readers never see half an entry
        return content

    def _where(self) -> str:
        return f"{self.url} (model {self.model!r})"

    def _post(self, body: dict[str, Any]) -> tuple[bytes, float]:
        """The reply's bytes and the seconds the successful attempt took; retries what may pass."""
        headers = {"Content-Type": "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        data = json.dumps(body).encode("utf-8")
        attempt = 0
        while True:
            with self._lock:
                self.usage.attempts += 1
            request = urllib.request.Request(self.url, data, headers, method="POST")
            started = time.perf_counter()
            wait: float | None = None
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    return response.read(), time.perf_counter() - started
            except urllib.error.HTTPError as exc:
                detail = _error_detail(exc)
                if exc.code not in RETRY_STATUS:
                    hint = {401: "check OPENAI_API_KEY", 403: "check OPENAI_API_KEY",
                            404: "check OPENAI_BASE_URL (it ends in /v1) and OPENAI_MODEL"}.get(
                                exc.code, "check the request settings")
                    raise ImpactError(f"{self._where()}: HTTP {exc.code}{detail}: {hint}") from None
                problem = f"HTTP {exc.code}{detail}"
                wait = _retry_after(exc.headers.get("Retry-After") if exc.headers else None)
            except (TimeoutError, OSError, http.client.HTTPException) as exc:  # URLError: refused, DNS
                reason = getattr(exc, "reason", exc)
                problem = (f"no reply within {self.timeout:g} s" if isinstance(reason, TimeoutError)
                           else f"cannot connect ({reason})")
            if attempt >= self.max_retries or self._stop.is_set():
                tries = f"{attempt + 1} attempt{'s' if attempt else ''}"
                raise ImpactError(f"{self._where()}: {problem} after {tries}: check that the server "
                                  "is up, or raise QA_MAX_RETRIES / QA_TIMEOUT")
            delay = self.backoff * 2 ** attempt
            self.sleep(min(MAX_WAIT, max(delay, wait or 0.0)))
            attempt += 1

    def _parse(self, reply: bytes) -> tuple[str, tuple[int, int] | None]:
        """The reply's text and (prompt, completion) tokens when the server reports them."""
        try:
            message = json.loads(reply.decode("utf-8"))["choices"][0]["message"]
            content = message["content"]
            if not isinstance(content, str):
                raise TypeError("content is not a string")
        except (UnicodeDecodeError, ValueError, KeyError, IndexError, TypeError) as exc:
            start = reply[:80].decode("utf-8", "replace").replace("\n", " ")
            raise ImpactError(f"{self._where()}: malformed reply, not an OpenAI chat completion ({exc!r}; "
                              f"it starts {start!r}): check that OPENAI_BASE_URL points at an "
                              "OpenAI-compatible /v1 endpoint") from None
        usage = json.loads(reply.decode("utf-8")).get("usage")
        if isinstance(usage, dict) and all(isinstance(usage.get(k), int)
                                           for k in ("prompt_tokens", "completion_tokens")):
            return content, (usage["prompt_tokens"], usage["completion_tokens"])
        return content, None


class _Stopped(ImpactError):
    """A request not sent because another one of the batch failed first (that one is reported)."""


def _error_detail(exc: urllib.error.HTTPError) -> str:
    """The server's error message, if the body has one (short, one line)."""
    try:
        body = json.loads(exc.read().decode("utf-8"))
        error = body.get("error", body) if isinstance(body, dict) else body
        message = error.get("message", error) if isinstance(error, dict) else error
        text = " ".join(str(message).split())[:120]
    except (OSError, ValueError, AttributeError):
        return ""
    return f" ({text})" if text else ""


def _retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header: a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())
