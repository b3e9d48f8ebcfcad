"""Command-line plumbing shared by the project's commands."""

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from .. import settings
from . import ImpactError


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
