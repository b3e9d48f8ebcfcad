"""The transformer candidate: fine-tune a pretrained encoder (Hugging Face transformers, PyTorch).

This file exists in projects generated with `--set candidate=transformer`; it needs the optional
extra: `pip install -e '.[dev,transformer]'`. models.candidate() imports it, so the commands that
do not fit the candidate (pipeline, report) never import PyTorch.

What `TransformerClassifier.fit` does, in order:
1. seeds Python, NumPy and PyTorch (CPU and CUDA) with the system's seed;
2. loads the tokenizer and `AutoModelForSequenceClassification` from `base_model`, a Hugging Face
   Hub name (downloaded once into the Hub cache) or a local directory; the classification head is
   new, sized to the labels of the training split;
3. chooses the maximum sequence length from the data: the longest training text in tokens, rounded
   up to a multiple of 8, capped by what the model accepts (`max_length` in params overrides);
4. trains with AdamW and a linear warm-up/decay schedule on the device `pick_device()` returns
   (CUDA, then Apple MPS, then CPU), in mixed precision (float16 autocast) on CUDA;
5. after every epoch scores macro-F1 on the validation split, saves the best epoch's model and
   tokenizer to `models/transformer/` (git-ignored) and stops when `patience` epochs in a row did
   not improve it; then reloads that best checkpoint for prediction.

The tests run exactly this code with `base_model` pointing at a tiny, randomly initialised model
they build (tests/tiny_model.py; see conftest.py for the one line that differs from a real run).
"""

import contextlib
import json
import os
import random
import shutil
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import torch
import transformers
from sklearn.metrics import f1_score
from transformers import AutoModelForSequenceClassification, AutoTokenizer, get_linear_schedule_with_warmup

from . import settings
from .impact import ImpactError

NAME = "transformer"
CHECKPOINT_DIR = Path("models") / NAME  # relative to the project root; git-ignored
# PyTorch threads on CPU. None: half the cores, at least one (on a busy or small machine, more
# threads than free cores make training several times slower, not faster).
CPU_THREADS: int | None = None


def pick_device() -> str:
    """"cuda" when a CUDA GPU is usable, else "mps" (Apple silicon), else "cpu"."""
    if torch.cuda.is_available():
        return "cuda"
    mps = getattr(torch.backends, "mps", None)
    if mps is not None and mps.is_available():
        return "mps"
    return "cpu"


def cpu_threads() -> int:
    return CPU_THREADS or max(1, (os.cpu_count() or 2) // 2)


def seed_everything(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed % 2**32)
    torch.manual_seed(seed)
    if torch.cuda.is_available():
        torch.cuda.manual_seed_all(seed)


def checkpoint_source(base_model: str) -> str:
    """"local:PATH" for a directory on disk, else "hub:NAME"."""
    path = Path(base_model).expanduser()
    return f"local:{path.resolve()}" if path.is_dir() else f"hub:{base_model}"


def _load(base_model: str, what: str, loader: Any, **kwargs: Any) -> Any:
    if base_model.startswith(("/", "./", "../", "~")) and not Path(base_model).expanduser().is_dir():
        raise ImpactError(f"base model directory {base_model!r} does not exist — give an existing "
                          "directory holding config.json and the tokenizer files, or a Hugging Face Hub name")
    verbosity = transformers.logging.get_verbosity()
    transformers.logging.set_verbosity_error()  # the load report lists the new head's weights: expected
    try:
        return loader.from_pretrained(base_model, **kwargs)
    except (OSError, ValueError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ImpactError(
            f"cannot load the {what} of base model {base_model!r} ({first}) — give a Hugging Face Hub "
            "name (downloaded once, then cached; offline runs need it cached) or a local directory "
            "holding config.json and the tokenizer files") from None
    finally:
        transformers.logging.set_verbosity(verbosity)


class TransformerClassifier:
    """fit(texts, labels, X_val=..., y_val=...) / predict(texts) around a fine-tuned encoder."""

    fit_with_validation = True

    def __init__(self, params: dict[str, Any], *, seed: int, output_dir: Path,
                 record: dict[str, Any] | None = None) -> None:
        self.params = params
        self.seed = seed
        self.output_dir = output_dir
        self.device = pick_device()
        # what training found out (max length, epochs, best validation score): the System's params,
        # so the log records it
        self.record = record if record is not None else {}
        self.labels: list[str] = []
        self.max_length = 0
        self.model: Any = None
        self.tokenizer: Any = None

    def _autocast(self) -> Any:
        """float16 mixed precision on CUDA; full precision elsewhere."""
        if self.device == "cuda":
            return torch.autocast(device_type="cuda", dtype=torch.float16)
        return contextlib.nullcontext()

    def _encode(self, texts: Sequence[str]) -> dict[str, torch.Tensor]:
        enc = self.tokenizer(list(texts), padding=True, truncation=True, max_length=self.max_length,
                             return_tensors="pt")
        # input_ids and attention_mask only: every encoder takes them (DistilBERT has no token types)
        return {k: enc[k].to(self.device) for k in ("input_ids", "attention_mask")}

    def _choose_max_length(self, texts: Sequence[str]) -> int:
        if self.params.get("max_length"):
            return int(self.params["max_length"])
        longest = max(len(ids) for ids in self.tokenizer(list(texts), truncation=False)["input_ids"])
        limits = [512, int(getattr(self.model.config, "max_position_embeddings", 512) or 512)]
        model_max = getattr(self.tokenizer, "model_max_length", None)
        if isinstance(model_max, int) and 0 < model_max < 1_000_000:
            limits.append(model_max)
        return min(-(-longest // 8) * 8, *limits)

    def _logits(self, texts: Sequence[str]) -> np.ndarray:
        self.model.eval()
        out: list[np.ndarray] = []
        size = int(self.params["batch_size"]) * 4
        with torch.no_grad():
            for start in range(0, len(texts), size):
                batch = self._encode(texts[start:start + size])
                with self._autocast():
                    logits = self.model(**batch).logits
                out.append(logits.float().cpu().numpy())
        return np.concatenate(out) if out else np.zeros((0, len(self.labels)))

    def fit(self, X: Sequence[str], y: Sequence[str], X_val: Sequence[str] | None = None,
            y_val: Sequence[str] | None = None) -> "TransformerClassifier":
        if not X_val or y_val is None:
            raise ImpactError("the transformer needs a validation split for early stopping — run "
                              "`make data` (the pipeline writes train, validation and test)")
        seed_everything(self.seed)
        transformers.utils.logging.disable_progress_bar()
        if self.device == "cpu":
            torch.set_num_threads(cpu_threads())
        base = str(self.params["base_model"])
        self.labels = sorted(set(y))
        index = {label: i for i, label in enumerate(self.labels)}
        self.tokenizer = _load(base, "tokenizer", AutoTokenizer)
        self.model = _load(base, "model", AutoModelForSequenceClassification, num_labels=len(self.labels),
                           id2label=dict(enumerate(self.labels)), label2id=index,
                           ignore_mismatched_sizes=True)
        self.model.to(self.device)
        self.max_length = self._choose_max_length(X)
        print(f"  {NAME}: fine-tuning {checkpoint_source(base)} ({len(self.labels)} labels, new head) on "
              f"{self.device}{' with float16 autocast' if self.device == 'cuda' else ''}, max length "
              f"{self.max_length} tokens, up to {self.params['max_epochs']} epochs", flush=True)
        targets = torch.tensor([index[label] for label in y], dtype=torch.long)
        batch_size, epochs = int(self.params["batch_size"]), int(self.params["max_epochs"])
        steps = epochs * -(-len(X) // batch_size)
        optimizer = torch.optim.AdamW(self.model.parameters(), lr=float(self.params["learning_rate"]),
                                      weight_decay=float(self.params["weight_decay"]))
        warmup = int(steps * float(self.params["warmup_ratio"]))
        schedule = get_linear_schedule_with_warmup(optimizer, warmup, steps)
        scaler = torch.amp.GradScaler("cuda", enabled=self.device == "cuda")
        order = torch.Generator().manual_seed(self.seed)
        best, best_epoch, waited, history = -1.0, 0, 0, []
        started = time.perf_counter()
        for epoch in range(1, epochs + 1):
            self.model.train()
            for batch_index in torch.randperm(len(X), generator=order).split(batch_size):
                picked = batch_index.tolist()
                batch = self._encode([X[i] for i in picked])
                with self._autocast():
                    loss = self.model(**batch, labels=targets[picked].to(self.device)).loss
                optimizer.zero_grad()
                scaler.scale(loss).backward()
                scaler.step(optimizer)
                scaler.update()
                schedule.step()
            predicted = [self.labels[i] for i in self._logits(X_val).argmax(axis=1)]
            score = float(f1_score(list(y_val), predicted, average="macro", labels=self.labels,
                                   zero_division=0))
            history.append(round(score, 6))
            seconds = time.perf_counter() - started
            print(f"    epoch {epoch}: validation macro-F1 {score:.3f} ({seconds:.1f} s)", flush=True)
            if score > best:
                best, best_epoch, waited = score, epoch, 0
                self._save()
            else:
                waited += 1
                if waited >= int(self.params["patience"]):
                    break
        self.model = _load(str(self.output_dir), "best checkpoint", AutoModelForSequenceClassification)
        self.model.to(self.device)
        # deterministic facts only: the params are part of the run's configuration fingerprint
        self.record.update({"max_length_used": self.max_length, "epochs_run": len(history),
                            "best_epoch": best_epoch, "validation_macro_f1": history})
        return self

    def _save(self) -> None:
        if self.output_dir.exists():
            shutil.rmtree(self.output_dir)
        self.output_dir.mkdir(parents=True)
        self.model.save_pretrained(self.output_dir)
        self.tokenizer.save_pretrained(self.output_dir)
        info = {"base_model": checkpoint_source(str(self.params["base_model"])), "labels": self.labels,
                "max_length": self.max_length, "seed": self.seed, "device": self.device}
        (self.output_dir / "training.json").write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")

    def predict(self, X: Sequence[str]) -> np.ndarray:
        if self.model is None:
            raise ImpactError("predict() before fit(): fit the transformer first")
        # a string array, as scikit-learn returns (the harness stores it; object arrays it cannot)
        return np.asarray([self.labels[i] for i in self._logits(X).argmax(axis=1)], dtype=str)


def checkpoint_dir(root: Path | None = None) -> Path:
    """Where the best checkpoint goes: models/transformer/ under the project root (or `root`)."""
    return (root or settings.project_root()) / CHECKPOINT_DIR


def system_parts(seed: int, params: dict[str, Any], root: Path | None = None
                 ) -> tuple[TransformerClassifier, dict[str, Any], dict[str, str]]:
    """The model, the params to log (a copy of `params` that training completes with what it chose:
    max length, epochs, validation scores) and the checkpoint record for the log."""
    logged = dict(params)
    model = TransformerClassifier(logged, seed=seed, output_dir=checkpoint_dir(root), record=logged)
    checkpoint = {"source": checkpoint_source(str(logged["base_model"])), "path": str(CHECKPOINT_DIR)}
    return model, logged, checkpoint
