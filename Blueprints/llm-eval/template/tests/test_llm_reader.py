"""The OpenAI-compatible reader against a stub server on 127.0.0.1 that the test starts (no network):
the request it sends, the cache (a re-run sends 0 requests), retries after 429 and 500, a timeout, a
malformed reply, the concurrency limit and the cost guard; then the evaluate command with it: one
error line and nothing logged when the model fails."""

import json
import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

import kb
from {{package_name}} import adapters, pipeline, qa, settings
from {{package_name}}.impact import ImpactError

CONTEXT = "# Orders > Delivery\nStandard shipping takes 3 to 5 business days and costs $6.95."


def chat(content: str, usage: bool = True) -> bytes:
    reply: dict[str, Any] = {"choices": [{"message": {"role": "assistant", "content": content}}]}
    if usage:
        reply["usage"] = {"prompt_tokens": 100, "completion_tokens": 5, "total_tokens": 105}
    return json.dumps(reply).encode()


class StubServer:
    """An OpenAI-compatible /v1/chat/completions on 127.0.0.1: replies from a script of
    (status, body, headers, delay) and records every request; when the script runs out, it
    answers each question with its own first word."""

    def __init__(self, script: list[tuple[int, bytes, dict[str, str], float]] | None = None):
        self.script = list(script or [])
        self.requests: list[tuple[dict[str, str], dict[str, Any]]] = []
        self.in_flight = self.most_in_flight = 0
        self.lock = threading.Lock()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                with outer.lock:
                    outer.requests.append((dict(self.headers), body))
                    step = outer.script.pop(0) if outer.script else None
                    outer.in_flight += 1
                    outer.most_in_flight = max(outer.most_in_flight, outer.in_flight)
                try:
                    if step is None:
                        question = body["messages"][-1]["content"].rsplit("Question: ", 1)[1]
                        step = (200, chat(question.split()[0]), {}, 0.05)
                    status, reply, headers, delay = step
                    time.sleep(delay)
                    self.send_response(status)
                    for name, value in {"Content-Type": "application/json", **headers}.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(reply)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout)
                finally:
                    with outer.lock:
                        outer.in_flight -= 1

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_port}/v1"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def stub() -> Iterator[StubServer]:
    server = StubServer()
    yield server
    server.close()


def reader(server: StubServer, cache: Path | None, **options: Any) -> adapters.OpenAICompatibleReader:
    sleeps: list[float] = []
    made = adapters.OpenAICompatibleReader(server.url, "stub-model", cache_dir=cache, sleep=sleeps.append,
                                           **options)
    made.slept = sleeps  # type: ignore[attr-defined]
    return made


def test_it_sends_a_chat_request_tidies_the_reply_and_counts_tokens_and_cost(stub: StubServer,
                                                                             tmp_path: Path) -> None:
    stub.script = [(200, chat('Answer: "3 to 5 business days."\n'), {}, 0.0)]
    r = reader(stub, tmp_path, api_key="k-123", price_in_per_1k=0.5, price_out_per_1k=1.5)
    assert isinstance(r, qa.Reader)
    assert r.answer("How long does shipping take?", CONTEXT) == "3 to 5 business days"
    headers, body = stub.requests[0]
    assert headers["Authorization"] == "Bearer k-123"
    assert body["model"] == "stub-model" and body["temperature"] == 0 and body["max_tokens"] == 32
    prompt = body["messages"][-1]["content"]
    assert "How long does shipping take?" in prompt and "$6.95" in prompt
    costs = r.costs()
    assert (costs["requests"], costs["cache_hits"], costs["prompt_tokens"], costs["completion_tokens"]) == \
        (1, 0, 100, 5)
    assert costs["cost_usd"] == pytest.approx(100 / 1000 * 0.5 + 5 / 1000 * 1.5)
    assert costs["api_latency_ms"]["p50"] > 0


def test_a_rerun_is_answered_from_the_cache_with_zero_requests(stub: StubServer, tmp_path: Path) -> None:
    questions = [f"Q{i} about shipping?" for i in range(6)]
    first = reader(stub, tmp_path / "cache", concurrency=3)
    answers = first.answer_many(questions, [CONTEXT] * 6)
    assert answers == [f"Q{i}" for i in range(6)] and len(stub.requests) == 6
    assert len(list((tmp_path / "cache").glob("*.json"))) == 6
    again = reader(stub, tmp_path / "cache", concurrency=3)
    assert again.answer_many(questions, [CONTEXT] * 6) == answers
    assert len(stub.requests) == 6  # not one more
    assert again.costs()["requests"] == 0 and again.costs()["cache_hits"] == 6
    other = reader(stub, tmp_path / "cache", max_tokens=64)  # another parameter: another key
    other.answer(questions[0], CONTEXT)
    assert len(stub.requests) == 7


def test_it_retries_after_429_and_500_waiting_as_the_server_asks(stub: StubServer, tmp_path: Path) -> None:
    stub.script = [(429, b'{"error": {"message": "slow down"}}', {"Retry-After": "3"}, 0.0),
                   (500, b"oops", {}, 0.0),
                   (200, chat("Parcelway"), {}, 0.0)]
    r = reader(stub, None, backoff=1.0)
    assert r.answer("Who delivers?", CONTEXT) == "Parcelway"
    assert r.slept == [3.0, 2.0]  # type: ignore[attr-defined]  # Retry-After, then backoff 1 * 2**1
    assert r.costs()["attempts"] == 3 and r.costs()["retries"] == 2 and r.costs()["requests"] == 1


def test_it_gives_up_with_one_line_after_the_retries(stub: StubServer) -> None:
    stub.script = [(503, b'{"error": {"message": "overloaded"}}', {}, 0.0)] * 3
    with pytest.raises(ImpactError, match=r"^http://127\.0\.0\.1:\d+/v1/chat/completions \(model "
                       r"'stub-model'\): HTTP 503 \(overloaded\) after 3 attempts: check that the server"):
        reader(stub, None, max_retries=2).answer("Q?", CONTEXT)
    stub.script = [(401, b'{"error": {"message": "bad key"}}', {}, 0.0)]
    with pytest.raises(ImpactError, match=r"HTTP 401 \(bad key\): check OPENAI_API_KEY$"):
        reader(stub, None).answer("Q?", CONTEXT)  # not retried
    assert len(stub.requests) == 4


def test_a_timeout_is_retried_then_reported(stub: StubServer) -> None:
    stub.script = [(200, chat("late"), {}, 1.0)] * 2
    r = reader(stub, None, timeout=0.2, max_retries=1)
    with pytest.raises(ImpactError, match=r"no reply within 0\.2 s after 2 attempts"):
        r.answer("Q?", CONTEXT)
    assert len(r.slept) == 1  # type: ignore[attr-defined]


@pytest.mark.parametrize("body", [b"<html>Bad gateway</html>", b'{"choices": []}',
                                  b'{"choices": [{"message": {"content": null}}]}'])
def test_a_malformed_reply_is_one_clear_error_and_not_cached(stub: StubServer, tmp_path: Path,
                                                              body: bytes) -> None:
    stub.script = [(200, body, {}, 0.0)]
    with pytest.raises(ImpactError, match=r"\): malformed reply, not an OpenAI chat completion .*check that "
                                          r"OPENAI_BASE_URL points at an OpenAI-compatible /v1 endpoint$"):
        reader(stub, tmp_path).answer("Q?", CONTEXT)
    assert not list(tmp_path.glob("*.json"))


def test_no_more_requests_than_the_concurrency_limit_at_a_time(stub: StubServer) -> None:
    r = reader(stub, None, concurrency=3)
    answers = r.answer_many([f"W{i} x?" for i in range(12)], [CONTEXT] * 12)
    assert answers == [f"W{i}" for i in range(12)]  # in order
    assert 2 <= stub.most_in_flight <= 3


@pytest.mark.parametrize("concurrency", [1, 3])
def test_the_cost_guard_stops_before_the_request_that_could_exceed_it(stub: StubServer, tmp_path: Path,
                                                                      concurrency: int) -> None:
    # each reply costs 100 prompt + 5 completion tokens at $1 / 1k = $0.105; the estimate of a
    # request before it is sent is higher (prompt bytes / 3 + 32 tokens)
    r = reader(stub, tmp_path, concurrency=concurrency, price_in_per_1k=1.0, price_out_per_1k=1.0,
               max_cost=0.5)
    with pytest.raises(ImpactError, match=r"^--max-cost \$0\.5 reached: spent \$0\.\d{4} on \d requests, "
                                          r"and the next could cost up to \$0\.\d{4}; raise --max-cost"):
        r.answer_many([f"Q{i}?" for i in range(10)], [CONTEXT] * 10)
    sent = len(stub.requests)
    assert 1 <= sent < 10 and r.costs()["cost_usd"] <= 0.5
    assert len(list(tmp_path.glob("*.json"))) == sent  # what was paid for is kept
    free = reader(stub, tmp_path, concurrency=1, max_cost=0.0)  # no prices: nothing costs anything
    free.answer_many([f"Q{i}?" for i in range(10)], [CONTEXT] * 10)


def test_it_is_configured_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.startswith(("OPENAI_", "QA_")):
            monkeypatch.delenv(name)
    with pytest.raises(ImpactError, match="set OPENAI_MODEL"):
        adapters.OpenAICompatibleReader.from_env()
    monkeypatch.setenv("OPENAI_MODEL", "m")
    monkeypatch.setenv("OPENAI_BASE_URL", "http://localhost:9/v1/")
    monkeypatch.setenv("QA_MAX_COST", "2.5")
    monkeypatch.setenv("QA_CONCURRENCY", "8")
    r = adapters.OpenAICompatibleReader.from_env(seed=1)
    assert r.url == "http://localhost:9/v1/chat/completions" and r.name == "openai-compatible:m"
    assert (r.max_cost, r.concurrency) == (2.5, 8)
    assert r.cache_dir == settings.project_root() / adapters.CACHE_DIR
    monkeypatch.setenv("QA_MAX_COST", "lots")
    with pytest.raises(ImpactError, match=r"QA_MAX_COST='lots' is not a number"):
        adapters.OpenAICompatibleReader.from_env()


def ask(root: Path, server: StubServer, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """`python -m PACKAGE.ask --root ROOT ARGS` as a user runs it, against the stub server."""
    environ = {**os.environ, "OPENAI_BASE_URL": server.url, "OPENAI_MODEL": "stub-model",
               "QA_CACHE_DIR": str(root / "llm-cache"), **env}
    return subprocess.run([sys.executable, "-m", f"{qa.__package__}.ask", "--root", str(root), *args],
                          capture_output=True, text=True, timeout=120, env=environ)


def test_ask_evaluates_with_the_model_and_a_rerun_sends_no_request(stub: StubServer, tmp_path: Path,
                                                                    quiet: Any, write_raw: Any) -> None:
    root = kb.prepared_kb(tmp_path, write_raw, pipeline.run, out=quiet)
    tests = len(pipeline.read_items(root / settings.PROCESSED_DIR / "test.jsonl"))
    done = ask(root, stub, "--tune", "--max-cost", "1", "--price-in", "0.5", "--price-out", "1.5")
    assert done.returncode == 0, done.stderr
    validation = len(pipeline.read_items(root / settings.PROCESSED_DIR / "validation.jsonl"))
    tuned = json.loads((root / settings.PARAMS).read_text(encoding="utf-8"))
    assert tuned["system"] == "tfidf+openai-compatible:stub-model"
    assert len(stub.requests) == tuned["tried"] * validation + tests  # each prompt sent once
    sent = len(stub.requests)
    records = [json.loads(line) for line in (root / settings.LOG).read_text(encoding="utf-8").splitlines()]
    candidate = records[-1]
    assert candidate["role"] == "candidate" and candidate["system"] == "tfidf+openai-compatible:stub-model"
    assert candidate["params"]["reader_params"]["model"] == "stub-model"
    assert candidate["params_source"]["split"] == "validation"
    costs = candidate["costs"]
    assert (costs["requests"], costs["cache_hits"], costs["prompt_tokens"]) == (tests, 0, 100 * tests)
    assert costs["cost_usd"] == pytest.approx(tests * (0.1 * 0.5 + 0.005 * 1.5))
    assert costs["latency_ms"] == costs["api_latency_ms"] and costs["latency_ms"]["p50"] > 0
    again = ask(root, stub)
    assert again.returncode == 0, again.stderr
    assert len(stub.requests) == sent  # every answer came from the cache
    rerun = json.loads((root / settings.LOG).read_text(encoding="utf-8").splitlines()[-1])["costs"]
    assert (rerun["requests"], rerun["cache_hits"], rerun["cost_usd"]) == (0, tests, 0)
    assert rerun["cost_usd_uncached"] == pytest.approx(costs["cost_usd"])


@pytest.mark.parametrize("failure, args, env, message", [
    ("malformed", (), {}, r"malformed reply, not an OpenAI chat completion"),
    ("timeout", (), {"QA_TIMEOUT": "0.3", "QA_MAX_RETRIES": "0"}, r"no reply within 0\.3 s after 1 attempt:"),
    ("cost", ("--max-cost", "0.0001", "--price-in", "1"), {},
     r"--max-cost \$0\.0001 reached: spent \$0\.0000 on 0"),
])
def test_a_failing_model_stops_evaluate_with_one_error_line_and_logs_nothing(
        stub: StubServer, tmp_path: Path, quiet: Any, write_raw: Any, failure: str, args: tuple[str, ...],
        env: dict[str, str], message: str) -> None:
    root = kb.prepared_kb(tmp_path, write_raw, pipeline.run, out=quiet)
    if failure == "malformed":
        stub.script = [(200, b"<html>Bad gateway</html>", {}, 0.0)] * 20
    elif failure == "timeout":
        stub.script = [(200, chat("late"), {}, 2.0)] * 20
    done = ask(root, stub, *args, **env)
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), done.stderr
    assert re.search(message, lines[0]), lines[0]
    assert not (root / settings.LOG).exists()
