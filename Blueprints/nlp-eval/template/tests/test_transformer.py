"""The transformer candidate, fine-tuned for real on tiny DistilBERTs the tests build (offline).

Needs the optional extra (`pip install -e '.[dev,transformer]'`). Here the tiny model is trained on
two made-up teams with no word in common, so a working fine-tuning loop must learn them perfectly;
what differs from a real run is the params (see `fitted`): `base_model` and the training budget.
"""

import json
from pathlib import Path

import numpy as np
import pytest

import tiny_model
from {{package_name}} import models, transformer
from {{package_name}}.impact import ImpactError

# Two teams with no word in common: a real fine-tuning run learns them in a few epochs.
WORDS = {"kitchen": ["kettle", "toaster", "oven", "fridge", "blender", "spoon", "pan", "mug"],
         "garden": ["hose", "rake", "shovel", "tulip", "lawn", "hedge", "seeds", "compost"]}


def texts_of(label: str, n: int, offset: int) -> list[str]:
    words = WORDS[label]
    return [f"my {words[(i + offset) % 8]} and the {words[(3 * i + offset + 1) % 8]} need help"
            for i in range(n)]


@pytest.fixture(scope="module")
def data() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {"X": [], "y": [], "X_val": [], "y_val": []}
    for label in WORDS:
        out["X"] += texts_of(label, 24, 0)
        out["y"] += [label] * 24
        out["X_val"] += texts_of(label, 8, 5)
        out["y_val"] += [label] * 8
    return out


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory, data: dict[str, list[str]]) -> Path:
    return tiny_model.build(data["X"], tmp_path_factory.mktemp("tiny-distilbert"))


def fitted(tiny: Path, data: dict[str, list[str]], root: Path,
           seed: int = 0) -> transformer.TransformerClassifier:
    params = {**models.DEFAULT_PARAMS, "base_model": str(tiny), "learning_rate": 3e-3, "max_epochs": 8,
              "patience": 5, "batch_size": 8, "warmup_ratio": 0.0}
    model, logged, checkpoint = transformer.system_parts(seed, params, root)
    model.fit(data["X"], data["y"], X_val=data["X_val"], y_val=data["y_val"])
    assert logged is model.record and checkpoint["source"] == f"local:{tiny.resolve()}"
    return model


def test_fine_tuning_learns_saves_the_best_checkpoint_and_reloads_it(tiny, data, tmp_path):
    model = fitted(tiny, data, tmp_path)
    saved = tmp_path / transformer.CHECKPOINT_DIR
    assert (saved / "config.json").is_file() and (saved / "tokenizer.json").is_file()
    info = json.loads((saved / "training.json").read_text())
    assert info["labels"] == ["garden", "kitchen"] and info["device"] == model.device
    record = model.record
    history = record["validation_macro_f1"]
    assert record["best_epoch"] == int(np.argmax(history)) + 1  # the saved one is the best epoch
    assert max(history) >= 0.9, history  # it really learned the two teams
    predicted = model.predict(data["X_val"])
    assert list(predicted) == data["y_val"]
    assert model.device in {"cpu", "cuda", "mps"}


def test_max_length_is_chosen_from_the_data(tiny, data, tmp_path):
    model = fitted(tiny, data, tmp_path)
    longest = max(len(ids) for ids in model.tokenizer(data["X"])["input_ids"])
    assert model.max_length % 8 == 0 and longest <= model.max_length < longest + 8
    assert model.record["max_length_used"] == model.max_length


def test_the_same_seed_gives_the_same_model(tiny, data, tmp_path):
    first = fitted(tiny, data, tmp_path / "a", seed=7)
    second = fitted(tiny, data, tmp_path / "b", seed=7)
    assert first.record["validation_macro_f1"] == second.record["validation_macro_f1"]
    np.testing.assert_allclose(first._logits(data["X_val"]), second._logits(data["X_val"]),
                               rtol=1e-5, atol=1e-6)


def test_a_missing_base_model_is_one_clear_error(tmp_path, data):
    params = {**models.DEFAULT_PARAMS, "base_model": str(tmp_path / "no-such-model")}
    model, _, _ = transformer.system_parts(0, params, tmp_path)
    with pytest.raises(ImpactError, match="base model directory .* does not exist"):
        model.fit(data["X"], data["y"], X_val=data["X_val"], y_val=data["y_val"])


def test_the_candidate_is_the_transformer_with_its_checkpoint_record(tiny_transformer):
    system = models.candidate(0, models.DEFAULT_PARAMS)
    assert system.name == "transformer" and system.seed_dependent
    source = f"local:{tiny_transformer.resolve()}"
    assert system.checkpoint == {"source": source, "path": "models/transformer"}
    assert [s.name for s in models.baselines(0)][-1] == "tfidf-logreg"


def test_checkpoint_source_names_hub_models_and_local_directories(tmp_path):
    assert transformer.checkpoint_source("distilbert-base-uncased") == "hub:distilbert-base-uncased"
    assert transformer.checkpoint_source(str(tmp_path)) == f"local:{tmp_path.resolve()}"
