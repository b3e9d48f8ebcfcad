"""Per-unit test predictions of every run, stored so later runs can be compared with them.

impact/predictions/<first 12 hex of the test fingerprint>/<run>.npz (numpy, compressed) holds one
array per system (the system's name is the key), `y_true`, and `unit_ids` when the test rows are
resampled in groups. The files are committed with the log; `python -m PACKAGE.impact.log` is not
needed to read them: `numpy.load(path)` does (no pickle: object arrays are not stored).
"""

import hashlib
import io
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from .. import settings


def path_for(root: Path, test_fingerprint: str, run: str) -> Path:
    return root / settings.PREDICTIONS_DIR / test_fingerprint.removeprefix("sha256:")[:12] / f"{run}.npz"


def storable(values: Any) -> np.ndarray | None:
    """`values` as an array numpy can save without pickle, or None (e.g. ragged lists)."""
    try:
        array = np.asarray(values)
    except ValueError:
        return None
    return None if array.dtype == object else array


def save(path: Path, arrays: Mapping[str, Any]) -> str:
    """Write the arrays compressed (one write of the whole file); return "sha256:..." of the bytes."""
    buffer = io.BytesIO()
    np.savez_compressed(buffer, allow_pickle=False, **{k: np.asarray(v) for k, v in arrays.items()})
    data = buffer.getvalue()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".npz.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    return "sha256:" + hashlib.sha256(data).hexdigest()


def load(root: Path, entry: Mapping[str, Any], y_true: Sequence[Any]) -> np.ndarray | None:
    """The predictions a record's `predictions` entry points at, if the file is there, unchanged,
    and was made on the same labels; else None."""
    path = root / str(entry.get("file", ""))
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if "sha256:" + hashlib.sha256(data).hexdigest() != entry.get("sha256"):
        return None
    with np.load(io.BytesIO(data), allow_pickle=False) as stored:
        key = str(entry.get("key"))
        if key not in stored.files or "y_true" not in stored.files:
            return None
        truth = stored["y_true"]
        if truth.shape != np.asarray(y_true).shape or not np.array_equal(truth, np.asarray(y_true)):
            return None
        return np.asarray(stored[key])
