"""Fit and score the baseline and the candidate on the test split; log both.

    python -m PACKAGE.evaluate [--seed N] [--resamples N] [--root DIR]

What is evaluated is defined in task.py (data, systems, metrics).
"""

import sys

from . import settings
from .impact import cli, harness
from .task import TASK


def main(argv: list[str] | None = None) -> int:
    p = cli.parser(f"python -m {__package__}.evaluate",
                   "Evaluate the baseline and the candidate, append both to the impact log.")
    p.add_argument("--seed", type=int, default=settings.SEED,
                   help=f"seed for the models and the bootstrap (default {settings.SEED})")
    p.add_argument("--resamples", type=int, default=settings.BOOTSTRAP_RESAMPLES,
                   help=f"bootstrap resamples (default {settings.BOOTSTRAP_RESAMPLES})")
    args = p.parse_args(argv)
    root = cli.root_of(args)
    code = cli.run(lambda: harness.evaluate(TASK, root, seed=args.seed, n_resamples=args.resamples))
    if code == 0:
        print(f"  next: python -m {__package__}.report")
    return code


if __name__ == "__main__":
    sys.exit(main())
