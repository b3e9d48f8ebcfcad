"""Generated tables for the tests, so that no test depends on the shipped example data."""

from collections.abc import Callable
from pathlib import Path

import numpy as np

from {{package_name}} import pipeline


def table_csv(n: int = 240, labels: tuple[str, ...] = ("yes", "no"), seed: int = 0, features: int = 5) -> str:
    """A CSV of `n` rows: `features` numeric columns, the first two informative, and a label."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, len(labels), n)
    X = rng.normal(size=(n, features))
    X[:, 0] += 2.5 * y
    X[:, 1] -= 1.2 * y
    header = ",".join(["id", *(f"f{j}" for j in range(features)), "label"])
    rows = [",".join([f"r{i}", *(f"{v:.6g}" for v in X[i]), labels[y[i]]]) for i in range(n)]
    return header + "\n" + "\n".join(rows) + "\n"


def prepared_table(root: Path, write_raw: Callable[..., Path], text: str | None = None) -> Path:
    """`root` holding a generated table (default: two labels) after the pipeline ran."""
    write_raw(root, {"table.csv": text if text is not None else table_csv()})
    pipeline.run(root, out=lambda line: None)
    return root
