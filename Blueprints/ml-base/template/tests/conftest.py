"""Fixtures shared by every blueprint's tests: throwaway copies of the project."""

import json
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from threadpoolctl import threadpool_limits

from {{package_name}} import pipeline, settings
from {{package_name}}.impact import harness, log
from {{package_name}}.task import TASK

ROOT = Path(__file__).resolve().parents[1]
SCHEMA_PATH = ROOT / "impact" / "impact-log.schema.json"


@pytest.fixture(autouse=True, scope="session")
def blas_threads():
    """Tests fit models too: the same BLAS thread limit as the harness (see settings.py)."""
    with threadpool_limits(limits=settings.BLAS_THREADS, user_api="blas"):
        yield


def quiet(_line: str) -> None:
    pass


def copy_raw(root: Path) -> Path:
    shutil.copytree(ROOT / settings.RAW_DIR, root / settings.RAW_DIR)
    return root


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh project root holding a copy of data/raw/ (nothing processed yet)."""
    return copy_raw(tmp_path)


@pytest.fixture
def prepared(project: Path) -> Path:
    """`project` after the data pipeline ran."""
    assert pipeline.main(["--root", str(project)]) == 0
    return project


@pytest.fixture(scope="session")
def evaluated(tmp_path_factory) -> SimpleNamespace:
    """A project evaluated twice on the shipped data; the log bytes after each run."""
    root = copy_raw(tmp_path_factory.mktemp("evaluated"))
    assert pipeline.main(["--root", str(root)]) == 0
    path = root / settings.LOG
    first = harness.evaluate(TASK, root, out=quiet)
    after_first = path.read_bytes()
    second = harness.evaluate(TASK, root, out=quiet)
    return SimpleNamespace(root=root, log=path, after_first=after_first, after_second=path.read_bytes(),
                           runs=[first, second], records=log.read(path))


@pytest.fixture(scope="session")
def validator():
    """A validator for the impact-log record schema shipped in impact/."""
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
