"""Project settings in one place: seeds, the bootstrap size and where files live.

Paths are relative to the project root (the nearest directory holding
pyproject.toml); every command takes --root to point somewhere else.
"""

from pathlib import Path

PROJECT_NAME = "{{project_name}}"  # the model card's and MLflow's name for this project
SEED = {{seed}}  # model seed (and the data split's seed)
BOOTSTRAP_SEED = {{seed}}  # seed of the bootstrap resamples: a separate setting from the model seed
# Model seeds the `evaluate` command fits each seed-dependent system with, for the seed spread
# (`--seeds N` overrides; seed-free systems are fitted once whatever N is).
SEEDS = {{seeds}}
BOOTSTRAP_RESAMPLES = {{bootstrap_resamples}}
LATENCY_SAMPLE = 100  # test units predicted one at a time to measure latency per unit
# Threads of every native pool (BLAS and OpenMP) while fitting, predicting and
# bootstrapping. Small models run fastest on one, and multi-threaded OpenBLAS or
# OpenMP (e.g. HistGradientBoosting) slows down many times over when another
# process keeps a core busy. None: the libraries' defaults (all cores).
BLAS_THREADS: int | None = 1

RAW_DIR = Path("data/raw")
DATA_CARD = Path("data/README.md")  # its first `Source: ...` line is the data source in every record
EXAMPLE_FINGERPRINT = Path("data/example.sha256")  # input fingerprint of the shipped example data
PROCESSED_DIR = Path("data/processed")
MANIFEST = PROCESSED_DIR / "manifest.json"
IMPACT_DIR = Path("impact")
LOG = IMPACT_DIR / "log.jsonl"
PREDICTIONS_DIR = IMPACT_DIR / "predictions"  # per-unit test predictions of every run (.npz)
PARAMS = IMPACT_DIR / "params.json"  # the candidate's parameters chosen by `tune`
METRICS = IMPACT_DIR / "metrics.json"  # the latest run's metrics, flat (DVC metrics file)
REPORT = IMPACT_DIR / "IMPACT.md"
MODEL_CARD = IMPACT_DIR / "MODEL_CARD.md"  # Mitchell et al. sections + Hugging Face model-index front matter
CHART = IMPACT_DIR / "primary_metric.png"  # and primary_metric.svg beside it
FIGURES = IMPACT_DIR / "figures.json"  # the extra figures of the latest run (Task.figures)


def project_root(start: Path | None = None) -> Path:
    """The nearest directory at or above `start` (default: cwd) with a pyproject.toml."""
    here = Path(start or Path.cwd()).resolve()
    for directory in (here, *here.parents):
        if (directory / "pyproject.toml").is_file():
            return directory
    return here
