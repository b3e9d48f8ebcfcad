"""The report's figure for forecasting: the actual series over the backtest with both systems' forecasts.

harness.Task.figures calls `draw()` after each evaluation; it writes the SVG
beside IMPACT.md, and the report shows it under the latest run. Each forecast
window is drawn as its own line segment, starting at its origin (the dotted
vertical lines), so you see what each refitted model predicted from that day.
"""

import math
from pathlib import Path

import numpy as np

from .backtest import Backtest
from .impact import chart
from .impact.chart import BASELINE, BOTTOM, CANDIDATE, GRID, INK, LEFT, RIGHT, TOP, text
from .impact.harness import Split, System

FILE = "forecasts.svg"


def forecasts_svg(bt: Backtest, forecasts: dict[str, np.ndarray], *, title: str, subtitle: str) -> str:
    """Actual values of the forecast windows (black) and each system's forecasts, {name: values in
    window order}: the first system in blue, the others grey and dashed."""
    first = bt.origins[0]
    dates, actual = bt.dates[first:], bt.values[first:]
    everything = np.concatenate([actual, *forecasts.values()])
    ticks = chart.nice_ticks(float(everything.min()), float(everything.max()))

    def x(i: float) -> float:
        return LEFT + i / max(len(dates) - 1, 1) * (RIGHT - LEFT)

    def y(v: float) -> float:
        return BOTTOM - (v - ticks[0]) / (ticks[-1] - ticks[0]) * (BOTTOM - TOP)

    def polyline(values: np.ndarray, start: int, color: str, width: float, dash: str) -> str:
        points = " ".join(f"{x(start + i):.1f},{y(v):.1f}" for i, v in enumerate(values))
        return (f'<polyline points="{points}" fill="none" stroke="{color}" stroke-width="{width}"'
                + (f' stroke-dasharray="{dash}"' if dash else "") + "/>")

    out = chart.begin(chart.W, chart.H, title, subtitle)
    for t in ticks:
        out.append(f'<line x1="{LEFT}" y1="{y(t):.1f}" x2="{RIGHT}" y2="{y(t):.1f}" stroke="{GRID}"/>')
        out.append(text(LEFT - 8, y(t) + 4, f"{t:g}", 11, "end", BASELINE))
    every = max(1, math.ceil(len(bt.origins) / 12))
    for k, origin in enumerate(bt.origins):
        at = x(origin - first)
        out.append(f'<line x1="{at:.1f}" y1="{TOP}" x2="{at:.1f}" y2="{BOTTOM}" stroke="{BASELINE}" '
                   'stroke-dasharray="1 3"/>')
        if k % every == 0:
            out.append(text(at, BOTTOM + 18, str(bt.dates[origin])[5:], 10, "middle", BASELINE))
    out.append(text(LEFT, BOTTOM + 40, f"forecast origins (month-day), {dates[0]} to {dates[-1]}", 11,
                    fill=BASELINE))
    styles = [(CANDIDATE, 1.4, ""), (BASELINE, 1.1, "4 3")]  # the first system, then the others
    legend = [("actual", INK, "")]
    lines = []
    for n, (name, values) in enumerate(forecasts.items()):
        color, width, dash = styles[min(n, 1)]
        legend.append((name, color, dash))
        windows = values.reshape(len(bt.origins), bt.horizon)
        lines.insert(0, [polyline(w, origin - first, color, width, dash)
                         for w, origin in zip(windows, bt.origins, strict=True)])
    for segments in lines:  # the baseline below the candidate, the actual values on top
        out += segments
    out.append(polyline(actual, 0, INK, 1.0, ""))
    for n, (name, color, dash) in enumerate(legend):
        top = TOP + 6 + 28 * n
        out.append(f'<line x1="{RIGHT + 24}" y1="{top}" x2="{RIGHT + 48}" y2="{top}" stroke="{color}" '
                   'stroke-width="2"' + (f' stroke-dasharray="{dash}"' if dash else "") + "/>")
        out.append(text(RIGHT + 56, top + 4, name[:22], 12))
    out.append("</svg>")
    return "\n".join(out) + "\n"


def draw(split: Split, systems: dict[str, System], predictions: dict[str, np.ndarray],
         directory: Path) -> list[tuple[str, str]]:
    """Task.figures: forecasts.svg, the candidate's and the baseline's forecasts against the actual values."""
    bt = split.X_test
    forecasts = {systems[role].name: np.asarray(predictions[role], dtype=float)
                 for role in ("candidate", "baseline")}
    title = f"Forecasts from {len(bt.origins)} origins, {bt.horizon} days each"
    svg = forecasts_svg(bt, forecasts, title=title,
                        subtitle="each model refitted at every origin (dotted) on the days before it")
    (directory / FILE).write_text(svg, encoding="utf-8")
    return [(title, FILE)]
