"""Charts with matplotlib (Agg backend): a PNG 1200 px wide and an SVG beside it, byte-stable.

`figure()` and `save()` are shared with every figure a task draws (harness.Task.figures), so all
figures of a report look alike and are legible on a phone:

    fig, ax = chart.figure("Confusion matrix", "my-model on 120 held-out examples")
    ax.imshow(...)
    files = chart.save(fig, directory / "confusion")   # -> ["confusion.png", "confusion.svg"]

Saved files carry no timestamp and no random ids (svg.hashsalt is fixed, metadata Date and
Software/Creator removed), so the same data always gives the same bytes on one matplotlib version.
"""

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

WIDTH_PX = 1200
DPI = 100
CANDIDATE, BASELINE, CHAMPION, NOTE = "#2563eb", "#6b7280", "#059669", "#b45309"
STYLE: Any = {  # matplotlib rcParams
    "font.size": 17,
    "axes.titlesize": 22,
    "axes.labelsize": 17,
    "xtick.labelsize": 15,
    "ytick.labelsize": 15,
    "legend.fontsize": 15,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#e5e7eb",
    "svg.hashsalt": "scaffold",
    "svg.fonttype": "path",
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "lines.linewidth": 2.5,
}


def figure(
    title: str, subtitle: str = "", *, height_px: int = 600, ncols: int = 1, sharey: bool = True
) -> tuple[Figure, Any]:
    """A figure 1200 px wide with `ncols` panels (one Axes, or an array of them), titled."""
    with plt.rc_context(STYLE):
        fig, axes = plt.subplots(
            1, ncols, figsize=(WIDTH_PX / DPI, height_px / DPI), dpi=DPI, sharey=sharey, squeeze=True
        )
        fig.suptitle(title, x=0.02, ha="left", fontsize=STYLE["axes.titlesize"], fontweight="bold")
        if subtitle:
            fig.text(0.02, 0.905, subtitle, ha="left", fontsize=15, color=BASELINE)
    return fig, axes


def save(fig: Figure, stem: Path) -> list[str]:
    """Write STEM.png (1200 px wide) and STEM.svg, deterministic; close the figure; return the
    two file names."""
    stem.parent.mkdir(parents=True, exist_ok=True)
    png, svg = stem.with_suffix(".png"), stem.with_suffix(".svg")
    with plt.rc_context(STYLE):
        fig.savefig(png, dpi=DPI, metadata={"Software": None})
        fig.savefig(svg, metadata={"Date": None, "Creator": None})
    plt.close(fig)
    return [png.name, svg.name]


def _segments(
    points: Sequence[tuple[int, float | None, float | None, float | None, str]],
) -> list[list[tuple[int, float, float | None, float | None]]]:
    """Consecutive points with a value and the same segment key (task and test split)."""
    out: list[list[tuple[int, float, float | None, float | None]]] = []
    last_key: str | None = None
    for x, v, lo, hi, key in points:
        if v is None:
            last_key = None
            continue
        if key != last_key or not out:
            out.append([])
        out[-1].append((x, v, lo, hi))
        last_key = key
    return out


def draw_series(
    ax: Axes,
    points: Sequence[tuple[int, float | None, float | None, float | None, str]],
    *,
    label: str,
    color: str,
    dashed: bool = False,
    marker: str = "o",
    offset: float = 0.0,
) -> None:
    """One series: points (x, value, ci low, ci high, segment key); lines join only points of the same
    segment (a change of task or test split breaks the line). `offset` shifts it sideways so the
    intervals of several series at one x stay apart."""
    first = True
    for seg in _segments(points):
        xs = [p[0] + offset for p in seg]
        ys = [p[1] for p in seg]
        ax.plot(
            xs,
            ys,
            color=color,
            linestyle="--" if dashed else "-",
            marker=marker,
            markersize=8,
            label=label if first else None,
        )
        lows = [p[1] - p[2] if p[2] is not None else 0.0 for p in seg]
        highs = [p[3] - p[1] if p[3] is not None else 0.0 for p in seg]
        ax.errorbar(xs, ys, yerr=[lows, highs], fmt="none", ecolor=color, alpha=0.6, capsize=5, linewidth=1.8)
        first = False


def runs_chart(
    path: Path,
    *,
    title: str,
    subtitle: str,
    series: list[dict[str, Any]],
    breaks: list[tuple[float, str]],
    x_labels: dict[int, str],
    y_label: str,
) -> list[str]:
    """The primary metric per run: `series` [{"label", "color", "dashed", "points"}], `breaks`
    [(x, note)] drawn as dotted vertical lines where the task or the test split changed."""
    fig, ax = figure(title, subtitle, height_px=675)
    with plt.rc_context(STYLE):
        for s in series:
            draw_series(
                ax,
                s["points"],
                label=s["label"],
                color=s["color"],
                dashed=s.get("dashed", False),
                marker=s.get("marker", "o"),
                offset=(len(series) - 1) * -0.06 + 0.12 * series.index(s),
            )
        for x, note in breaks:
            ax.axvline(x, color=NOTE, linestyle=":", linewidth=2)
            ax.annotate(
                note,
                (x, 1.0),
                xycoords=("data", "axes fraction"),
                xytext=(6, -4),
                textcoords="offset points",
                va="top",
                color=NOTE,
                fontsize=14,
            )
        ticks = sorted(x_labels)
        step = max(1, len(ticks) // 12 + (1 if len(ticks) % 12 else 0)) if len(ticks) > 12 else 1
        shown = [t for i, t in enumerate(ticks) if i % step == 0 or t == ticks[-1]]
        ax.set_xticks(shown, [x_labels[t] for t in shown])
        if ticks:
            ax.set_xlim(ticks[0] - 0.6, ticks[-1] + 0.6)
        ax.set_xlabel("evaluation run")
        ax.set_ylabel(y_label)
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=len(series), frameon=False,
                  handlelength=2.5, columnspacing=1.5)
        fig.subplots_adjust(left=0.09, right=0.98, top=0.84, bottom=0.24)
    return save(fig, path.with_suffix(""))
