"""impact/MODEL_CARD.md: Mitchell et al. sections, the Hub's model-index read back, escaping."""

from types import SimpleNamespace
from typing import Any

import pytest

from {{package_name}}.impact import ImpactError, modelcard

TASK = SimpleNamespace(name="routing", test_units="held-out units",
                       label=lambda m: {"score": "the score"}.get(m, m))


def record(role: str, system: str, value: float, *, example: bool = True, source: str = "synthetic rows",
           run: str = "r1") -> dict[str, Any]:
    comparison = None if role == "baseline" else {
        "metric": "score", "baseline_id": "b" * 32, "baseline_system": "strong", "baseline": 0.7,
        "candidate": value, "delta": value - 0.7, "ci95": [0.01, 0.2], "improved": True}
    return {"schema": "impact-log/2", "id": (system[0] * 32), "run": run, "timestamp": "2026-01-02T03:04:05Z",
            "task": "routing", "git": {"commit": "c" * 40, "dirty": False},
            "data": {"fingerprint": "sha256:" + "d" * 64, "test_fingerprint": "sha256:" + "e" * 64,
                     "rows": {"train": 10, "validation": 5, "test": 5}, "example": example, "source": source},
            "params": {"C": 1.0}, "seed": 1, "role": role, "system": system,
            "metrics": {"score": {"value": value, "ci95": [value - 0.1, value + 0.1]},
                        "other": {"value": None, "ci95": [None, None]}},
            "primary_metric": "score", "greater_is_better": True, "test_evaluations": 1,
            "bootstrap": {"resamples": 1000, "units": 5, "method": "percentile", "paired": True},
            "comparison": comparison}


LADDER = [record("baseline", "trivial", 0.2), record("baseline", "strong", 0.7),
          record("candidate", "model", 0.8)]


def test_sections_of_model_cards_for_model_reporting_in_order() -> None:
    text = modelcard.render(LADDER, TASK, project="p", data_card=None)
    headings = [line[3:] for line in text.splitlines() if line.startswith("## ")]
    assert headings == ["Limitations (read first)", "Model details", "Intended use", "Factors", "Metrics",
                        "Evaluation data", "Training data", "Quantitative analyses", "Ethical considerations",
                        "Caveats and recommendations"]
    assert "| `strong` | baseline | 0.700 [0.600, 0.800] |" in text
    assert "Against the strongest baseline `strong`: +0.100 (paired 95% CI [0.010, 0.200])." in text


def test_limitations_come_first_only_on_example_data() -> None:
    own = [record("baseline", "trivial", 0.2, example=False),
           record("baseline", "strong", 0.7, example=False),
           record("candidate", "model", 0.8, example=False)]
    text = modelcard.render(own, TASK, project="p", data_card="## Known limitations\nSmall sample.\n")
    headings = [line[3:] for line in text.splitlines() if line.startswith("## ")]
    assert headings[0] == "Model details"
    assert "From the data card: Small sample." in text.split("## Caveats and recommendations")[1]


def test_user_text_is_escaped() -> None:
    hostile = [record("baseline", "strong", 0.7, source="<script>x</script> | *bold*"),
               record("candidate", "m`x", 0.8, source="<script>x</script> | *bold*")]
    text = modelcard.render(hostile, TASK, project="[p](javascript:x)", data_card=None)
    body = text.split("---", 2)[2]
    assert "<script>" not in body
    assert r"\<script\>x\</script\> \| \*bold\*" in body
    assert "`m'x`" in body
    assert r"# Model card: \[p\](javascript:x)" in body


def test_no_candidate_is_one_clear_error() -> None:
    with pytest.raises(ImpactError, match="no candidate evaluation yet"):
        modelcard.render(LADDER[:2], TASK, project="p", data_card=None)


def test_huggingface_hub_reads_the_results_back() -> None:
    """The Hub's own parser (offline): task, dataset and every defined metric with its value."""
    hub = pytest.importorskip("huggingface_hub")
    card = hub.ModelCard(modelcard.render(LADDER, TASK, project="my-project", data_card=None,
                                          task_type="text-classification"))
    results = card.data.eval_results
    assert [(r.task_type, r.metric_type, r.metric_value) for r in results] == [
        ("text-classification", "score", 0.8)]
    assert results[0].dataset_name == "synthetic rows"
    assert results[0].metric_name == "the score (95% CI [0.700, 0.900], 5 test units)"
    assert card.data.model_name == "my-project"
