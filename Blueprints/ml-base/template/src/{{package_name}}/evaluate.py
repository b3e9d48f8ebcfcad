"""Fit and score the baseline ladder and the candidate on the test split; log every system.

    python -m PACKAGE.evaluate [--seeds N] [--model-seed S] [--bootstrap-seed B]
                               [--param KEY=VALUE]... [--resamples N] [--root DIR]

What is evaluated is defined in task.py (data, systems, metrics). The candidate's parameters
come from impact/params.json (written by `python -m PACKAGE.tune`) when it matches the candidate
and the data, else from models.DEFAULT_PARAMS; --param overrides one of them for this run.
"""

import sys

from . import settings
from .impact import cli, harness, tuning
from .task import TASK


def main(argv: list[str] | None = None) -> int:
    p = cli.parser(
        f"python -m {__package__}.evaluate",
        "Evaluate the baselines and the candidate, append every system to the impact log.",
    )
    p.add_argument(
        "--seeds",
        type=int,
        default=settings.SEEDS,
        help=f"model seeds to fit seed-dependent systems with, for the spread (default {settings.SEEDS})",
    )
    p.add_argument(
        "--model-seed",
        "--seed",
        dest="seed",
        type=int,
        default=settings.SEED,
        help=f"(first) model seed (default {settings.SEED})",
    )
    p.add_argument(
        "--bootstrap-seed",
        type=int,
        default=settings.BOOTSTRAP_SEED,
        help=f"seed of the bootstrap resamples (default {settings.BOOTSTRAP_SEED})",
    )
    p.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="override a candidate parameter for this run (VALUE as JSON, else a string); repeatable",
    )
    p.add_argument(
        "--resamples",
        type=int,
        default=settings.BOOTSTRAP_RESAMPLES,
        help=f"bootstrap resamples (default {settings.BOOTSTRAP_RESAMPLES})",
    )
    if TASK.options is not None:
        TASK.options(p)
    args = p.parse_args(argv)
    root = cli.root_of(args)

    def command() -> None:
        if TASK.configure is not None:
            TASK.configure(args)
        harness.evaluate(
            TASK,
            root,
            seed=args.seed,
            bootstrap_seed=args.bootstrap_seed,
            seeds=args.seeds,
            n_resamples=args.resamples,
            overrides=tuning.parse_overrides(args.param),
        )

    code = cli.run(command)
    if code == 0:
        print(f"  next: python -m {__package__}.report")
    return code


if __name__ == "__main__":
    sys.exit(main())
