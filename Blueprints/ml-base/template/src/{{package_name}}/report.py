"""Write impact/IMPACT.md and impact/primary_metric.png (+ .svg) from the impact log.

python -m PACKAGE.report [--root DIR]
"""

import sys

from . import settings
from .impact import cli, report
from .task import TASK


def main(argv: list[str] | None = None) -> int:
    p = cli.parser(
        f"python -m {__package__}.report",
        "Write IMPACT.md and the chart of the primary metric from the impact log.",
    )
    args = p.parse_args(argv)
    root = cli.root_of(args)
    paths = root / settings.LOG, root / settings.REPORT, root / settings.CHART, root / settings.FIGURES

    def command() -> None:
        records = report.write(TASK, *paths)
        runs = report.runs(records)
        print(f"report: {len(runs)} run{'s' if len(runs) != 1 else ''} from {settings.LOG}")
        last = next((r.candidate for r in reversed(runs) if r.candidate), None)
        if last:
            print("  " + report.headline(last, TASK.label(last["primary_metric"]), TASK.test_units))
            if last.get("previous_best"):
                print("  " + report.previous_sentence(last))
        drawn = len(report.read_figures(paths[3], last["run"])) if last else 0
        extra = f", {drawn} figure{'s' if drawn != 1 else ''}" if drawn else ""
        print(
            f"  wrote {settings.REPORT} (headline, ladder, tables{extra}) and {settings.CHART} + "
            f"{settings.CHART.with_suffix('.svg').name} (chart)"
        )

    return cli.run(command)


if __name__ == "__main__":
    sys.exit(main())
