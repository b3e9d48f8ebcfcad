"""What the make-it-yours scripts share: taking the generated README's own model example,
and the command line that tells the Swift driver what a script touched, the task's new wording
and the example's words that must be gone (see main()).

Imported by the scripts beside this file (their folder is on sys.path when run as scripts).
"""

import random
import re
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path


def swap_model(root: Path, marker: str) -> Path:
    """Replace models.py from `marker` on (DEFAULT_PARAMS, SEARCH_SPACE and candidate() end the
    file) with the Python example under the README's "Use your own model"."""
    readme = (root / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Use your own model"):]
    example = re.search(r"```python\n(.*?)```", section, flags=re.DOTALL)
    assert example, "no Python example under 'Use your own model' in README.md"
    path = next((root / "src").glob("*/models.py"))
    text = path.read_text(encoding="utf-8")
    path.write_text(text[:text.index(marker)] + example.group(1), encoding="utf-8")
    return path


def main(argv: list[str], usage: str, seed: int,
         steps: Callable[[Path, random.Random], Iterable[Path]],
         answers: Mapping[str, str], stale: Iterable[str]) -> int:
    """`SCRIPT PROJECT_DIR`: run `steps(root, rng)`, then print what the Swift driver needs, a line each:

    - `touched PATH`: every file the steps wrote or deleted (the driver checks that git sees exactly
      these changed, and that the README's "Use your own data/model" sections name each of them);
    - `set KEY=VALUE`: the task's wording for the new data (`task_name`, `unit`, `units`,
      `description`), which the driver changes with `scaffold update --set`, as the README says;
    - `stale WORD`: words of the shipped example (its domain, its unit) that must then be gone from
      README.md, pyproject.toml, scaffold.json, `__init__.py`, task.py, IMPACT.md and MODEL_CARD.md
      (matched case-insensitively at the start of a word).
    """
    if len(argv) != 2:
        print(usage, file=sys.stderr)
        return 2
    root = Path(argv[1])
    for path in steps(root, random.Random(seed)):
        print("touched", path.relative_to(root).as_posix())
    for key, value in answers.items():
        print(f"set {key}={value}")
    for word in stale:
        print("stale", word)
    return 0
