#!/usr/bin/env python3
"""Build the tiny DistilBERT checkpoint for nlp-eval's transformer end-to-end test.

    tiny_checkpoint.py PROJECT_DIR OUT_DIR

Uses the generated project's own builder (PROJECT_DIR/tests/tiny_model.py), with a WordPiece
tokenizer trained on the `text` column of PROJECT_DIR/data/raw/*.csv, so the test exercises the
code the project ships. Offline: nothing is downloaded.
"""

import csv
import importlib.util
import sys
from pathlib import Path


def main() -> int:
    if len(sys.argv) != 3:
        print("usage: tiny_checkpoint.py PROJECT_DIR OUT_DIR", file=sys.stderr)
        return 2
    project, out = Path(sys.argv[1]), Path(sys.argv[2])
    spec = importlib.util.spec_from_file_location("tiny_model", project / "tests" / "tiny_model.py")
    if spec is None or spec.loader is None:
        print(f"error: {project}/tests/tiny_model.py not found", file=sys.stderr)
        return 1
    tiny_model = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tiny_model)
    texts = []
    for path in sorted((project / "data" / "raw").glob("*.csv")):
        with open(path, encoding="utf-8", newline="") as f:
            texts += [row["text"] for row in csv.DictReader(f)]
    tiny_model.build(texts, out)
    print(f"tiny DistilBERT ({len(texts)} texts for its tokenizer) in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
