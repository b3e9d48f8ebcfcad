"""The forecast figure the report shows: actual values and each origin's forecasts, PNG and SVG."""

import struct
from pathlib import Path

from {{package_name}} import backtest, figures, models, settings
from {{package_name}}.task import TASK


def test_draw_writes_the_forecast_figure_as_png_and_svg(prepared: Path, tmp_path: Path) -> None:
    split = TASK.load_split(prepared / settings.PROCESSED_DIR)
    bt = split.X_test
    systems = {"baseline": models.baselines(0)[-1], "candidate": models.candidate(0, models.DEFAULT_PARAMS)}
    predictions = {role: backtest.forecast(s.model, bt) for role, s in systems.items()}
    assert TASK.figures is not None
    out = tmp_path / "figures"
    drawn = TASK.figures(split, systems, predictions, out)
    assert drawn == [(f"Forecasts from {len(bt.origins)} origins, {bt.horizon} days each", figures.FILE)]
    png = (out / figures.FILE).read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">I", png[16:20])[0] == 1200  # width in px
    assert (out / f"{figures.STEM}.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")
