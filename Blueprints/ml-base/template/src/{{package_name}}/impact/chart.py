"""A hand-written SVG line chart of one metric over evaluation runs (no plotting dependency).

`begin()` and `text()` are shared with any other figure a task draws (harness.Task.figures),
so every figure of a report has the same look.
"""

import math
from xml.sax.saxutils import escape, quoteattr

W, H = 760, 380
LEFT, RIGHT, TOP, BOTTOM = 64, 580, 64, 320  # plot area; the legend sits right of it
CANDIDATE, BASELINE, GRID, INK, NOTE = "#2563eb", "#6b7280", "#e5e7eb", "#111827", "#b45309"
FONT = "system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif"


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering [low, high]."""
    if not (math.isfinite(low) and math.isfinite(high)):
        low, high = 0.0, 1.0
    if high - low < 1e-9:
        pad = abs(high) * 0.1 or 0.5
        low, high = low - pad, high + pad
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(s * magnitude for s in (1, 2, 2.5, 5, 10) if s * magnitude >= raw)
    first = math.floor(low / step + 1e-9) * step
    ticks, t = [], first
    while t < high + step * 0.999:
        ticks.append(round(t, 10))
        t += step
    return ticks


def text(x: float, y: float, s: str, size: int = 12, anchor: str = "start", fill: str = INK,
         weight: str = "normal") -> str:
    """An SVG <text> element; `s` is escaped."""
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
            f'fill="{fill}" font-weight="{weight}">{escape(s)}</text>')


_text = text  # its earlier, private name


def begin(width: int, height: int, title: str, subtitle: str, left: int = LEFT) -> list[str]:
    """The opening lines of a figure: the <svg> element, its <title>, a white background, and the
    title and subtitle at the top left. Append the body, then "</svg>"."""
    return [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" role="img" aria-label={quoteattr(title)} font-family="{FONT}">',
            f"<title>{escape(title)}</title>",
            f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
            text(left, 28, title, 16, weight="600"),
            text(left, 47, subtitle, 12, fill=BASELINE)]


def line_chart(runs: list[dict], *, title: str, subtitle: str, candidate_label: str,
               baseline_label: str) -> str:
    """SVG of runs = [{"label", "sublabel", "candidate": (value, low, high) | None,
    "baseline": (value, low, high) | None, "data": fingerprint}]."""
    values = [v for r in runs for key in ("candidate", "baseline") if r.get(key)
              for v in r[key] if v is not None]
    ticks = nice_ticks(min(values, default=0.0), max(values, default=1.0))
    y_lo, y_hi = ticks[0], ticks[-1]

    def y(v: float) -> float:
        return BOTTOM - (v - y_lo) / (y_hi - y_lo) * (BOTTOM - TOP)

    n = len(runs)
    step = (RIGHT - LEFT) / max(n, 1)

    def x(i: int) -> float:
        return LEFT + step * (i + 0.5)

    out = begin(W, H, title, subtitle)
    for t in ticks:
        out.append(f'<line x1="{LEFT}" y1="{y(t):.1f}" x2="{RIGHT}" y2="{y(t):.1f}" stroke="{GRID}"/>')
        out.append(text(LEFT - 8, y(t) + 4, f"{t:g}", 11, "end", BASELINE))
    out.append(f'<line x1="{LEFT}" y1="{BOTTOM}" x2="{RIGHT}" y2="{BOTTOM}" stroke="{BASELINE}"/>')
    every = max(1, math.ceil(n / 12))
    for i, r in enumerate(runs):
        if i % every == 0 or i == n - 1:
            out.append(text(x(i), BOTTOM + 18, r["label"], 11, "middle"))
            out.append(text(x(i), BOTTOM + 33, r.get("sublabel", ""), 10, "middle", BASELINE))
        if i and r.get("data") != runs[i - 1].get("data"):
            edge = x(i) - step / 2
            out.append(f'<line x1="{edge:.1f}" y1="{TOP}" x2="{edge:.1f}" y2="{BOTTOM}" '
                       f'stroke="{NOTE}" stroke-dasharray="2 3"/>')
            out.append(text(edge + 3, TOP + 10, "new data", 10, fill=NOTE))
    out.append(text(LEFT, BOTTOM + 50, "evaluation run", 11, fill=BASELINE))
    radius = 4 if n <= 40 else 2.5
    for key, color, dash in (("baseline", BASELINE, ' stroke-dasharray="6 4"'), ("candidate", CANDIDATE, "")):
        pts = [(x(i), r[key]) for i, r in enumerate(runs) if r.get(key) and r[key][0] is not None]
        if len(pts) > 1:
            path = " ".join(f"{px:.1f},{y(v[0]):.1f}" for px, v in pts)
            out.append(f'<polyline points="{path}" fill="none" stroke="{color}" stroke-width="2"{dash}/>')
        for px, (v, lo, hi) in pts:
            if lo is not None and hi is not None:
                out.append(f'<line x1="{px:.1f}" y1="{y(lo):.1f}" x2="{px:.1f}" y2="{y(hi):.1f}" '
                           f'stroke="{color}" stroke-width="1.5" opacity="0.7"/>')
                for end in (lo, hi):
                    out.append(f'<line x1="{px - 4:.1f}" y1="{y(end):.1f}" x2="{px + 4:.1f}" '
                               f'y2="{y(end):.1f}" stroke="{color}" stroke-width="1.5" opacity="0.7"/>')
            out.append(f'<circle cx="{px:.1f}" cy="{y(v):.1f}" r="{radius}" fill="{color}"/>')
        if pts:
            px, (v, _, _) = pts[-1]
            out.append(text(px + 8, y(v) + 4, f"{v:.2f}", 12, fill=color, weight="600"))
    lx = RIGHT + 24
    out.append(f'<line x1="{lx}" y1="{TOP + 6}" x2="{lx + 24}" y2="{TOP + 6}" stroke="{CANDIDATE}" '
               'stroke-width="2"/>')
    out.append(f'<circle cx="{lx + 12}" cy="{TOP + 6}" r="4" fill="{CANDIDATE}"/>')
    out.append(text(lx + 32, TOP + 10, "candidate", 12))
    out.append(text(lx + 32, TOP + 25, candidate_label[:22], 11, fill=BASELINE))
    out.append(f'<line x1="{lx}" y1="{TOP + 46}" x2="{lx + 24}" y2="{TOP + 46}" stroke="{BASELINE}" '
               'stroke-width="2" stroke-dasharray="6 4"/>')
    out.append(f'<circle cx="{lx + 12}" cy="{TOP + 46}" r="4" fill="{BASELINE}"/>')
    out.append(text(lx + 32, TOP + 50, "baseline", 12))
    out.append(text(lx + 32, TOP + 65, baseline_label[:22], 11, fill=BASELINE))
    out.append(f'<line x1="{lx + 12}" y1="{TOP + 82}" x2="{lx + 12}" y2="{TOP + 100}" stroke="{INK}" '
               'stroke-width="1.5" opacity="0.7"/>')
    out.append(text(lx + 32, TOP + 95, "95% CI", 12))
    out.append("</svg>")
    return "\n".join(out) + "\n"
