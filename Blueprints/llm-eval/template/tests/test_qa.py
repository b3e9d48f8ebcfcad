"""Scoring (SQuAD-style), retrieval, the readers, the model adapter and the systems."""

import json
import math
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import numpy as np
import pytest

from {{package_name}} import adapters, models, qa, scoring, settings
from {{package_name}}.impact import ImpactError
from {{package_name}}.task import TASK

CONTEXT = qa.context_of([
    qa.Passage("s.md#1", "s.md", "Orders > Delivery",
               "Standard shipping takes 3 to 5 business days and costs $6.95.\n"
               "Our carrier is Parcelway."),
    qa.Passage("d.md#1", "d.md", "Device > Lights",
               "The light turns orange when the battery is low, and red when it is empty.\n"
               "The device does not work outdoors. The part number of the charger is CH-220."),
])


def test_normalisation_and_scores_follow_squad():
    assert scoring.normalize_answer("The  Top-Grille!") == "topgrille"
    assert scoring.normalize_answer("An apple, a pear") == "apple pear"
    assert scoring.exact_match("the 2.4 GHz band.", ["24 ghz band"]) == 1.0
    assert scoring.token_f1("6 months", ["every 6 months"]) == pytest.approx(0.8)
    assert scoring.token_f1("6 months", ["no", "6 months"]) == 1.0  # best of the answers
    assert scoring.token_f1("", ["x"]) == 0.0 and scoring.token_f1("the", ["a"]) == 1.0
    assert scoring.contains_answer("It takes 3 to 5 business days.", ["3 to 5 business days"]) == 1.0
    assert scoring.contains_answer("13 days", ["3 days"]) == 0.0  # whole words only


def test_bootstrap_metrics_are_means_over_questions():
    golds = scoring.answer_sets([["a b"], ["c", "d e f"], ["x"]])
    preds = np.array(["a b", "d e", "y"])
    metrics = scoring.qa_metrics()
    ones = np.ones((1, 3))
    assert metrics["exact_match"](golds, preds, ones)[0] == pytest.approx(1 / 3)
    assert metrics["token_f1"](golds, preds, ones)[0] == pytest.approx((1 + 0.8 + 0) / 3)
    twice_first = np.array([[2.0, 1.0, 0.0]])
    assert metrics["exact_match"](golds, preds, twice_first)[0] == pytest.approx(2 / 3)
    assert set(metrics) == {TASK.primary_metric, "exact_match", "contains_answer"}


def test_retrieval_ranks_like_tfidf_cosine(prepared):
    split = TASK.load_split(prepared / settings.PROCESSED_DIR)
    retriever = qa.Retriever(split.X_test.passages)
    assert retriever.search("How much does the Pet filter cost?", 1)[0].doc == "filters.md"
    assert retriever.search("Which countries does the store ship to?", 1)[0].doc == "shipping.md"
    sklearn_text = pytest.importorskip("sklearn.feature_extraction.text")
    vectorizer = sklearn_text.TfidfVectorizer(analyzer=qa.Retriever.analyze, sublinear_tf=True)
    matrix = vectorizer.fit_transform([f"{p.title}\n{p.text}" for p in retriever.passages])
    for question in split.X_test.questions[:20]:
        expected = (matrix @ vectorizer.transform([question]).T).toarray().ravel()
        ours = np.array(retriever.scores(question))
        assert np.allclose(ours / (np.linalg.norm(ours) or 1), expected / (np.linalg.norm(expected) or 1))


@pytest.mark.parametrize("question, answer", [
    ("How long does standard shipping take?", "3 to 5 business days"),
    ("How much does standard shipping cost?", "$6.95"),
    ("Who is the carrier?", "Parcelway"),
    ("What colour is the light when the battery is low?", "orange"),
    ("Does the device work outdoors?", "no"),
    ("Is the light orange or green when the battery is low?", "orange"),
    ("What is the part number of the charger?", "CH-220"),
])
def test_the_overlap_reader_extracts_the_span_the_question_asks_for(question, answer):
    assert qa.OverlapReader().answer(question, CONTEXT) == answer


def test_the_baseline_reader_returns_the_first_sentence():
    assert qa.FirstSentenceReader().answer("Anything?", CONTEXT) == \
        "Standard shipping takes 3 to 5 business days and costs $6.95."
    assert qa.FirstSentenceReader().answer("Anything?", "") == ""


def test_any_object_with_answer_plugs_in_and_top_k_is_tuned_on_dev(prepared):
    split = TASK.load_split(prepared / settings.PROCESSED_DIR)

    class Shouty:
        def answer(self, question: str, context: str) -> str:
            return "  " + context.splitlines()[1].upper() + "\n"

    system = qa.QASystem(Shouty(), top_k=(1, 2), score=scoring.token_f1, params={})
    system.fit(split.X_train, split.y_train)
    assert system.params["top_k"] in (1, 2) and set(system.params["top_k_tuned_on_dev"]) == {"1", "2"}
    answers = system.predict(split.X_test)
    assert len(answers) == len(split.X_test) and all(a == a.strip() and "\n" not in a for a in answers)
    with pytest.raises(TypeError, match="no answer"):
        qa.QASystem(object())


def test_the_systems_and_the_reader_choice(monkeypatch):
    base, cand = models.baseline(settings.SEED), models.candidate(settings.SEED)
    assert base.name == "first-sentence" and cand.name == "tfidf+overlap"
    json.dumps([base.params, cand.params])
    monkeypatch.setenv("QA_READER", "first-sentence")
    assert models.candidate(0).name == "tfidf+first-sentence"
    monkeypatch.setenv("QA_READER", "gpt-17")
    with pytest.raises(ValueError, match="gpt-17"):
        models.candidate(0)


def test_each_evaluation_draws_token_f1_per_document(evaluated):
    svg = (evaluated.root / settings.REPORT).parent / "f1_by_document.svg"
    text = svg.read_text(encoding="utf-8")
    for doc in ("app.md", "filters.md", "warranty.md"):
        assert f">{doc} (" in text
    assert text.count("<rect") == 1 + 2 * 10  # the background, then two bars per document
    no_docs = TASK.load_split(evaluated.root / settings.PROCESSED_DIR)
    no_docs.X_test.docs = []
    assert TASK.figures(no_docs, {}, {}, svg.parent) == []


def test_the_candidate_answers_plain_questions_exactly(prepared):
    split = TASK.load_split(prepared / settings.PROCESSED_DIR)
    system = models.candidate(settings.SEED)
    system.model.fit(split.X_train, split.y_train)
    asked = {"How much does the Pet filter cost?": "$59",
             "What is the support email address?": "care@brightwell-labs.example",
             "What is the part number of the Complete filter?": "BW-F200",
             "How long does express shipping take?": "1 to 2 business days",
             "Does the purifier produce ozone?": "no"}
    assert system.model.predict(qa.Questions(list(asked), split.X_test.passages)) == list(asked.values())


class FakeChatServer:
    """A local OpenAI-compatible endpoint that records requests (no network beyond localhost)."""

    def __init__(self, reply: bytes, status: int = 200):
        self.requests: list[tuple[dict, dict]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                outer.requests.append((dict(self.headers), body))
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(reply)

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/v1"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def test_the_openai_compatible_adapter_sends_a_chat_request_and_tidies_the_reply():
    reply = {"choices": [{"message": {"role": "assistant", "content": 'Answer: "3 to 5 business days."\n'}}]}
    server = FakeChatServer(json.dumps(reply).encode())
    try:
        reader = adapters.OpenAICompatibleReader(server.url + "/", "tiny-model", api_key="k-123", seed=7)
        assert isinstance(reader, qa.Reader)
        assert reader.answer("How long does shipping take?", CONTEXT) == "3 to 5 business days"
        headers, body = server.requests[0]
        assert headers["Authorization"] == "Bearer k-123"
        assert body["model"] == "tiny-model" and body["temperature"] == 0 and body["seed"] == 7
        prompt = body["messages"][-1]["content"]
        assert "How long does shipping take?" in prompt and "Parcelway" in prompt
    finally:
        server.close()
    broken = FakeChatServer(b'{"error": "overloaded"}', status=503)
    try:
        with pytest.raises(ImpactError, match="no usable answer from model 'tiny-model'"):
            adapters.OpenAICompatibleReader(broken.url, "tiny-model", timeout=5).answer("Q?", "C")
    finally:
        broken.close()


def test_the_adapter_needs_a_model_name_from_the_environment(monkeypatch):
    monkeypatch.delenv("OPENAI_MODEL", raising=False)
    with pytest.raises(ImpactError, match="set OPENAI_MODEL"):
        adapters.OpenAICompatibleReader.from_env()
    monkeypatch.setenv("OPENAI_MODEL", "m")
    monkeypatch.setenv("OPENAI_BASE_URL", "http://localhost:9/v1")
    reader = adapters.OpenAICompatibleReader.from_env(seed=1)
    assert reader.url == "http://localhost:9/v1/chat/completions" and reader.name == "openai-compatible:m"
    assert not math.isnan(0.0)
