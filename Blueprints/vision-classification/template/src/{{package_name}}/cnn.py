"""A small convolutional network for square grayscale images, in PyTorch (the `cnn` extra).

    pip install -e '.[dev,cnn]'

`CNNClassifier` has the fit / predict interface the harness uses, with `fit_with_validation =
True`: the harness passes the validation split, and training stops early when the validation
loss has not improved for `patience` epochs; the weights of the best epoch are kept, saved to
models/cnn-seed<SEED>.pt (git-ignored) and used for prediction. `load()` rebuilds a classifier
from such a file.

- Device: `device="auto"` picks CUDA, then Apple MPS, then the CPU; `--param device=cpu` forces one.
- Seeded: the initial weights, the dropout masks and the order of the mini-batches come from the
  seed, so two fits on the CPU give the same weights (GPU kernels may differ in the last bits).
- Inputs: rows of side * side pixels on any intensity scale; fit divides by the largest training
  pixel (kept with the weights), so 0-16, 0-255 and 0-1 images all reach the network as 0-1.
- Architecture: a 3x3 convolution (`channels` filters, ReLU), a 2x2 max pool (images of 8x8
  pixels or more), a 3x3 convolution (2 * `channels` filters, ReLU), an adaptive average pool to
  4x4, dropout and two linear layers: about 40 k weights with the defaults.
- Threads: `threads` (default 1) CPU threads while fitting and predicting. A network this small
  trains fastest on one; more threads only wait for each other, badly so on a busy machine.
"""

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch import nn

from . import settings

MODELS_DIR = Path("models")
MIN_DELTA = 1e-4  # a validation loss lower by less than this is not an improvement (early stopping)
DEFAULT_PARAMS: dict[str, Any] = {
    "channels": 16, "learning_rate": 0.003, "batch_size": 64, "max_epochs": 60, "patience": 8,
    "dropout": 0.25, "weight_decay": 0.0001, "device": "auto", "threads": 1,
}


def pick_device(requested: str = "auto") -> torch.device:
    """`requested` as a torch device; "auto": CUDA, then Apple MPS, then the CPU."""
    if requested != "auto":
        return torch.device(requested)
    if torch.cuda.is_available():
        return torch.device("cuda")
    if torch.backends.mps.is_available():
        return torch.device("mps")
    return torch.device("cpu")


def network(side: int, n_classes: int, channels: int, dropout: float) -> nn.Sequential:
    """The layers for side x side single-channel images and n_classes outputs."""
    return nn.Sequential(
        nn.Conv2d(1, channels, kernel_size=3, padding=1), nn.ReLU(),
        nn.MaxPool2d(2) if side >= 8 else nn.Identity(),
        nn.Conv2d(channels, 2 * channels, kernel_size=3, padding=1), nn.ReLU(),
        nn.AdaptiveAvgPool2d(4),
        nn.Flatten(), nn.Dropout(dropout),
        nn.Linear(2 * channels * 16, 64), nn.ReLU(),
        nn.Linear(64, n_classes),
    )


class CNNClassifier:
    """fit(X, labels, X_val=..., y_val=...) / predict(X) over (images, pixels) arrays."""

    fit_with_validation = True

    def __init__(self, *, seed: int = settings.SEED, channels: int = 16, learning_rate: float = 0.003,
                 batch_size: int = 64, max_epochs: int = 60, patience: int = 8, dropout: float = 0.25,
                 weight_decay: float = 0.0001, device: str = "auto", threads: int = 1,
                 models_dir: Path | None = None) -> None:
        self.seed, self.channels, self.learning_rate = int(seed), int(channels), float(learning_rate)
        self.batch_size, self.max_epochs, self.patience = int(batch_size), int(max_epochs), int(patience)
        self.dropout, self.weight_decay, self.threads = float(dropout), float(weight_decay), int(threads)
        self.torch_device = pick_device(str(device))
        self.device = self.torch_device.type  # what the log records: "cpu", "cuda" or "mps"
        name = f"cnn-seed{self.seed}.pt"
        self.path = (models_dir or settings.project_root() / MODELS_DIR) / name
        # The log's checkpoint entry: trained here from random weights, saved under models/.
        self.checkpoint: dict[str, Any] = {"source": f"scratch:seed={self.seed}",
                                           "path": (MODELS_DIR / name).as_posix()}
        self.classes: list[str] = []
        self.scale = 1.0
        self.side = 0
        self.net: nn.Sequential | None = None
        self.history: list[dict[str, float]] = []  # per epoch: train_loss, val_loss, val_accuracy
        self.best_epoch = 0
        self.fit_seconds = 0.0

    def _tensor(self, X: Any) -> torch.Tensor:
        pixels = np.asarray(X, dtype=np.float32) / self.scale
        return torch.from_numpy(pixels.reshape(-1, 1, self.side, self.side)).to(self.torch_device)

    def _targets(self, y: Any) -> torch.Tensor:
        index = {c: i for i, c in enumerate(self.classes)}
        try:
            codes = [index[str(label)] for label in y]
        except KeyError as exc:
            raise ValueError(f"label {exc.args[0]!r} of the validation split is not in the training "
                             "split") from None
        return torch.tensor(codes, dtype=torch.long, device=self.torch_device)

    @contextmanager
    def _threads(self) -> Iterator[None]:
        before = torch.get_num_threads()
        torch.set_num_threads(self.threads)
        try:
            yield
        finally:
            torch.set_num_threads(before)

    def fit(self, X: Any, y: Any, X_val: Any = None, y_val: Any = None) -> "CNNClassifier":
        """Train on (X, y); with a validation split, stop early and keep the best epoch's weights."""
        started = time.perf_counter()
        with self._threads():
            self._fit(X, y, X_val, y_val)
        self.fit_seconds = time.perf_counter() - started
        return self

    def _fit(self, X: Any, y: Any, X_val: Any, y_val: Any) -> None:
        X = np.asarray(X, dtype=np.float32)
        self.side = int(round(X.shape[1] ** 0.5))
        if self.side * self.side != X.shape[1]:
            raise ValueError(f"{X.shape[1]} pixels per image is not a square image")
        self.classes = sorted({str(label) for label in y})
        self.scale = float(X.max()) if X.size and float(X.max()) > 0 else 1.0
        torch.manual_seed(self.seed)
        if self.torch_device.type == "cuda":
            torch.backends.cudnn.deterministic = True
            torch.backends.cudnn.benchmark = False
        net = network(self.side, len(self.classes), self.channels, self.dropout).to(self.torch_device)
        self.net = net
        optimiser = torch.optim.AdamW(net.parameters(), lr=self.learning_rate, weight_decay=self.weight_decay)
        loss_of = nn.CrossEntropyLoss()
        inputs, targets = self._tensor(X), self._targets(y)
        validation = (self._tensor(X_val), self._targets(y_val)) if X_val is not None and len(y_val) else None
        order = torch.Generator().manual_seed(self.seed)
        best_loss, best_state, waited = float("inf"), self._state(), 0
        self.history = []
        for epoch in range(1, self.max_epochs + 1):
            net.train()
            total = 0.0
            shuffled = torch.randperm(len(targets), generator=order).to(self.torch_device)
            for start in range(0, len(targets), self.batch_size):
                batch = shuffled[start:start + self.batch_size]
                optimiser.zero_grad()
                loss = loss_of(net(inputs[batch]), targets[batch])
                loss.backward()
                optimiser.step()
                total += float(loss.item()) * len(batch)
            step = {"epoch": float(epoch), "train_loss": total / len(targets)}
            if validation is None:
                self.history.append(step)
                best_state, self.best_epoch = self._state(), epoch
                continue
            net.eval()
            with torch.no_grad():
                logits = net(validation[0])
                val_loss = float(loss_of(logits, validation[1]).item())
                accuracy = float((logits.argmax(1) == validation[1]).float().mean().item())
            self.history.append({**step, "val_loss": val_loss, "val_accuracy": accuracy})
            if val_loss < best_loss - MIN_DELTA:
                best_loss, best_state, waited, self.best_epoch = val_loss, self._state(), 0, epoch
            else:
                waited += 1
                if waited >= self.patience:
                    break
        net.load_state_dict(best_state)
        self.save(self.path)

    def _state(self) -> dict[str, torch.Tensor]:
        assert self.net is not None
        return {k: v.detach().clone() for k, v in self.net.state_dict().items()}

    def predict(self, X: Any) -> np.ndarray:
        if self.net is None:
            raise RuntimeError("CNNClassifier.predict before fit: call fit() or load() first")
        self.net.eval()
        with self._threads(), torch.no_grad():
            codes = self.net(self._tensor(X)).argmax(1).cpu().numpy()
        return np.array([self.classes[int(c)] for c in codes])

    def save(self, path: Path) -> None:
        """The weights and what predict needs (classes, scale, image side, architecture)."""
        assert self.net is not None
        path.parent.mkdir(parents=True, exist_ok=True)
        torch.save({"state_dict": self.net.state_dict(), "classes": self.classes, "scale": self.scale,
                    "side": self.side, "channels": self.channels, "dropout": self.dropout,
                    "best_epoch": self.best_epoch}, path)

    @classmethod
    def load(cls, path: Path, device: str = "auto") -> "CNNClassifier":
        """A classifier ready to predict, from a file written by save() (weights only: no code runs)."""
        saved = torch.load(path, map_location="cpu", weights_only=True)
        model = cls(channels=int(saved["channels"]), dropout=float(saved["dropout"]), device=device,
                    models_dir=path.parent)
        model.classes = [str(c) for c in saved["classes"]]
        model.scale, model.side = float(saved["scale"]), int(saved["side"])
        model.best_epoch = int(saved["best_epoch"])
        net = network(model.side, len(model.classes), model.channels, model.dropout)
        net.load_state_dict(saved["state_dict"])
        model.net = net.to(model.torch_device)
        return model
