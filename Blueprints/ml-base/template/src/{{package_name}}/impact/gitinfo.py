"""Which code produced a result: the git commit and whether the tree was dirty."""

import re
import subprocess
from pathlib import Path
from typing import Any

# Exactly the files the commands themselves write (git pathspecs); changes there do not make the code
# dirty. Anything else, impact/impact-log.schema.json included, does. data/processed/ and models/ are
# git-ignored as well.
IGNORED = ("impact/log.jsonl", "impact/log.jsonl.cut", "impact/predictions", "impact/params.json",
           "impact/metrics.json", "impact/IMPACT.md", "impact/MODEL_CARD.md", "impact/figures.json",
           "glob:impact/*.png", "glob:impact/*.svg", "impact/cache", "data/processed", "models")


def _git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def info(root: Path) -> dict[str, Any]:
    """{"commit": 40 hex or None outside git (or before the first commit), "dirty": bool or None}.

    dirty: tracked or untracked changes to any file but those in IGNORED.
    """
    commit = (_git(root, "rev-parse", "--verify", "-q", "HEAD") or "").strip()
    if not re.fullmatch(r"[0-9a-f]{40}", commit):
        inside = (_git(root, "rev-parse", "--is-inside-work-tree") or "").strip() == "true"
        status = _git(root, "status", "--porcelain") if inside else None
        return {"commit": None, "dirty": bool(status) if inside and status is not None else None}
    excludes = [f":(exclude,glob){p[5:]}" if p.startswith("glob:") else f":(exclude){p}" for p in IGNORED]
    status = _git(root, "status", "--porcelain", "--", ".", *excludes)
    return {"commit": commit, "dirty": None if status is None else bool(status.strip())}
