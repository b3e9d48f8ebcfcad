"""The forecast figure the report shows: actual values and each origin's forecasts."""

import xml.etree.ElementTree as ET

import numpy as np

from {{package_name}} import backtest, figures, models, settings
from {{package_name}}.task import TASK

SVG = "{http://www.w3.org/2000/svg}"


def test_draw_plots_the_actual_series_and_one_segment_per_origin_and_system(prepared, tmp_path):
    split = TASK.load_split(prepared / settings.PROCESSED_DIR)
    bt = split.X_test
    systems = {"baseline": models.baseline(0), "candidate": models.candidate(0)}
    predictions = {role: backtest.forecast(s.model, bt) for role, s in systems.items()}
    drawn = TASK.figures(split, systems, predictions, tmp_path)
    assert drawn == [(f"Forecasts from {len(bt.origins)} origins, {bt.horizon} days each", figures.FILE)]
    svg = ET.parse(tmp_path / figures.FILE).getroot()
    lines = svg.findall(f".//{SVG}polyline")
    assert len(lines) == 1 + 2 * len(bt.origins)
    actual = lines[-1].get("points").split()
    assert len(actual) == len(bt.values) - bt.origins[0]
    assert all(len(line.get("points").split()) == bt.horizon for line in lines[:-1])
    text = ET.tostring(svg, encoding="unicode")
    assert "calendar-ridge" in text and "seasonal-naive" in text
    assert str(np.datetime64(bt.dates[bt.origins[1]]))[5:] in text  # origins are labelled
