"""Evaluate with a language model behind an OpenAI-compatible API as the candidate's reader.

    OPENAI_BASE_URL=http://localhost:11434/v1 OPENAI_MODEL=llama3.2 \\
        python -m PACKAGE.ask [--tune] --max-cost 0.50 [--price-in 0.15 --price-out 0.60] \\
        [--concurrency 4] [any option of evaluate]

It is `evaluate` with QA_READER=openai-compatible; `--tune` first runs `tune` (top_k on the
validation split: each validation question is asked once per setting, then cached) under the same
cost settings. --max-cost, --price-in, --price-out and --concurrency are evaluate's own options
(task.py), also read from QA_MAX_COST, QA_PRICE_IN_PER_1K, QA_PRICE_OUT_PER_1K and QA_CONCURRENCY.
Prices are US dollars per 1000 tokens; without them a run costs 0 and `--max-cost` has nothing to
stop. Replies are cached in adapters.CACHE_DIR, so a second run sends no request.
"""

import argparse
import os
import sys

from . import evaluate, tune
from .task import configure_reader, reader_options


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog=f"python -m {__package__}.ask",
                                description="Evaluate with an LLM (OpenAI-compatible API) as the reader.",
                                epilog="Other options go to evaluate (see its --help).")
    p.add_argument("--tune", action="store_true", help="run tune (top_k on validation) before evaluate")
    p.add_argument("--root", help="project root (default: the nearest directory with pyproject.toml)")
    reader_options(p)
    args, rest = p.parse_known_args(argv)
    os.environ["QA_READER"] = "openai-compatible"
    configure_reader(args)  # for tune too
    root = ["--root", args.root] if args.root else []
    if args.tune:
        code = tune.main(root)
        if code:
            return code
    return evaluate.main(root + rest)


if __name__ == "__main__":
    sys.exit(main())
