"""The CNN candidate (cnn.py): device choice, learning, early stopping, seeding, the checkpoint,
and what its log record carries. The data is built here (bars in 8x8 images), not read."""

import numpy as np
import pytest
import torch

from {{package_name}} import cnn


def bars(n: int, seed: int, scale: float = 16.0) -> tuple[np.ndarray, list[str]]:
    """n noisy 8x8 images of a vertical or a horizontal bar at a random place, on 0..scale."""
    rng = np.random.default_rng(seed)
    X, y = np.zeros((n, 8, 8)), []
    for i in range(n):
        at = rng.integers(1, 7)
        if i % 2:
            X[i, :, at] = 1.0
            y.append("vertical")
        else:
            X[i, at, :] = 1.0
            y.append("horizontal")
    X = np.clip(X + rng.uniform(0, 0.3, X.shape), 0, 1) * scale
    return X.reshape(n, 64), y


def small(tmp_path, **params) -> cnn.CNNClassifier:
    settings = {"channels": 4, "max_epochs": 40, "patience": 3, "device": "cpu", **params}
    return cnn.CNNClassifier(seed=7, models_dir=tmp_path, **settings)


def test_device_auto_picks_cuda_then_mps_then_cpu():
    expected = "cuda" if torch.cuda.is_available() else "mps" if torch.backends.mps.is_available() else "cpu"
    assert cnn.pick_device("auto").type == expected
    assert cnn.pick_device("cpu").type == "cpu"
    assert cnn.CNNClassifier(device="cpu").device == "cpu"


def test_it_learns_stops_early_and_keeps_the_best_epoch(tmp_path):
    X, y = bars(160, seed=1)
    X_val, y_val = bars(60, seed=2)
    model = small(tmp_path).fit(X, y, X_val=X_val, y_val=y_val)
    assert np.mean(model.predict(X_val) == np.array(y_val)) >= 0.9
    losses = [step["val_loss"] for step in model.history]
    assert len(model.history) < 40 or model.best_epoch == 40  # stopped early, or still improving
    best = losses[model.best_epoch - 1]  # an epoch counts as better by at least cnn.MIN_DELTA
    assert all(loss > best - cnn.MIN_DELTA for loss in losses[model.best_epoch:])
    assert best - min(losses) <= cnn.MIN_DELTA
    assert len(model.history) - model.best_epoch <= 3  # at most `patience` epochs after the best


def test_the_same_seed_gives_the_same_weights_and_the_checkpoint_reloads(tmp_path):
    X, y = bars(80, seed=3)
    X_val, y_val = bars(30, seed=4)
    first = small(tmp_path / "a", max_epochs=5).fit(X, y, X_val=X_val, y_val=y_val)
    second = small(tmp_path / "b", max_epochs=5).fit(X, y, X_val=X_val, y_val=y_val)
    assert first.net is not None and second.net is not None
    weights = zip(first.net.state_dict().items(), second.net.state_dict().items(), strict=True)
    for (name, a), (_, b) in weights:
        assert torch.equal(a, b), name
    assert first.path == tmp_path / "a" / "cnn-seed7.pt" and first.path.is_file()
    assert first.checkpoint == {"source": "scratch:seed=7", "path": "models/cnn-seed7.pt"}
    loaded = cnn.CNNClassifier.load(first.path, device="cpu")
    assert list(loaded.predict(X_val)) == list(first.predict(X_val))
    assert loaded.best_epoch == first.best_epoch


def test_the_intensity_scale_is_learned_from_the_training_pixels(tmp_path):
    X, y = bars(40, seed=5, scale=255.0)
    model = small(tmp_path, max_epochs=1).fit(X, y)
    assert model.scale == pytest.approx(float(X.max()))
    assert float(model._tensor(X).max()) == pytest.approx(1.0)


def test_a_validation_label_missing_from_training_is_a_clear_error(tmp_path):
    X, y = bars(20, seed=6)
    with pytest.raises(ValueError, match="label 'diagonal' of the validation split is not in the training"):
        small(tmp_path).fit(X, y, X_val=X[:1], y_val=["diagonal"])


def test_predict_before_fit_says_what_to_do():
    with pytest.raises(RuntimeError, match="call fit"):
        cnn.CNNClassifier(device="cpu").predict(np.zeros((1, 64)))


def test_the_cnn_record_carries_device_checkpoint_and_costs(evaluated):
    record = evaluated.records[-1]
    assert record["role"] == "candidate" and record["system"] == "cnn"
    assert record["costs"]["device"] in ("cpu", "cuda", "mps")
    assert record["checkpoint"]["source"].startswith("scratch:seed=")
    assert record["checkpoint"]["path"].startswith("models/cnn-seed")
    assert record["costs"]["fit_seconds"] > 0 and record["costs"]["model_bytes"] > 0
    assert record["costs"]["latency_ms"]["p50"] > 0
    assert len([r for r in evaluated.records if r["run"] == record["run"]]) >= 5  # 4 baselines + cnn
