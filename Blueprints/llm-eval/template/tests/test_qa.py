"""Scoring (SQuAD-style), retrieval, the readers and the ladder of systems, on a knowledge base the
tests write themselves (tests/kb.py), never on the shipped data."""

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

import kb
from {{package_name}} import models, pipeline, qa, scoring, settings
from {{package_name}}.task import TASK

PASSAGES = [p for name, text in kb.DOCS.items() for p in pipeline.sections(text, name)]
CONTEXT = qa.context_of(PASSAGES[:2] + PASSAGES[3:4])
QUESTIONS = qa.Questions([q["question"] for q in kb.QUESTIONS], PASSAGES, [q["doc"] for q in kb.QUESTIONS])
ANSWERS = scoring.answer_sets([q["answers"] for q in kb.QUESTIONS])


def test_normalisation_and_scores_follow_squad() -> None:
    assert scoring.normalize_answer("The  Top-Grille!") == "topgrille"
    assert scoring.normalize_answer("An apple, a pear") == "apple pear"
    assert scoring.exact_match("the 2.4 GHz band.", ["24 ghz band"]) == 1.0
    assert scoring.token_f1("6 months", ["every 6 months"]) == pytest.approx(0.8)
    assert scoring.token_f1("6 months", ["no", "6 months"]) == 1.0  # best of the answers
    assert scoring.token_f1("", ["x"]) == 0.0 and scoring.token_f1("the", ["a"]) == 1.0
    assert scoring.contains_answer("It takes 3 to 5 business days.", ["3 to 5 business days"]) == 1.0
    assert scoring.contains_answer("13 days", ["3 days"]) == 0.0  # whole words only


def test_bootstrap_metrics_are_means_over_questions() -> None:
    golds = scoring.answer_sets([["a b"], ["c", "d e f"], ["x"]])
    preds = np.array(["a b", "d e", "y"])
    metrics = scoring.qa_metrics()
    ones = np.ones((1, 3))
    assert metrics["exact_match"](golds, preds, ones)[0] == pytest.approx(1 / 3)
    assert metrics["token_f1"](golds, preds, ones)[0] == pytest.approx((1 + 0.8 + 0) / 3)
    twice_first = np.array([[2.0, 1.0, 0.0]])
    assert metrics["exact_match"](golds, preds, twice_first)[0] == pytest.approx(2 / 3)
    assert set(metrics) == {TASK.primary_metric, "exact_match", "contains_answer"}
    assert golds.dtype.kind == "U"  # a plain string array: stored with the predictions, no pickle
    assert scoring.answers_of(golds[1]) == ["c", "d e f"]
    with pytest.raises(ValueError, match="at least one"):
        scoring.answer_sets([[]])


def test_retrieval_ranks_like_scikit_learns_tfidf_cosine() -> None:
    retriever = qa.Retriever(PASSAGES)
    assert retriever.search("Who is the carrier?", 1)[0].title == "Orders > Delivery"
    assert retriever.search("How long does a full charge take?", 1)[0].title == "Device > Battery"
    vectorizer = TfidfVectorizer(analyzer=qa.Retriever.analyze, sublinear_tf=True)
    matrix = vectorizer.fit_transform([f"{p.title}\n{p.text}" for p in retriever.passages])
    for question in QUESTIONS.questions:
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
def test_the_overlap_reader_extracts_the_span_the_question_asks_for(question: str, answer: str) -> None:
    assert qa.OverlapReader().answer(question, CONTEXT) == answer


def test_the_first_sentence_reader_returns_the_first_sentence() -> None:
    assert qa.FirstSentenceReader().answer("Anything?", CONTEXT) == \
        "Standard shipping takes 3 to 5 business days and costs $6.95."
    assert qa.FirstSentenceReader().answer("Anything?", "") == ""


def test_bm25_prefers_rare_terms_and_short_texts() -> None:
    index = qa.BM25(["battery battery lasts", "battery charger cable",
                     "the charger and a long list of parts"])
    scores = index.scores("charger")
    assert scores[0] == 0 and scores[1] > scores[2] > 0  # same term count: the shorter text wins
    assert index.best("battery cable") == 1  # the rarer term (cable) decides
    with pytest.raises(ValueError):
        qa.BM25([])


def test_the_sentence_lookup_baseline_answers_with_the_rest_of_the_best_sentence() -> None:
    assert qa.without_question_words("Who is the carrier?", "Our carrier is Parcelway.") == "Parcelway"
    lookup = qa.SentenceLookup().fit(QUESTIONS, ANSWERS)
    answers = lookup.predict(qa.Questions(["Who is the carrier?", "What does the device weigh?"], PASSAGES))
    assert answers == ["Parcelway", "2.1 kg comes grey"]


def test_any_reader_plugs_in_and_a_batch_reader_gets_every_question_at_once() -> None:
    class Shouty:
        def answer(self, question: str, context: str) -> str:
            return "  " + context.splitlines()[1].upper() + "\n"

    system = qa.QASystem(Shouty(), top_k=2).fit(QUESTIONS, ANSWERS)
    answers = system.predict(QUESTIONS)
    assert len(answers) == len(QUESTIONS) and all(a == a.strip() and "\n" not in a for a in answers)

    class Batch:
        calls: list[int] = []

        def answer(self, question: str, context: str) -> str:
            raise AssertionError("answer_many is used when a reader has it")

        def answer_many(self, questions: list[str], contexts: list[str]) -> list[str]:
            self.calls.append(len(questions))
            assert all(c.count("\n# ") == 2 for c in contexts)  # top_k = 3 passages each
            return ["x"] * len(questions)

    batch = Batch()
    assert qa.QASystem(batch, top_k=3).fit(QUESTIONS, ANSWERS).predict(QUESTIONS) == ["x"] * len(QUESTIONS)
    assert batch.calls == [len(QUESTIONS)]
    with pytest.raises(TypeError, match="no answer"):
        qa.QASystem(object())  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="top_k=0"):
        qa.QASystem(Shouty(), top_k=0)


def test_the_ladder_and_the_reader_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("QA_READER", raising=False)
    ladder = models.baselines(settings.SEED)
    cand = models.candidate(settings.SEED, dict(models.DEFAULT_PARAMS))
    assert len(ladder) >= 2 and cand.name not in {s.name for s in ladder}
    assert models.CANDIDATE_READER in models.READERS and cand.name.startswith("tfidf+")
    assert set(models.SEARCH_SPACE) <= set(models.DEFAULT_PARAMS)
    json.dumps([s.params for s in [*ladder, cand]])
    for point in (dict(models.DEFAULT_PARAMS, **{k: v[-1] for k, v in models.SEARCH_SPACE.items()}),):
        assert models.candidate(0, point).params.items() >= point.items()  # the params are logged
    monkeypatch.setenv("QA_READER", "first-sentence")
    assert models.candidate(0, dict(models.DEFAULT_PARAMS)).name == "tfidf+first-sentence"
    monkeypatch.setenv("QA_READER", "gpt-17")
    with pytest.raises(ValueError, match="gpt-17"):
        models.candidate(0, dict(models.DEFAULT_PARAMS))


def test_the_shipped_ladder_answers_plain_questions_better_at_each_step() -> None:
    ladder = [qa.QASystem(qa.FirstSentenceReader(), top_k=1), qa.SentenceLookup(),
              qa.QASystem(qa.OverlapReader(), top_k=2)]
    names = ["first-sentence", "bm25-sentence", "tfidf+overlap"]
    predictions: dict[str, Any] = {}
    for name, model in zip(names, ladder, strict=True):
        model.fit(QUESTIONS, ANSWERS)
        predictions[name] = model.predict(QUESTIONS)
    golds = [scoring.answers_of(a) for a in ANSWERS]
    exact = [scoring.exact_match(p, a) for p, a in zip(predictions["tfidf+overlap"], golds, strict=True)]
    assert sum(exact) >= 10
    f1 = {name: np.mean([scoring.token_f1(p, a) for p, a in zip(ps, golds, strict=True)])
          for name, ps in predictions.items()}
    assert f1["first-sentence"] < f1["bm25-sentence"] < f1["tfidf+overlap"]


def test_the_figure_draws_token_f1_per_document(tmp_path: Path, quiet: Any, write_raw: Any) -> None:
    root = kb.prepared_kb(tmp_path, write_raw, pipeline.run, out=quiet)
    split = TASK.load_split(root / settings.PROCESSED_DIR)
    systems = {"baseline": models.baselines(0)[1],
               "candidate": models.candidate(0, dict(models.DEFAULT_PARAMS))}
    predictions = {}
    for role, system in systems.items():
        system.model.fit(split.X_train, split.y_train)
        predictions[role] = np.asarray(system.model.predict(split.X_test))
    drawn = TASK.figures(split, systems, predictions, tmp_path) if TASK.figures else []
    title = "Token-F1 by document (the number of test questions in brackets)"
    assert drawn == [(title, "f1_by_document.png")]
    assert (tmp_path / "f1_by_document.png").stat().st_size > 10_000
    svg = (tmp_path / "f1_by_document.svg").read_text(encoding="utf-8")
    assert svg.startswith("<?xml") and "</svg>" in svg
    split.X_test.docs = []
    assert TASK.figures(split, systems, predictions, tmp_path) == []  # type: ignore[misc]


def test_tuning_loads_no_test_question(tmp_path: Path, quiet: Any, write_raw: Any) -> None:
    root = kb.prepared_kb(tmp_path, write_raw, pipeline.run, out=quiet)
    (root / settings.PROCESSED_DIR / "test.jsonl").unlink()
    split = TASK.load_split(root / settings.PROCESSED_DIR, include_test=False)
    assert len(split.X_test) == 0 and len(split.y_test) == 0 and len(split.X_val) == 3
