"""Fixtures shared by every blueprint's tests: throwaway copies of the project."""

import json
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from threadpoolctl import threadpool_limits

from {{package_name}} import pipeline, settings
from {{package_name}}.impact import ImpactError, harness, log
from {{package_name}}.task import TASK

ROOT = Path(__file__).resolve().parents[1]
SCHEMA_PATH = ROOT / "impact" / "impact-log.schema.json"


@pytest.fixture(autouse=True, scope="session")
def blas_threads():
    """Tests fit models too: the same thread limit (BLAS and OpenMP) as the harness (see settings.py)."""
    with threadpool_limits(limits=settings.BLAS_THREADS):
        yield


def quiet(_line: str) -> None:
    pass


def copy_raw(root: Path) -> Path:
    shutil.copytree(ROOT / settings.RAW_DIR, root / settings.RAW_DIR)
    return root


@pytest.fixture(name="quiet")
def quiet_fixture():
    """An `out` for the commands' functions that prints nothing."""
    return quiet


@pytest.fixture
def write_raw():
    """`write_raw(root, {name: text or bytes})`: files under ROOT/data/raw/ (text saved as UTF-8,
    folders made as needed) for the pipeline to read; returns that data/raw/."""
    def write(root: Path, files: dict[str, str | bytes]) -> Path:
        raw = root / settings.RAW_DIR
        for name, content in files.items():
            path = raw / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        return raw
    return write


@pytest.fixture
def pipeline_command():
    """`pipeline_command(root)`: `python -m PACKAGE.pipeline --root ROOT` run as a user runs it,
    for its exit code and its output (text)."""
    def run(root: Path) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", pipeline.__name__, "--root", str(root)],
                              capture_output=True, text=True, timeout=60)
    return run


@pytest.fixture
def pipeline_refuses():
    """`pipeline_refuses(root, problem, **options)`: pipeline.run(root, **options) stops with an
    error matching `problem` (a regular expression) and writes nothing."""
    def refuses(root: Path, problem: str, **options) -> None:
        with pytest.raises(ImpactError, match=problem):
            pipeline.run(root, out=quiet, **options)
        assert not (root / settings.PROCESSED_DIR).exists()
    return refuses


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh project root holding a copy of data/raw/ (nothing processed yet)."""
    return copy_raw(tmp_path)


@pytest.fixture
def prepared(project: Path) -> Path:
    """`project` after the data pipeline ran."""
    assert pipeline.main(["--root", str(project)]) == 0
    return project


def copy_data_card(root: Path) -> None:
    """data/README.md and data/example.sha256 beside the copied raw data, when the project has them."""
    for name in (settings.DATA_CARD, settings.EXAMPLE_FINGERPRINT):
        if (ROOT / name).is_file():
            shutil.copyfile(ROOT / name, root / name)


@pytest.fixture(scope="session")
def evaluated(tmp_path_factory) -> SimpleNamespace:
    """A project evaluated twice on the shipped data (the same configuration, fast bootstrap);
    the log bytes after each run."""
    root = copy_raw(tmp_path_factory.mktemp("evaluated"))
    copy_data_card(root)
    assert pipeline.main(["--root", str(root)]) == 0
    path = root / settings.LOG
    first = harness.evaluate(TASK, root, n_resamples=500, out=quiet)
    after_first = path.read_bytes()
    second = harness.evaluate(TASK, root, n_resamples=500, out=quiet)
    return SimpleNamespace(root=root, log=path, after_first=after_first, after_second=path.read_bytes(),
                           runs=[first, second], records=log.read(path))


@pytest.fixture(scope="session")
def validator():
    """A validator for the impact-log record schema shipped in impact/."""
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
