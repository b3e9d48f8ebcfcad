"""Command-line plumbing shared by the project's commands."""

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from .. import settings
from . import ImpactError

_PACKAGE = __package__.rsplit(".", 1)[0]  # the project's package, e.g. for `python -m PACKAGE.pipeline`


def parser(prog: str, description: str) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog=prog, description=description)
    p.add_argument("--root", type=Path, default=None,
                   help="project root (default: nearest directory with a pyproject.toml)")
    return p


def root_of(args: argparse.Namespace) -> Path:
    return args.root.resolve() if args.root else settings.project_root()


def rel(path: Path, root: Path) -> str:
    """`path` as the user would type it from the project root."""
    try:
        return Path(path).resolve().relative_to(root).as_posix()
    except ValueError:
        return str(path)


def run(command: Callable[[], object]) -> int:
    """Run `command`; a user-fixable error becomes one line on stderr and exit code 1."""
    try:
        command()
    except ImpactError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


def check_test_percent(test_percent: int) -> None:
    """Refuse a --test-percent that leaves the train or the test split empty."""
    if not 0 < test_percent < 100:
        raise ImpactError(f"--test-percent must be between 1 and 99, not {test_percent}")


def split_options(p: argparse.ArgumentParser, test_percent: int, units: str = "rows") -> None:
    """--seed and --test-percent, the options of a seeded train/test split."""
    p.add_argument("--seed", type=int, default=settings.SEED, help=f"split seed (default {settings.SEED})")
    p.add_argument("--test-percent", type=int, default=test_percent,
                   help=f"share of {units} in the test split (default {test_percent})")


def pipeline_main(argv: list[str] | None, description: str, run_pipeline: Callable[..., object], *,
                  test_percent: int | None = None, units: str = "rows",
                  options: Callable[[argparse.ArgumentParser], object] | None = None) -> int:
    """The `main` of a data pipeline: `python -m PACKAGE.pipeline [--root DIR] ...`.

    Parses --root, plus --seed and --test-percent when `test_percent` (the default share of
    `units` held out) is given, plus whatever `options(parser)` adds; then calls
    `run_pipeline(root, **values)` with every value but --root by its argparse name (seed=...,
    test_percent=...) and returns the exit code: 0, or 1 with a user-fixable error printed as one line.
    """
    p = parser(f"python -m {_PACKAGE}.pipeline", description)
    if test_percent is not None:
        split_options(p, test_percent, units)
    if options is not None:
        options(p)
    args = p.parse_args(argv)
    root = root_of(args)
    values = {name: value for name, value in vars(args).items() if name != "root"}
    return run(lambda: run_pipeline(root, **values))


def leakage_option(p: argparse.ArgumentParser) -> None:
    """--allow-leakage: go on when duplicates remain across the splits (recorded as "allowed")."""
    p.add_argument("--allow-leakage", action="store_true",
                   help="accept duplicates across the splits instead of grouping or refusing (recorded)")
