"""Project settings in one place: the seed, the bootstrap size and where files live.

Paths are relative to the project root (the nearest directory holding
pyproject.toml); every command takes --root to point somewhere else.
"""

from pathlib import Path

SEED = {{seed}}
BOOTSTRAP_RESAMPLES = {{bootstrap_resamples}}
# BLAS threads while fitting, predicting and bootstrapping. Small models run
# fastest on one, and multi-threaded OpenBLAS slows down many times over when
# another process keeps a core busy. None: the library's default (all cores).
BLAS_THREADS: int | None = 1

RAW_DIR = Path("data/raw")
PROCESSED_DIR = Path("data/processed")
MANIFEST = PROCESSED_DIR / "manifest.json"
IMPACT_DIR = Path("impact")
LOG = IMPACT_DIR / "log.jsonl"
REPORT = IMPACT_DIR / "IMPACT.md"
CHART = IMPACT_DIR / "primary_metric.svg"
FIGURES = IMPACT_DIR / "figures.json"  # the extra figures of the latest run (Task.figures)


def project_root(start: Path | None = None) -> Path:
    """The nearest directory at or above `start` (default: cwd) with a pyproject.toml."""
    here = Path(start or Path.cwd()).resolve()
    for directory in (here, *here.parents):
        if (directory / "pyproject.toml").is_file():
            return directory
    return here
