"""The report's figure for forecasting: the actual series over the backtest with the forecasts of the
candidate and the strongest baseline.

harness.Task.figures calls `draw()` after each evaluation; it writes forecasts.png
and forecasts.svg (matplotlib, through impact.chart) beside IMPACT.md, and the
report shows the figure under the latest run. Each forecast window is drawn as
its own line, starting at its origin (the dotted vertical lines), so you see
what each refitted model predicted from that day.
"""

from pathlib import Path

import numpy as np

from .backtest import Backtest
from .impact import chart
from .impact.harness import Split, System

STEM = "forecasts"  # forecasts.png and forecasts.svg
FILE = STEM + ".png"


def draw(split: Split, systems: dict[str, System], predictions: dict[str, np.ndarray],
         directory: Path) -> list[tuple[str, str]]:
    """Task.figures: the candidate's and the strongest baseline's forecasts against the actual values.
    `systems` and `predictions` are keyed by role: "candidate" and "baseline"."""
    bt: Backtest = split.X_test
    first = bt.origins[0]
    dates = bt.dates[first:].astype("datetime64[D]").astype(object)
    title = f"Forecasts from {len(bt.origins)} origins, {bt.horizon} days each"
    fig, ax = chart.figure(title, "each model refitted at every origin (dotted) on the days before it")
    ax.plot(dates, bt.values[first:], color="#111827", linewidth=1.4, label="actual")
    for role, color, style in (("baseline", chart.BASELINE, "--"), ("candidate", chart.CANDIDATE, "-")):
        windows = np.asarray(predictions[role], dtype=float).reshape(len(bt.origins), bt.horizon)
        for k, (origin, values) in enumerate(zip(bt.origins, windows, strict=True)):
            ax.plot(dates[origin - first:origin - first + bt.horizon], values, color=color, linestyle=style,
                    linewidth=1.8, label=systems[role].name if k == 0 else None)
    for origin in bt.origins:
        ax.axvline(dates[origin - first], color=chart.BASELINE, linestyle=":", linewidth=1)
    ax.set_xlabel(f"forecast windows, {dates[0]} to {dates[-1]}")
    ax.set_ylabel("value")
    ax.legend(loc="upper left", frameon=False, ncols=3, fontsize=15)
    fig.autofmt_xdate()
    fig.subplots_adjust(left=0.08, right=0.98, top=0.84, bottom=0.18)
    chart.save(fig, directory / STEM)
    return [(title, FILE)]
