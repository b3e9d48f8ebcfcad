"""sha256 fingerprints of data files and the data manifest the pipeline writes.

The manifest (data/processed/manifest.json) ties every evaluation to the exact
bytes it used: inputs under data/raw/, the processed splits, their row counts
and the parameters of the split. The harness refuses to evaluate if any of
those files changed after the pipeline ran.
"""

import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from .. import settings
from . import ImpactError

MANIFEST_SCHEMA = "data-manifest/1"


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def combine(named_digests: dict[str, str]) -> str:
    """One fingerprint for several files: sha256 over their sorted names and digests."""
    lines = "".join(f"{name}\t{digest}\n" for name, digest in sorted(named_digests.items()))
    return "sha256:" + hashlib.sha256(lines.encode()).hexdigest()


def write_manifest(root: Path, path: Path, *, inputs: dict[Path, int],
                   outputs: dict[str, tuple[Path, int]], params: dict[str, Any],
                   leakage: dict[str, Any] | None = None) -> dict[str, Any]:
    """Write the manifest for `inputs` {file: rows} and `outputs` {split: (file, rows)}.

    Paths are stored relative to `root`. Returns the manifest.
    """
    def entry(file: Path, rows: int) -> dict[str, Any]:
        return {"path": Path(file).relative_to(root).as_posix(), "rows": rows,
                "sha256": sha256_file(file)}

    ins = [entry(f, rows) for f, rows in sorted(inputs.items())]
    outs = {name: entry(f, rows) for name, (f, rows) in outputs.items()}
    manifest: dict[str, Any] = {
        "schema": MANIFEST_SCHEMA,
        "params": params,
        "inputs": ins,
        "input_fingerprint": combine({e["path"]: e["sha256"] for e in ins}),
        "outputs": outs,
        "fingerprint": combine({name: e["sha256"] for name, e in outs.items()}),
    }
    if leakage is not None:
        manifest["leakage"] = leakage
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def write_splits(root: Path, splits: Mapping[str, Sequence[Any]], write: Callable[[Path, Any], object], *,
                 inputs: dict[Path, int], params: dict[str, Any], out: Callable[[str], object] = print,
                 suffix: str = ".csv", leakage: dict[str, Any] | None = None) -> dict[str, Any]:
    """Write each split {name: rows} to data/processed/NAME.csv (or NAME + `suffix`) with
    `write(path, rows)`, then the manifest over `inputs` {raw file: rows} and those files (with the
    `leakage` entry of impact.leakage when given); say so and return the manifest."""
    processed = root / settings.PROCESSED_DIR
    processed.mkdir(parents=True, exist_ok=True)
    outputs: dict[str, tuple[Path, int]] = {}
    for name, rows in splits.items():
        outputs[name] = (processed / f"{name}{suffix}", len(rows))
        write(outputs[name][0], rows)
    manifest = write_manifest(root, root / settings.MANIFEST, inputs=inputs, outputs=outputs, params=params,
                              leakage=leakage)
    out(f"  wrote {settings.PROCESSED_DIR.as_posix()}/{', '.join(f'{n}{suffix}' for n in splits)} and "
        f"{settings.MANIFEST.name} (data {manifest['fingerprint'][:19]})")
    return manifest


def load_manifest(root: Path, path: Path, *, make_data: str,
                  only: Sequence[str] | None = None) -> dict[str, Any]:
    """Read the manifest and check every file in it still has the recorded bytes.

    `make_data` is the command that rebuilds the data, quoted in errors. `only`: check just these
    outputs (e.g. train and validation for tuning, which must not open the test file) and the inputs.
    """
    shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
    if not path.is_file():
        raise ImpactError(f"{shown} not found: prepare the data first with `{make_data}`")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except ValueError:
        manifest = None
    if not isinstance(manifest, dict) or manifest.get("schema") != MANIFEST_SCHEMA:
        raise ImpactError(f"{shown} is not a {MANIFEST_SCHEMA} manifest: re-run `{make_data}`")
    outputs = [e for name, e in manifest["outputs"].items() if only is None or name in only]
    for kind, entries in (("input", manifest["inputs"]), ("output", outputs)):
        for e in entries:
            file = root / e["path"]
            if not file.is_file() or sha256_file(file) != e["sha256"]:
                state = "is missing" if not file.is_file() else "changed"
                raise ImpactError(f"{e['path']} {state} since the data pipeline ran "
                                  f"({kind} file): re-run `{make_data}`")
    return manifest
