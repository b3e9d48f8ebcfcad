"""Every line of the package fits ruff's line length, whatever the answers given to scaffold were.

The description given to scaffold is a line of the package docstring (src/PACKAGE/__init__.py), where
`ruff check` lets a long one pass (see pyproject.toml); this test names it, and any other long line.
"""

import re
import unicodedata
from pathlib import Path

from {{package_name}} import settings

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / settings.__name__.split(".")[0]


def line_length() -> int:
    """`line-length` of [tool.ruff] in pyproject.toml."""
    found = re.search(r"^line-length\s*=\s*(\d+)\s*$", (ROOT / "pyproject.toml").read_text(encoding="utf-8"),
                      re.MULTILINE)
    assert found, "pyproject.toml sets no line-length for ruff"
    return int(found.group(1))


def width(text: str) -> int:
    """Columns as ruff counts them: wide (East Asian) characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def too_long(line: str, limit: int) -> bool:
    """Over `limit`, with ruff's exceptions: a single word, or a URL at the end that starts within it."""
    words = line.split()
    if width(line) <= limit or len(words) < 2:
        return False
    return not ("://" in words[-1] and width(line) - width(words[-1]) <= limit)


def test_every_line_of_the_package_fits_the_line_length():
    limit = line_length()
    files = sorted(PACKAGE.rglob("*.py"))
    assert files, f"no .py files in {PACKAGE}"
    long = [f"{path.relative_to(ROOT).as_posix()}:{number}: {width(line)} columns"
            for path in files
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if too_long(line, limit)]
    assert not long, (f"lines longer than ruff's line-length {limit} (pyproject.toml): {'; '.join(long)}. "
                      "Break them up; a description given to scaffold can be wrapped by hand in the "
                      "package docstring (__init__.py).")


def test_the_check_counts_like_ruff():
    assert not too_long("x" * 200, 110)  # one word: nothing to break
    assert too_long("word " * 30, 110)
    assert not too_long("see " + "a" * 20 + " https://example.org/" + "p" * 200, 110)
    assert width("日本") == 4
