"""Choose the candidate's parameters on the validation split; write impact/params.json.

    python -m PACKAGE.tune [--seed N] [--root DIR]

Fits the candidate for every setting of models.SEARCH_SPACE on the training split and scores the
primary metric on the validation split (never the test split, which it does not open), prints the
table and saves the best setting, which `evaluate` then uses.
"""

import sys

from threadpoolctl import threadpool_limits

from . import settings
from .impact import cli, tuning
from .task import TASK


def main(argv: list[str] | None = None) -> int:
    p = cli.parser(
        f"python -m {__package__}.tune",
        "Search the candidate's parameters on the validation split; write impact/params.json.",
    )
    p.add_argument("--seed", type=int, default=settings.SEED, help=f"model seed (default {settings.SEED})")
    args = p.parse_args(argv)
    root = cli.root_of(args)

    def command() -> None:
        with threadpool_limits(limits=settings.BLAS_THREADS):
            tuning.tune(TASK, root, seed=args.seed)

    code = cli.run(command)
    if code == 0:
        print(f"  next: python -m {__package__}.evaluate")
    return code


if __name__ == "__main__":
    sys.exit(main())
