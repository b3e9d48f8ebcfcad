"""Evaluate with a language model behind an OpenAI-compatible API as the candidate's reader.

    OPENAI_BASE_URL=http://localhost:11434/v1 OPENAI_MODEL=llama3.2 \\
        python -m PACKAGE.ask --max-cost 0.50 [--price-in 0.15 --price-out 0.60] [--concurrency 4] \\
        [--tune] [any option of evaluate]

It is `evaluate` with QA_READER=openai-compatible and the reader's settings given as options
(each one is also an environment variable: QA_MAX_COST, QA_PRICE_IN_PER_1K, QA_PRICE_OUT_PER_1K,
QA_CONCURRENCY). `--tune` first chooses top_k on the validation split (each validation question
is asked once per setting, then cached). Prices are US dollars per 1000 tokens; without them a
run costs 0 and `--max-cost` has nothing to stop. Replies are cached in adapters.CACHE_DIR, so
a second run sends no request and costs nothing.
"""

import argparse
import os
import sys

from . import evaluate, tune

OPTIONS = {"max_cost": "QA_MAX_COST", "price_in": "QA_PRICE_IN_PER_1K", "price_out": "QA_PRICE_OUT_PER_1K",
           "concurrency": "QA_CONCURRENCY"}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog=f"python -m {__package__}.ask",
                                description="Evaluate with an LLM (OpenAI-compatible API) as the reader.",
                                epilog="Other options go to evaluate (see its --help).")
    p.add_argument("--max-cost", type=float, metavar="USD",
                   help="stop before a request could take this run's spend above USD (nothing is logged)")
    p.add_argument("--price-in", type=float, metavar="USD", help="price of 1000 prompt tokens")
    p.add_argument("--price-out", type=float, metavar="USD", help="price of 1000 completion tokens")
    p.add_argument("--concurrency", type=int, metavar="N", help="requests at a time (default 4)")
    p.add_argument("--tune", action="store_true", help="run tune (top_k on validation) before evaluate")
    args, rest = p.parse_known_args(argv)
    os.environ["QA_READER"] = "openai-compatible"
    for option, variable in OPTIONS.items():
        value = getattr(args, option)
        if value is not None:
            os.environ[variable] = str(value)
    if args.tune:
        roots = [rest[i + 1] for i, a in enumerate(rest[:-1]) if a == "--root"]
        code = tune.main(["--root", roots[-1]] if roots else [])
        if code:
            return code
    return evaluate.main(rest)


if __name__ == "__main__":
    sys.exit(main())
