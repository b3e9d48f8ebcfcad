"""What the make-it-yours scripts share: taking the generated README's own model example,
and the command line that prints every file a script touched (the Swift driver checks them).

Imported by the scripts beside this file (their folder is on sys.path when run as scripts).
"""

import random
import re
import sys
from collections.abc import Callable, Iterable
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
         steps: Callable[[Path, random.Random], Iterable[Path]]) -> int:
    """`SCRIPT PROJECT_DIR`: run `steps(root, rng)` and print the files they touched."""
    if len(argv) != 2:
        print(usage, file=sys.stderr)
        return 2
    root = Path(argv[1])
    for path in steps(root, random.Random(seed)):
        print(path.relative_to(root).as_posix())
    return 0
