"""Which code produced a result: the git commit and whether the tree was dirty."""

import re
import subprocess
from pathlib import Path

# Outputs the commands themselves write; changes there do not make the code dirty.
IGNORED = ("impact", "data/processed")


def _git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def info(root: Path) -> dict:
    """{"commit": 40 hex or None outside git (or before the first commit), "dirty": bool or None}.

    dirty: tracked or untracked changes outside impact/ and data/processed/.
    """
    commit = (_git(root, "rev-parse", "--verify", "-q", "HEAD") or "").strip()
    if not re.fullmatch(r"[0-9a-f]{40}", commit):
        inside = (_git(root, "rev-parse", "--is-inside-work-tree") or "").strip() == "true"
        status = _git(root, "status", "--porcelain") if inside else None
        return {"commit": None, "dirty": bool(status) if inside and status is not None else None}
    excludes = [f":(exclude){p}" for p in IGNORED]
    status = _git(root, "status", "--porcelain", "--", ".", *excludes)
    return {"commit": commit, "dirty": None if status is None else bool(status.strip())}
